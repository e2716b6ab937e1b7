// dt-sql-parser's ESM build imports files without extensions ("./x"); Node wants "./x.js".
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (!specifier.startsWith('.') || !['ERR_MODULE_NOT_FOUND', 'ERR_UNSUPPORTED_DIR_IMPORT'].includes(error.code)) {
      throw error;
    }
    for (const candidate of [specifier + '.js', specifier + '/index.js']) {
      try {
        return await next(candidate, context);
      } catch {
        // try the next spelling
      }
    }
    throw error;
  }
}
