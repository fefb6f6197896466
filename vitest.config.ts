import { defineConfig } from 'vitest/config';

// Tests resolve workspace packages to their TypeScript sources through the custom
// `@oso-agents/source` export condition, so no build is needed before `vitest`.
const conditions = ['@oso-agents/source', 'module', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'test/**/*.test.ts',
      'examples/*/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
