// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Module boundaries of ARCHITECTURE §3.2: folder → folders (under src/) it must not import. */
const boundaries = {
  kernel: [
    'config',
    'domain',
    'connectors',
    'sandbox',
    'storage',
    'jobs',
    'webhooks',
    'api',
    'consent-ui',
    'cli',
    'main',
  ],
  config: [
    'domain',
    'connectors',
    'sandbox',
    'storage',
    'jobs',
    'webhooks',
    'api',
    'consent-ui',
    'cli',
    'main',
  ],
  domain: ['config', 'sandbox', 'storage', 'jobs', 'webhooks', 'api', 'consent-ui', 'cli', 'main'],
  connectors: [
    'domain',
    'sandbox',
    'storage',
    'jobs',
    'webhooks',
    'api',
    'consent-ui',
    'cli',
    'main',
  ],
  sandbox: [
    'domain',
    'connectors',
    'storage',
    'jobs',
    'webhooks',
    'api',
    'consent-ui',
    'cli',
    'main',
  ],
  storage: ['sandbox', 'connectors', 'jobs', 'webhooks', 'api', 'consent-ui', 'cli', 'main'],
  jobs: ['sandbox', 'storage', 'webhooks', 'api', 'consent-ui', 'cli', 'main'],
  webhooks: ['sandbox', 'storage', 'connectors', 'jobs', 'api', 'consent-ui', 'cli', 'main'],
  api: ['sandbox', 'storage', 'connectors', 'jobs', 'webhooks', 'consent-ui', 'cli', 'main'],
  'consent-ui': ['sandbox', 'storage', 'connectors', 'jobs', 'webhooks', 'api', 'cli', 'main'],
  cli: ['sandbox', 'storage', 'connectors', 'jobs', 'webhooks', 'api', 'consent-ui', 'domain'],
};

const driverPackages = [
  'pg',
  'pg-boss',
  'pg-copy-streams',
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
];
const httpPackages = ['fastify', '@fastify/*'];

/** @param {string} folder */
function boundaryRule(folder) {
  /** @type {Record<string, string[]>} */
  const packages = {
    domain: [...driverPackages, ...httpPackages],
    api: driverPackages,
    'consent-ui': driverPackages,
    jobs: ['pg', '@electric-sql/pglite', '@electric-sql/pglite/*', ...httpPackages],
    connectors: driverPackages,
  };
  const forbidden = boundaries[/** @type {keyof typeof boundaries} */ (folder)];
  return {
    files: [`src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${forbidden.join('|')})(/|\\.ts$)`,
              message: `ARCHITECTURE §3.2: src/${folder} must not import this module.`,
            },
            ...(packages[folder]?.length
              ? [
                  {
                    group: packages[folder],
                    message: `ARCHITECTURE §3.2: src/${folder} must not use this package.`,
                  },
                ]
              : []),
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', '.tributary/', 'dist/', 'packages/*/dist/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description', 'ts-ignore': true, 'ts-nocheck': true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports (ARCHITECTURE §4.5).' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config reads the environment.' },
      ],
    },
  },
  { files: ['src/config/**/*.ts'], rules: { 'no-restricted-properties': 'off' } },
  { files: ['src/cli/**/*.ts'], rules: { 'no-console': 'off' } },
  ...Object.keys(boundaries).map(boundaryRule),
  {
    files: ['bin/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly' },
    },
  },
);
