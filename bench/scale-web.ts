/**
 * The scale bench's browser figure (bench/scale.ts): the home page of each role, opened in
 * headless Chromium against the server on the national dataset, timed until it is usable.
 *
 * "Usable": from the start of the navigation until, in one animation frame, the page's h1 is
 * visible, the summary from GET /api/home is rendered (its block of issued letters, the last
 * one it draws, is in the page: the role's lists are drawn in the same render, before it) and
 * no loading indicator (`.loading`, the spinner of the page or of the lazy route) is left in
 * the page. An error state instead is a failure, not a time. Each visit is a first visit (a
 * fresh browser context: nothing cached); the same page opened again in that context (its
 * scripts, styles and fonts cached, as on any later visit) is reported beside it. The API
 * calls the page made until usable are counted, and the bytes it received (as sent, with
 * headers: compressed only if the server compresses), all of them and the API's alone.
 */
import { chromium, type Browser, type Page, type Request } from 'playwright-core';
import type { Figure } from './harness';

const CHROMIUM = '/usr/bin/chromium';
/** Target of the issue: the home page of any role usable within a second. */
export const HOME_TARGET_MS = 1000;
/** Timed visits per role, cold and warm each (after one untimed visit that warms the server). */
const RUNS = 5;

export interface HomePageSession {
  role: string;
  /** The session cookie's value (`tildel_session`). */
  token: string;
}

interface Visit {
  ms: number;
  apiCalls: number;
  /** The API paths called, in order, without their queries. */
  apiPaths: string[];
  apiBytes: number;
  totalBytes: number;
}

