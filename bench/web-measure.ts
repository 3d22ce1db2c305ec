/**
 * Web client measurements for bench/run.ts: gzipped JavaScript of the built client (the entry
 * chunk(s) index.html loads, and all of it), and page load times in headless Chromium against
 * the real server on an in-memory database with the sample letter series. Node only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { openDatabase } from '../src/db/client';
import { buildApp } from '../src/server/app';
import { loadSampleDataIfEmpty } from '../src/services/sample-data';

const repo = resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';

export interface WebMeasurement {
  initialJsGzipBytes: number;
  totalJsGzipBytes: number;
  pages: { path: string; ms: number }[];
  /** The same measurement of a page with no client JavaScript (server-rendered sign-in page). */
  baseline: { path: string; ms: number };
}

const gzipSize = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

/** The scripts index.html loads at once: its module entry and modulepreloads. */
export function entryScripts(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]*src="([^"]+)"/g)) found.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]*href="([^"]+)"/g)) {
    found.add(m[1]!);
  }
  return [...found];
}

export function measureBundle(webDir: string): {
  initialJsGzipBytes: number;
  totalJsGzipBytes: number;
} {
  const html = readFileSync(resolve(webDir, 'index.html'), 'utf8');
  const initial = entryScripts(html).reduce(
    (n, src) => n + gzipSize(resolve(webDir, `.${src.startsWith('/') ? src : `/${src}`}`)),
    0,
  );
  const assets = resolve(webDir, 'assets');
  const total = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .reduce((n, f) => n + gzipSize(resolve(assets, f)), 0);
  return { initialJsGzipBytes: initial, totalJsGzipBytes: total };
}

/** A page without client JavaScript, timed the same way, as the baseline. */
const BASELINE = '/logg-inn';

/** The pages timed: each from a fresh navigation until its h1 is visible. */
const PAGES = ['/', '/oppdrag', '/bevilgninger', '/kalender', '/sok?q=havdata', '/import'];

export async function measureWeb(
  opts: { webDir?: string; runs?: number } = {},
): Promise<WebMeasurement> {
  const webDir = opts.webDir ?? resolve(repo, 'dist/web');
  if (!existsSync(resolve(webDir, 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: resolve(repo, 'src/web/vite.config.ts'), logLevel: 'warn' });
  }
  const bundle = measureBundle(webDir);
  const runs = opts.runs ?? 5;

  const database = await openDatabase({ dataDir: 'memory://' });
  await database.migrate();
  await loadSampleDataIfEmpty(database.db);
  const app = await buildApp({ database, webDir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('The server has no port');
    const base = `http://127.0.0.1:${address.port}`;

    // The ledger page of the sample agency's year, once the address is known.
    const docs = (await (await fetch(`${base}/api/documents?limit=1`)).json()) as {
      items: Array<{ agencyId: string | null; year: number }>;
    };
    const first = docs.items[0];
    const paths = PAGES.map((p) =>
      p === '/bevilgninger' && first?.agencyId
        ? `/bevilgninger?aar=${first.year}&virksomhet=${first.agencyId}`
        : p,
    );

    const pages: WebMeasurement['pages'] = [];
    for (const path of [...paths, BASELINE]) {
      const times: number[] = [];
      for (let i = 0; i <= runs; i++) {
        // A fresh context each time: nothing cached, as on a first visit.
        const context = await browser.newContext({ locale: 'nb-NO' });
        const page = await context.newPage();
        const start = performance.now();
        await page.goto(`${base}${path}`, { waitUntil: 'commit' });
        await page.locator('h1').first().waitFor({ state: 'visible' });
        const ms = performance.now() - start;
        if (i > 0) times.push(ms); // the first run warms the server
        await context.close();
      }
      times.sort((a, b) => a - b);
      pages.push({ path, ms: Math.round(times[Math.floor(times.length / 2)] ?? 0) });
    }
    const baseline = pages.pop()!;
    return { ...bundle, pages, baseline };
  } finally {
    await browser.close();
    await app.close();
    await database.close();
  }
}
