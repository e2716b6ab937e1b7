import { api } from './api.js';
import { h, clear } from './dom.js';
import { highlightKind, carryTokens, wordBefore, completions, v2Context, v2Completions, valueContext, valueCompletions } from './rule-tokens.js';

/**
 * The rule editor: a textarea over a highlighted copy of its text. The server's diagnostics are underlined at
 * their exact span (UTF-16 offsets, as JavaScript counts) and listed with their did-you-mean fix one click
 * away; metric names, functions, keywords and operators complete as you type (Ctrl+Space to ask). Tokens come
 * from the server's tokenizer (POST /api/rules/tokens) for each text; until the answer for the newest text is
 * in, the last answer's tokens are carried over the part of the text the edit did not touch.
 */
export class RuleEditor {
  constructor(catalog, { value = '', onChange = () => {} } = {}) {
    this.catalog = catalog;
    this.onChange = onChange;
    this.diagnostics = [];
    this.tokens = [];
    this.tokensText = '';
    this.items = [];
    this.selected = 0;
    this.highlight = h('pre', { 'aria-hidden': 'true', className: 'highlight' });
    this.input = h('textarea', {
      spellcheck: 'false', autocomplete: 'off', autocapitalize: 'off', rows: 4, 'aria-label': 'rule', name: 'rule',
      oninput: () => this.changed(),
      onkeydown: e => this.key(e),
      onscroll: () => { this.highlight.scrollTop = this.input.scrollTop; },
      onblur: () => setTimeout(() => this.close(), 150),
      onclick: () => this.close(),
    });
    this.input.value = value;
    this.menu = h('div', { className: 'completions', role: 'listbox', hidden: true });
    this.list = h('ul', { className: 'diagnostics', 'aria-live': 'polite' });
    this.element = h('div', {}, h('div', { className: 'editor' }, this.highlight, this.input, this.menu), this.list);
    this.render();
    this.refreshTokens();
  }

  /** The tokens of the current text: the server's when they are for it, else the last ones carried over. */
  currentTokens() {
    return carryTokens(this.tokens, this.tokensText, this.input.value);
  }

  /** Asks the server for the current text's tokens; resolves once they are in (or a newer text made them moot). */
  async refreshTokens() {
    const text = this.input.value;
    if (text === this.tokensText) return;
    try {
      const answer = await api('/api/rules/tokens', { method: 'POST', body: { rule: text } });
      if (this.input.value !== text) return; // typed on meanwhile: the newer request will answer
      this.tokens = answer.tokens;
      this.tokensText = text;
      this.render();
    } catch {
      // Highlighting waits for the next answer; the diagnostics and the preview say what the server says.
    }
  }

  get value() { return this.input.value; }

  set value(text) { this.input.value = text; this.changed(); }

  focus() { this.input.focus(); }

  /** The server's diagnostics for the current text. */
  setDiagnostics(diagnostics) {
    this.diagnostics = diagnostics ?? [];
    this.render();
    clear(this.list);
    for (const d of this.diagnostics) {
      const fix = d.suggestion
        ? h('button', { type: 'button', className: 'fix', onclick: () => this.replace(d.start, d.length, d.suggestion) }, `Replace with ${d.suggestion}`)
        : null;
      this.list.append(h('li', { 'data-code': d.code }, `${d.line}:${d.column} ${d.message}`, fix));
    }
  }

  replace(start, length, text) {
    const value = this.input.value;
    this.input.value = value.slice(0, start) + text + value.slice(start + length);
    const caret = start + text.length;
    this.input.setSelectionRange(caret, caret);
    this.input.focus();
    this.changed();
  }

  changed() {
    this.diagnostics = []; // stale until the server answers for the new text
    this.render();
    this.complete(false);
    this.onChange(this.input.value);
  }

