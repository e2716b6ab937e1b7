// The rule language's tokens, for highlighting and completion only: the server's scanner and checker
// decide what is valid, and their diagnostics are what the editor underlines.
const keywords = new Set(['AND', 'OR', 'NOT', 'IN', 'BETWEEN', 'IS', 'NULL', 'TRUE', 'FALSE', 'CONTAINS', 'STARTS', 'ENDS', 'WITH', 'HAS']);

export function tokenize(text, catalog) {
  const metrics = new Set(catalog.metrics.map(m => m.name));
  const functions = new Set(catalog.functions.map(f => f.name));
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const c = text[i];
    if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      tokens.push({ start, end: i, kind: 'comment' });
    } else if (c === "'") {
      i++;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") i += 2;
        else if (text[i] === "'") { i++; break; }
        else i++;
      }
      tokens.push({ start, end: i, kind: 'string' });
    } else if (/[0-9]/.test(c)) {
      while (i < text.length && /[0-9._]/.test(text[i])) i++;
      while (i < text.length && /[a-zA-Z]/.test(text[i])) i++;
      tokens.push({ start, end: i, kind: 'number' });
    } else if (/[A-Za-z_]/.test(c)) {
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      const word = text.slice(start, i);
      const kind = keywords.has(word.toUpperCase()) ? 'keyword'
        : functions.has(word) && /^\s*\(/.test(text.slice(i)) ? 'function'
        : metrics.has(word) ? 'metric' : 'unknown';
      tokens.push({ start, end: i, kind, word });
    } else {
      i++;
      if (!/\s/.test(c)) tokens.push({ start, end: i, kind: 'operator', word: c });
    }
  }
  return tokens;
}

/** The identifier the caret stands at the end of, with the token before it; null inside a string, a comment or a number. */
export function wordBefore(text, caret, catalog) {
  const before = text.slice(0, caret);
  const last = tokenize(before, catalog).at(-1);
  if (last && last.end === caret) {
    if (last.kind === 'comment' || last.kind === 'number') return null;
    if (last.kind === 'string' && !(last.end - last.start > 1 && before.endsWith("'"))) return null;
  }
  const match = /[A-Za-z_][A-Za-z0-9_]*$/.exec(before);
  const word = match ? match[0] : '';
  const previous = tokenize(before.slice(0, caret - word.length), catalog).at(-1);
  return { start: caret - word.length, word, previous };
}

export function completions(catalog, word, previous) {
  const lower = word.toLowerCase();
  const afterOperand = previous && (['metric', 'number', 'string'].includes(previous.kind) || (previous.kind === 'operator' && previous.word === ')'));
  const items = [];
  if (word === '' && afterOperand) {
    // After a closing parenthesis the likeliest next word joins conditions; after a value, an operator compares it.
    const joins = ['AND', 'OR'].map(k => ({ label: k, insert: `${k} `, kind: 'keyword', detail: 'joins two conditions' }));
    const tests = ['IN (', 'NOT IN (', 'BETWEEN', 'IS NULL', 'IS NOT NULL', 'CONTAINS', 'STARTS WITH', 'ENDS WITH', 'HAS']
      .map(k => ({ label: k, insert: `${k} `, kind: 'keyword', detail: '' }));
    const compares = catalog.operators.filter(op => ['=', '!=', '<', '<=', '>', '>='].includes(op)).map(op => ({ label: op, insert: `${op} `, kind: 'operator', detail: 'compares' }));
    const arithmetic = catalog.operators.filter(op => !compares.some(c => c.label === op)).map(op => ({ label: op, insert: `${op} `, kind: 'operator', detail: 'arithmetic' }));
    return previous.word === ')' ? [...joins, ...compares, ...tests, ...arithmetic] : [...compares, ...tests, ...arithmetic, ...joins];
  }
  const score = name => (name.toLowerCase().startsWith(lower) ? 0 : name.toLowerCase().includes(lower) ? 1 : 2);
  for (const m of catalog.metrics) if (score(m.name) < 2) items.push({ label: m.name, insert: m.name, kind: m.type, detail: m.description, rank: score(m.name) });
  for (const f of catalog.functions) if (score(f.name) < 2) items.push({ label: f.signature, insert: `${f.name}(`, kind: 'function', detail: f.description, rank: score(f.name) });
  for (const k of catalog.keywords) if (word !== '' && k.toLowerCase().startsWith(lower)) items.push({ label: k, insert: `${k} `, kind: 'keyword', detail: '', rank: 0 });
  return items.sort((a, b) => a.rank - b.rank || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0)).slice(0, 40);
}
