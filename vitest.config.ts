import { defineConfig } from 'vitest/config';

// One PGlite instance per worker is shared by all database test files in that worker
// (src/db/testing.ts), so files run without module isolation.
//
// Four projects, by how a test runs (`npx vitest run --project unit`, …); `npm test`
// (scripts/test.mjs) chooses which run together:
// - unit: pure code and files of its own, no database;
// - db (`*.db.test.ts`): against the database, PGlite or (TILDEL_TEST_DATABASE_URL) PostgreSQL;
// - seeds (`*.seeds.test.ts`): read the development set in ../shared, and fail when it is missing;
// - browser (`*.browser.test.ts`): Chromium against a server of their own.
const kinds = ['db', 'seeds', 'browser'] as const;
const pattern = (kind: string) => [`src/**/*.${kind}.test.ts`, `bench/**/*.${kind}.test.ts`];

export default defineConfig({
  test: {
    pool: 'forks',
    poolOptions: { forks: { isolate: false, maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
          exclude: kinds.flatMap(pattern),
        },
      },
      ...kinds.map((kind) => ({
        extends: true as const,
        test: {
          name: kind,
          include: pattern(kind),
          // A browser check polls what a page shows after it has loaded a part lazily: on a
          // loaded CI machine that takes seconds, not vitest's default of one.
          ...(kind === 'browser' ? { expect: { poll: { timeout: 15_000 } } } : {}),
        },
      })),
    ],
  },
});
