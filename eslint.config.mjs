// ESLint flat config: type-aware rules plus the architecture's import boundaries (docs/ARCHITECTURE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

const noApiOrWeb = [
  { group: ['**/api', '**/api/**', '../api/*', '../../api/*'], message: 'Nothing imports api/: it is an entry point.' },
  { group: ['**/web/**'], message: 'Nothing imports web/: the UI talks to the API over HTTP only.' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-namespace': 'off',
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(?!zod$|date-fns($|/)|@date-fns/tz$|\\.{1,2}/)', message: 'domain/ imports only zod and a date library: no I/O, no framework.' },
          { group: ['../../*', '!../../domain/**'], message: 'domain/ imports nothing outside domain/.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ reads no environment: configuration is passed in.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'domain/ has no clock: time is an argument.' }],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          {
            regex: '^(?!@temporalio/workflow$|@temporalio/common$|\\.{1,2}/)',
            message: 'Workflows are deterministic: they import only @temporalio/workflow, @temporalio/common (pure), domain/ and other workflow files.',
          },
          {
            group: ['**/activities', '**/activities/**'],
            allowTypeImports: true,
            message: 'Workflows import only the *types* of activities (use `import type`) and call them through proxyActivities.',
          },
          { group: ['**/db/**', '**/config', '**/config/**', '**/temporal/**', '**/scripts/**', ...noApiOrWeb.flatMap((p) => p.group)], message: 'Workflows may not reach I/O modules.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'No environment inside workflows.' }, { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Not deterministic: use uuid4() or pass values in.' }],
    },
  },
  {
    files: ['activities/**/*.ts', 'db/**/*.ts', 'config/**/*.ts', 'temporal/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          ...noApiOrWeb,
          { group: ['**/workflows/*/workflow', '**/workflows/index'], allowTypeImports: true, message: 'Workflow implementations run only in the worker bundle; import contracts (contract.ts) instead.' },
          { group: ['@temporalio/worker'], allowTypeImports: true, message: 'Only the worker entry and scripts start workers.' },
        ],
      }],
    },
  },
  {
    // signing/ (crypto) and pdf/ (document layout): libraries shared by activities and the API: bytes and keys in, bytes out.
    files: ['signing/**/*.ts', 'pdf/**/*.ts'],
    ignores: ['signing/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          ...noApiOrWeb,
          { group: ['**/db', '**/db/**', '**/activities', '**/activities/**', '**/workflows/**', '**/config', '**/config/**', '@temporalio/*'], message: 'signing/ and pdf/ are libraries without I/O: callers pass keys, certificates and bytes.' },
        ],
      }],
    },
  },
  {
    // The entry points that legitimately start workers or compose the API.
    files: ['activities/worker.ts', 'temporal/logger.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    // Only api/temporal-client.ts talks to Temporal from the API.
    files: ['api/**/*.ts'],
    ignores: ['api/temporal-client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['@temporalio/client'], message: 'The API reaches Temporal only through api/temporal-client.ts.' },
          { group: ['@temporalio/worker'], message: 'The API never runs workers.' },
          { group: ['**/workflows/*/workflow', '**/workflows/index'], allowTypeImports: true, message: 'Import workflow contracts (contract.ts), not implementations.' },
          { group: ['**/web/**'], message: 'Nothing imports web/.' },
        ],
      }],
    },
  },
  {
    files: ['api/temporal-client.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['@temporalio/worker'], message: 'The API never runs workers.' },
          { group: ['**/workflows/*/workflow', '**/workflows/index'], allowTypeImports: true, message: 'Import workflow contracts (contract.ts), not implementations.' },
        ],
      }],
    },
  },
);
