#!/usr/bin/env node
// Entry point for `npx tildel …` and `npm start`: runs the CLI from the bundle that
// dist/server-current names (build-server.js), built first when there is none of the sources as
// they are. TILDEL_TSX=1 runs the TypeScript sources through tsx's loader instead, as does a
// failed build (with why).
import { pathToFileURL } from 'node:url';

async function bundle() {
  if (process.env.TILDEL_TSX === '1') return null;
  try {
    const { ensureServerBundle } = await import('./build-server.js');
    return await ensureServerBundle();
  } catch (err) {
    console.error(
      `tildel: could not build the server bundle in dist/, running the sources through tsx instead: ${err instanceof Error ? err.message : String(err)}`,
    );
    return null;
  }
}

const main = await bundle();
if (main) {
  await import(pathToFileURL(main).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
