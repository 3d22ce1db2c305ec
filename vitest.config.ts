import { defineConfig } from 'vitest/config';

// One PGlite instance per worker is shared by all database test files in that worker
// (src/db/testing.ts), so files run without module isolation.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    pool: 'forks',
    poolOptions: { forks: { isolate: false, maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
