// The rule's tokens as the server's one tokenizer gives them (POST /api/rules/tokens: kind, start, length), read
// for highlighting and completion. Nothing here reads the rule's characters to find tokens: while an answer for the
// newest text is on its way, the tokens of the last answer are carried over the unchanged start and end of the text.

/** How a token is shown: the server's kind, and for a name whether the catalog knows it as a metric or a function. */
export function highlightKind(token, text, catalog) {
  switch (token.kind) {
    case 'identifier': {
      const word = text.slice(token.start, token.start + token.length);
      if (catalog.functions.some(f => f.name === word) && /^\s*\(/.test(text.slice(token.start + token.length))) return 'function';
      return catalog.metrics.some(m => m.name === word) ? 'metric' : 'unknown';
    }
    case 'text': return 'string';
    case 'punctuation': return 'operator';
    default: return token.kind;
  }
}

/**
 * The tokens of `from` moved onto `to`: those wholly inside the common start are kept, those wholly inside the
 * common end are shifted by the change in length, and those the edit touched, or stands next to (typing on at
 * either end of a word changes that word), are left out until the server answers.
 */
export function carryTokens(tokens, from, to) {
  if (from === to) return tokens;
  let prefix = 0;
  while (prefix < from.length && prefix < to.length && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  while (suffix < from.length - prefix && suffix < to.length - prefix && from[from.length - 1 - suffix] === to[to.length - 1 - suffix]) suffix++;
  const delta = to.length - from.length;
  const tailStart = from.length - suffix;
  const carried = [];
  for (const t of tokens) {
    if (t.start + t.length < prefix) carried.push(t);
    else if (t.start > tailStart) carried.push({ ...t, start: t.start + delta });
  }
  return carried;
}

const aggregateWords = new Set(['count', 'sum', 'avg', 'min', 'max', 'first', 'last']);

/**
 * Where the caret stands in v2 terms, read from the tokens before it: inside an aggregate's parentheses (which
 * function, and whether after its opening, after OF, or inside its WHERE), or inside the text of in_segment('...').
 */
export function v2Context(text, caret, tokens) {
  const word = t => text.slice(t.start, t.start + t.length).toLowerCase();
  const open = []; // one entry per open parenthesis: the aggregate it opens, if any
  let previous = null;
  for (const t of tokens) {
    if (t.start >= caret || (t.kind === 'identifier' && t.start + t.length >= caret)) break; // the word being typed is not context
    if (t.kind === 'text' && t.start + t.length >= caret && previous?.kind === 'punctuation' && word(previous) === '(' && open.at(-1)?.segment) {
      return { segmentText: t };
    }
    if (t.kind === 'punctuation' && word(t) === '(') {
      const name = previous?.kind === 'identifier' ? word(previous) : null;
      open.push({ aggregate: aggregateWords.has(name) ? name : null, segment: name === 'in_segment', where: false, start: t.start });
    } else if (t.kind === 'punctuation' && word(t) === ')') {
      open.pop();
    } else if (open.at(-1)?.aggregate && t.kind === 'identifier' && word(t) === 'where') {
      open.at(-1).where = true;
    }
    previous = t;
  }
  const aggregate = [...open].reverse().find(o => o.aggregate);
  if (!aggregate) return {};
  return { aggregate: aggregate.aggregate, inWhere: aggregate.where, afterOpen: open.at(-1) === aggregate && previous?.start === aggregate.start, afterOf: previous && word(previous) === 'of' };
}

/** What completes inside an aggregate or in_segment('...'), or null to complete as everywhere else. */
export function v2Completions(catalog, word, context) {
  const lower = word.toLowerCase();
  const starting = name => name.toLowerCase().startsWith(lower);
  const kinds = () => (catalog.eventKinds ?? []).filter(starting).map(k => ({ label: k, insert: `${k} `, kind: 'events', detail: 'which events' }));
  const fields = () => (catalog.eventFields ?? []).filter(f => starting(f.name)).map(f => ({ label: f.name, insert: f.name, kind: f.type, detail: f.description }));
  if (context.segmentText) {
    return (catalog.segments ?? []).map(s => ({ label: s, insert: `'${s.replaceAll("'", "''")}')`, kind: 'segment', detail: 'a saved segment' }));
  }
  if (!context.aggregate) return null;
  if (context.inWhere) return fields();
  if (context.afterOf) return kinds();
  if (context.afterOpen) {
    if (['sum', 'avg', 'min', 'max'].includes(context.aggregate)) return fields();
    return [...(context.aggregate === 'count' && starting('DISTINCT') ? [{ label: 'DISTINCT', insert: 'DISTINCT ', kind: 'keyword', detail: 'count distinct values of a field' }] : []), ...kinds()];
  }
  return ['WHERE', 'IN LAST', 'SINCE', 'OF'].filter(starting).map(k => ({ label: k, insert: `${k} `, kind: 'keyword', detail: '' }));
}

/**
 * The identifier the caret stands at the end of, with the token before it (its shown kind and its text); null when
 * the caret is in a text, a comment or a number. `tokens` are the tokens of `text`.
 */
export function wordBefore(text, caret, tokens, catalog) {
  const at = tokens.find(t => t.start < caret && caret <= t.start + t.length);
  if (at && (at.kind === 'comment' || at.kind === 'number')) return null;
  if (at && at.kind === 'text') {
    const closed = at.length > 1 && text[at.start + at.length - 1] === text[at.start];
    if (!(closed && caret === at.start + at.length)) return null;
  }
  const match = /[A-Za-z_][A-Za-z0-9_]*$/.exec(text.slice(0, caret));
  const word = match ? match[0] : '';
  const start = caret - word.length;
  const before = tokens.filter(t => t.start + t.length <= start).at(-1);
  const previous = before ? { kind: highlightKind(before, text, catalog), word: text.slice(before.start, before.start + before.length) } : null;
  return { start, word, previous };
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

/** The names whose values the catalog lists (`catalog.values`): event fields, and the profile metrics that hold one of them. */
const valueFields = { brand: 'brand', category_code: 'category_code', top_brand_30d: 'brand', top_category_30d: 'category_code' };

/**
 * Whether the caret stands where a value of brand or category_code goes: after `=`, `!=`, `STARTS WITH` or inside
 * `IN (` (after its texts so far), before or inside a text being typed. Null elsewhere; else the field, where the
 * value starts (the opening quote, or the caret) and what of it is typed.
 */
export function valueContext(text, caret, tokens) {
  const word = t => text.slice(t.start, t.start + t.length).toLowerCase();
  const before = tokens.filter(t => t.start < caret);
  let start = caret;
  let prefix = '';
  const last = before.at(-1);
  if (last && last.start + last.length > caret && last.kind !== 'text') return null; // inside a word: not a value
  if (last?.kind === 'text' && (last.start + last.length >= caret)) {
    const closed = last.length > 1 && text[last.start + last.length - 1] === text[last.start];
    if (closed && caret === last.start + last.length) return null; // just after a whole text
    start = last.start;
    prefix = text.slice(last.start + 1, caret);
    before.pop();
  }
  let j = before.length - 1;
  const inList = () => {
    let k = j;
    while (k >= 1 && word(before[k]) === ',' && before[k - 1].kind === 'text') k -= 2;
    return word(before[k] ?? { start: 0, length: 0 }) === '(' && word(before[k - 1] ?? { start: 0, length: 0 }) === 'in' ? k - 1 : -1;
  };
  let field = null;
  const at = before[j];
  if (!at) return null;
  if (['=', '!='].includes(word(at))) field = before[j - 1];
  else if (word(at) === 'with' && word(before[j - 1] ?? at) === 'starts') field = before[j - 2];
  else if ((j = inList()) > 0) field = word(before[j - 1]) === 'not' ? before[j - 2] : before[j - 1];
  const name = field && field.kind === 'identifier' ? valueFields[word(field)] : undefined;
  return name ? { field: name, start, prefix } : null;
}

/** The most frequent real values of the field (from the catalog, most frequent first) that begin with what is typed, each inserted as a closed, escaped text. */
export function valueCompletions(catalog, context) {
  const lower = context.prefix.toLowerCase();
  return (catalog.values?.[context.field] ?? []).filter(v => v.toLowerCase().startsWith(lower)).slice(0, 40)
    .map(v => ({ label: v, insert: `'${v.replaceAll("'", "''")}'`, kind: 'value', detail: `a frequent ${context.field}` }));
}
