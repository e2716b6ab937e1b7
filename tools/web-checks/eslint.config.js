// ESLint over the web app's scripts (src/Cdp.Host/wwwroot/js) and their node tests: the recommended rules, for ES
// modules in the browser, plus the few this code base keeps (no innerHTML-style sinks, strict equality).
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser, ...globals.node } },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-implied-eval': 'error',
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'build the DOM from text nodes (dom.js h())' },
        { property: 'outerHTML', message: 'build the DOM from text nodes (dom.js h())' }],
      'no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
];
