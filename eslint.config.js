// Lint = the house rules of docs/architecture.md, enforced, plus the recommended TypeScript checks.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...new Set(builtinModules.flatMap((m) => [m, `node:${m}`]))];

/** Rule 1: only electron/main and electron/preload may import 'electron'. */
const noElectron = {
  name: 'electron',
  message: "Only electron/main and electron/preload may import 'electron'; hand the core an interface instead (see electron/core/platform.ts).",
};

/** Rule 2: renderer/ and shared/ run in a browser (or anywhere): no Node modules. */
const noNode = nodeModules.map((name) => ({
  name,
  message: 'renderer/ and shared/ must not import Node modules: ask the core through the contract instead.',
}));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**', 'shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noElectron, ...noNode] }],
    },
  },
  {
    // shared/ is pure: no DOM either.
    files: ['shared/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'WebSocket'].map((name) => ({
          name,
          message: 'shared/ runs on both sides: no DOM globals.',
        })),
        ...['process', 'Buffer', '__dirname', '__filename', 'require'].map((name) => ({ name, message: 'shared/ runs on both sides: no Node globals.' })),
      ],
    },
  },
  {
    files: ['**/*.cjs', 'bin/**'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'eslint.config.js', 'bench/**/*.mjs', 'test/fixtures/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly', setTimeout: 'readonly', URL: 'readonly' } },
  },
);
