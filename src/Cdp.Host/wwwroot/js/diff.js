// A word-level diff of two rule texts, for comparing versions side by side. Pure, so node's test runner checks it.

/** The words and the spaces between them, in order. */
const words = text => text.split(/(\s+)/).filter(part => part !== '');

/**
 * The parts of two texts: 'same' in both, 'removed' only in the first, 'added' only in the second, in the order
 * that rebuilds either text (the same and removed parts give the first, the same and added parts the second).
 * A longest common subsequence of words; rules are short, so the quadratic table is small.
 */
export function diffWords(before, after) {
  const a = words(before), b = words(after);
  const lengths = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const parts = [];
  const push = (kind, text) => {
    if (parts.length > 0 && parts.at(-1).kind === kind) parts.at(-1).text += text;
    else parts.push({ kind, text });
  };
  let i = 0, j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { push('same', a[i]); i++; j++; }
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) push('removed', a[i++]);
    else push('added', b[j++]);
  }
  while (i < a.length) push('removed', a[i++]);
  while (j < b.length) push('added', b[j++]);
  return parts;
}
