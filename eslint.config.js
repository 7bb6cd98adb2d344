// Flat ESLint config. The process boundaries are enforced here, not by convention:
// only the Electron shell may import `electron` or `electron-store`; the renderer may not touch Node.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const electronOnly = {
  paths: [
    {
      name: 'electron',
      message: 'Only the Electron shell (electron/shell, main.ts, preload.ts) may import electron.',
    },
    { name: 'electron-store', message: 'Only the Electron shell may import electron-store.' },
  ],
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-electron', 'release', 'test-output', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', electronOnly],
    },
  },
  {
    // The thin shell: the one place that talks to Electron.
    files: ['electron/shell/**/*.ts', 'electron/main.ts', 'electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests mock electron; they may name it.
    files: ['test/**/*.ts', 'test/**/*.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: electronOnly.paths,
          patterns: [
            { group: ['node:*'], message: 'The renderer runs sandboxed: no Node modules.' },
            {
              group: ['**/electron/shell/**', '**/electron/probe/**', '**/electron/simulator/**'],
              message: 'The renderer sees main only through the preload API.',
            },
          ],
        },
      ],
    },
  },
);