  render(caret = null) {
    const text = this.input.value;
    const kindAt = new Array(text.length).fill('');
    for (const t of this.currentTokens()) {
      const kind = highlightKind(t, text, this.catalog);
      for (let i = t.start; i < Math.min(t.start + t.length, text.length); i++) kindAt[i] = kind;
    }
    const errorAt = new Array(text.length).fill(null);
    const empty = new Map();
    for (const d of this.diagnostics) {
      if (d.length === 0 || d.start >= text.length) empty.set(Math.min(d.start, text.length), d);
      for (let i = d.start; i < Math.min(d.start + d.length, text.length); i++) errorAt[i] ??= d;
    }
    clear(this.highlight);
    let i = 0;
    while (i <= text.length) {
      if (empty.has(i)) {
        const d = empty.get(i);
        this.highlight.append(h('span', { className: 'tok-error tok-error-empty', title: d.message, 'data-start': d.start, 'data-length': d.length }, i === text.length ? ' ' : ''));
      }
      if (i === caret) this.highlight.append(h('span', { className: 'caret-mark' }));
      if (i === text.length) break;
      let j = i + 1;
      while (j < text.length && kindAt[j] === kindAt[i] && errorAt[j] === errorAt[i] && !empty.has(j) && j !== caret) j++;
      const d = errorAt[i];
      const classes = [kindAt[i] ? `tok-${kindAt[i]}` : '', d ? 'tok-error' : ''].filter(Boolean).join(' ');
      const piece = text.slice(i, j);
      this.highlight.append(classes ? h('span', { className: classes, title: d?.message, 'data-start': d?.start, 'data-length': d?.length }, piece) : piece);
      i = j;
    }
    if (text.endsWith('\n')) this.highlight.append(' ');
  }

  /** Opens the completion list for the word at the caret; asked is true for Ctrl+Space. */
  async complete(asked) {
    const text = this.input.value;
    await this.refreshTokens(); // the context (the token before the word) is read from the server's tokens of this text
    if (this.input.value !== text) return undefined; // a newer keystroke completes for itself
    const caret = this.input.selectionStart;
    if (caret !== this.input.selectionEnd) return this.close();
    const tokens = this.currentTokens();
    const context = v2Context(text, caret, tokens);
    const value = valueContext(text, caret, tokens);
    if (value && (asked || value.start < caret)) {
      // a value of brand or category_code: the most frequent real ones, the text typed so far replaced whole
      this.items = valueCompletions(this.catalog, value);
      this.wordStart = value.start;
    } else if (context.segmentText) {
      // in_segment(' ... : the saved segments' names, the text replaced whole
      this.items = v2Completions(this.catalog, '', context);
      this.wordStart = context.segmentText.start;
    } else {
      const at = wordBefore(text, caret, tokens, this.catalog);
      if (!at || (!asked && at.word.length === 0)) return this.close();
      this.items = v2Completions(this.catalog, at.word, context) ?? completions(this.catalog, at.word, at.previous);
      this.wordStart = at.start;
    }
    const typed = text.slice(this.wordStart, caret);
    if (this.items.length === 0 || (this.items.length === 1 && this.items[0].insert === typed)) return this.close();
    this.selected = 0;
    // The caret's place is read from a mark drawn at it, before the overlay is drawn again without the mark
    // (a detached mark has no layout: it read as 0,0 and put the menu over line 1).
    this.render(caret);
    const mark = this.highlight.querySelector('.caret-mark');
    const left = mark.offsetLeft;
    const top = mark.offsetTop + mark.offsetHeight;
    this.render();
    this.menu.style.left = `${Math.max(0, Math.min(left, this.input.clientWidth - 300))}px`;
    this.menu.style.top = `${top + 4 - this.input.scrollTop}px`;
    this.menu.hidden = false;
    this.drawMenu();
  }

  drawMenu() {
    clear(this.menu);
    this.items.forEach((item, index) => {
      const row = h('div', {
        role: 'option', 'aria-selected': String(index === this.selected), className: index === this.selected ? 'selected' : '',
        onmousedown: e => { e.preventDefault(); this.accept(index); },
      }, h('span', { className: 'label mono' }, item.label), h('span', { className: 'kind' }, item.kind), h('span', { className: 'detail' }, item.detail));
      this.menu.append(row);
    });
    this.menu.children[this.selected]?.scrollIntoView({ block: 'nearest' });
  }

  accept(index) {
    const item = this.items[index];
    const caret = this.input.selectionStart;
    this.close();
    this.replace(this.wordStart, caret - this.wordStart, item.insert);
    this.close();
  }

  close() {
    this.menu.hidden = true;
    this.items = [];
  }

  key(e) {
    if (e.key === ' ' && e.ctrlKey) {
      e.preventDefault();
      this.complete(true);
      return;
    }
    if (this.menu.hidden) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.selected = (this.selected + (e.key === 'ArrowDown' ? 1 : -1) + this.items.length) % this.items.length;
      this.drawMenu();
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      this.accept(this.selected);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    }
  }
}
