// The layers of ARCHITECTURE.md and ADR 0005, checked by `npm run check`:
// contract ← domain (and locales) ← db/import ← services ← server ← web/cli.
// Test files (*.test.ts(x)) and the browser-test helpers (src/web/e2e/) may reach across layers
// (integration tests start the server from a service test); src/testing is test support, which
// nothing but tests and bench/ may import.
// Type-only imports count as well (tsPreCompilationDeps).

const TEST = '\\.test\\.tsx?$';
const E2E = '^src/web/e2e/';

/** A rule that forbids non-test files under `from` to import anything under `to`. */
const layer = (name, comment, from, to) => ({
  name,
  comment,
  severity: 'error',
  from: { path: from, pathNot: [TEST, E2E] },
  to: { path: to },
});

/** @type {import('dependency-cruiser').IConfiguration} */
export default {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules depend on each other in one direction; move what both need to a third.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    layer(
      'contract-imports-only-contract',
      'The contract imports nothing from src/ outside itself (ADR 0005).',
      '^src/contract/',
      '^src/(?!contract/)',
    ),
    layer(
      'domain-imports-only-contract',
      'The domain is pure and depends on the contract only.',
      '^src/domain/',
      '^src/(?!contract/|domain/)',
    ),
    layer(
      'locales-imports-only-contract-domain',
      'The locale files and their renderer are pure texts: the contract and the domain only.',
      '^src/locales/',
      '^src/(?!contract/|domain/|locales/)',
    ),
    layer(
      'db-imports-only-contract-domain',
      'The database layer depends on the contract and the domain only.',
      '^src/db/',
      '^src/(?!contract/|domain/|db/)',
    ),
    layer(
      'import-imports-only-contract-domain',
      'Reading and parsing files depends on the contract and the domain only.',
      '^src/import/',
      '^src/(?!contract/|domain/|import/)',
    ),
    layer(
      'render-imports-only-contract-domain-locales',
      'Writing letters (DOCX, PDF) depends on the contract, the domain and the locale texts only.',
      '^src/render/',
      '^src/(?!contract/|domain/|locales/|render/)',
    ),
    layer(
      'services-below-server',
      'Services return rows and outcomes; they know nothing of HTTP, the web client or the CLI.',
      '^src/services/',
      '^src/(server/|web/|cli/|config\\.ts$)',
    ),
    layer(
      'server-below-web-cli',
      'The server does not depend on the web client or the CLI.',
      '^src/(server/|config\\.ts$)',
      '^src/(web/|cli/)',
    ),
    layer(
      'web-only-contract-domain',
      'The web client talks to the server over HTTP: it imports the contract, pure domain code and the shared locale texts, nothing of the database, import, services, server or CLI.',
      '^src/web/',
      '^src/(?!contract/|domain/|locales/|web/)',
    ),
    {
      name: 'web-no-node-builtins',
      comment: 'The web client runs in the browser.',
      severity: 'error',
      from: { path: '^src/web/', pathNot: [TEST, E2E, '^src/web/vite\\.config\\.ts$'] },
      to: { dependencyTypes: ['core'] },
    },
    layer('cli-not-web', 'The CLI does not depend on the web client.', '^src/cli/', '^src/web/'),
    {
      name: 'testing-only-from-tests',
      comment: 'src/testing is test support: only tests, other test support and bench/ import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, E2E, '^src/testing/'] },
      to: { path: '^src/testing/' },
    },
    {
      name: 'e2e-only-from-tests',
      comment: 'src/web/e2e/ holds the browser tests and their helpers.',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, E2E] },
      to: { path: E2E },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data|coverage|bench/results)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
