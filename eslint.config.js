// The lint gate run by `npm test`: TypeScript, Lit templates, custom-element and template accessibility rules for
// the widget; the recommended JavaScript rules for the tools around it. The emulator and demo are type-checked
// instead (their own step of `npm test`).
import js from '@eslint/js';
import { configs as lit } from 'eslint-plugin-lit';
import { configs as litA11y } from 'eslint-plugin-lit-a11y';
import { configs as wc } from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'emulator/', 'demo/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [lit['flat/recommended'], wc['flat/recommended'], litA11y.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // Tool configuration files that must be CommonJS (puppeteer reads `.puppeteerrc.cjs`).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    // The probe the benchmark injects into its pages; the runners read it back from there.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { __bench: 'readonly' } },
  },
  {
    rules: {
      // `interface HTMLElementEventMap extends GuestChatEventMap {}` is how a global map is extended.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // Unused arguments named with a leading underscore are kept on purpose (an interface's shape).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