export interface HomePageResult {
  role: string;
  /** Median of the first visits (nothing cached). */
  coldMs: number;
  /** Median of visits with the client's assets cached. */
  warmMs: number;
  /** Of the median first visit. */
  apiCalls: number;
  apiPaths: string[];
  apiBytes: number;
  totalBytes: number;
  /** What GET /api/home said the page is for (e.g. `ministry-budget`); proves the session took. */
  view: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** Opens `/` in `page` and waits until it is usable (see above); what the visit took. */
async function visit(page: Page, base: string, views: string[]): Promise<Visit> {
  const pending: Array<Promise<{ api: boolean; bytes: number }>> = [];
  const apiPaths: string[] = [];
  const onRequest = (req: Request) => {
    const path = new URL(req.url()).pathname;
    const api = path.startsWith('/api/');
    if (api) apiPaths.push(path);
    pending.push(
      req
        .response()
        .then(async (res) => {
          if (!res) return { api, bytes: 0 };
          if (api && new URL(req.url()).pathname === '/api/home') {
            const body = (await res.json().catch(() => null)) as { view?: string } | null;
            if (body?.view) views.push(body.view);
          }
          const s = await req.sizes();
          return { api, bytes: s.responseHeadersSize + s.responseBodySize };
        })
        .catch(() => ({ api, bytes: 0 })),
    );
  };
  page.on('request', onRequest);
  const start = performance.now();
  await page.goto(`${base}/`, { waitUntil: 'commit' });
  // Evaluated in the page on every animation frame (no named inner functions: tsx's transform
  // would name them with a helper the page lacks, and the CSP forbids evaluating a string).
  const outcome = await page.waitForFunction(
    () => {
      if (document.querySelector('main [role="alert"]')) return 'error';
      for (const e of [document.querySelector('h1'), document.getElementById('utstedte-brev')]) {
        if (!e || (e as HTMLElement).offsetParent === null) return false;
        if (e.getBoundingClientRect().height === 0) return false;
      }
      return document.querySelector('.loading') === null ? 'usable' : false;
    },
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const ms = performance.now() - start;
  page.off('request', onRequest);
  if ((await outcome.jsonValue()) !== 'usable') {
    throw new Error(`the home page showed an error: ${await page.locator('main').innerText()}`);
  }
  // What was asked for until then, once it has arrived (those still loading are counted too).
  const sizes = await Promise.all(pending);
  return {
    ms,
    apiCalls: apiPaths.length,
    apiPaths,
    apiBytes: sizes.filter((s) => s.api).reduce((n, s) => n + s.bytes, 0),
    totalBytes: sizes.reduce((n, s) => n + s.bytes, 0),
  };
}

async function measureRole(
  browser: Browser,
  base: string,
  role: string,
  sessions: HomePageSession[],
): Promise<HomePageResult> {
  const cold: Visit[] = [];
  const warm: number[] = [];
  const views: string[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const s = sessions[i % sessions.length]!;
    const context = await browser.newContext({ locale: 'nb-NO' });
    try {
      await context.addCookies([{ name: 'tildel_session', value: s.token, url: base }]);
      const page = await context.newPage();
      const first = await visit(page, base, views);
      // The same page again: the client's scripts, styles and fonts come from the cache.
      const again = await visit(page, base, views);
      if (i === 0) continue; // the first visit of each role warms the server for it
      cold.push(first);
      warm.push(again.ms);
    } finally {
      await context.close();
    }
  }
  const mid = [...cold].sort((a, b) => a.ms - b.ms)[Math.floor(cold.length / 2)]!;
  const seen = [...new Set(views)];
  if (seen.includes('public')) {
    throw new Error(`${role}: GET /api/home answered the public view; the session did not take`);
  }
  return {
    role,
    coldMs: mid.ms,
    warmMs: median(warm),
    apiCalls: mid.apiCalls,
    apiPaths: mid.apiPaths,
    apiBytes: mid.apiBytes,
    totalBytes: mid.totalBytes,
    view: seen.join(', '),
  };
}

/**
 * The home page of each role that `sessions` has, in Chromium against `base` (the server must
 * serve the built client: dist/web). Returns each role's figures, the lines of scale.md's
 * section and the bench figures.
 */
export async function measureHomePages(
  base: string,
  sessions: HomePageSession[],
): Promise<{ results: HomePageResult[]; lines: string[]; figures: Figure[] }> {
  const roles = [...new Set(sessions.map((s) => s.role))];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  const results: HomePageResult[] = [];
  try {
    for (const role of roles) {
      const r = await measureRole(
        browser,
        base,
        role,
        sessions.filter((s) => s.role === role),
      );
      results.push(r);
      console.log(
        `home page, ${role}: usable in ${r.coldMs.toFixed(0)} ms (cached assets ${r.warmMs.toFixed(0)} ms), ${r.apiCalls} API calls, ${kb(r.totalBytes)} kB (API ${kb(r.apiBytes)} kB)`,
      );
    }
  } finally {
    await browser.close();
  }
  const verdict = (ms: number) => (ms <= HOME_TARGET_MS ? 'holds' : 'falls short');
  const lines = [
    '## The home page in Chromium',
    '',
    `Each role's home page (\`/\`), opened in headless Chromium on the same machine while the server is otherwise idle, median of ${RUNS} first visits (a fresh browser context: nothing cached), timed from the start of the navigation until it is usable: the h1 visible, the summary of GET /api/home rendered (the role's lists and the issued letters) and no loading indicator left. "Cached": the same page opened again in that context, the client's assets from the cache. API calls and bytes received (with headers; the server sends its files uncompressed) of the median first visit, until usable. Target: usable ≤ ${HOME_TARGET_MS} ms on a first visit.`,
    '',
    '| role | view | usable ms | cached ms | API calls | kB received | of which API kB | target |',
    '|---|---|---:|---:|---:|---:|---:|---|',
    ...results.map(
      (r) =>
        `| ${r.role} | ${r.view} | ${r.coldMs.toFixed(0)} | ${r.warmMs.toFixed(0)} | ${r.apiCalls} (${r.apiPaths.join(', ')}) | ${kb(r.totalBytes)} | ${kb(r.apiBytes)} | ${verdict(r.coldMs)} |`,
    ),
    '',
  ];
  const figures: Figure[] = results.map((r) => ({
    name: `home page usable in Chromium, ${r.role}`,
    unit: 'ms',
    value: r.coldMs,
    extra: {
      target: `≤ ${HOME_TARGET_MS} ms: ${verdict(r.coldMs)}`,
      cachedMs: r.warmMs.toFixed(0),
      apiCalls: r.apiCalls,
      kB: kb(r.totalBytes),
      apiKB: kb(r.apiBytes),
    },
  }));
  return { results, lines, figures };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);
