/**
 * What the browser tests share: the real server on a free port (with the built client; built
 * when dist/web is missing), Chromium, pages that collect script errors, signing in by clicking
 * on the real sign-in page, and the audit of a page state (axe with the WCAG 2.1 A/AA rules,
 * one h1, a title, a main landmark, a screenshot to test-artifacts/screenshots/, no script
 * errors).
 *
 * Test files run without module isolation, so this module keeps no state of its own: each
 * `browserSuite()` call registers its file's hooks and holds that file's server and browser.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { buildApp, type App } from '../../server/app';
import { openDatabase, type Database, type Db } from '../../db/client';
import { ensureLocalUsers } from '../../services/users';

export const repo = resolve(import.meta.dirname, '../../..');
const webDir = resolve(repo, 'dist/web');
const screenshots = resolve(repo, 'test-artifacts/screenshots');
const CHROMIUM = '/usr/bin/chromium';

/** A page that remembers the script errors and console errors it saw. */
export type TestPage = Page & { errors: string[] };

export interface BrowserSuite {
  /** The server (valid inside tests and hooks). */
  readonly app: App;
  /** Its address, `http://127.0.0.1:<port>`. */
  readonly base: string;
  readonly browser: Browser;
  /**
   * A new browser context: a desktop window in Norwegian, downloads allowed; `options` changes
   * that (a phone's viewport, another time zone).
   */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a new context of its own. */
  openPage(): Promise<{ context: BrowserContext; page: TestPage }>;
}

export interface BrowserSuiteOptions {
  /** Runs before the server starts, on the file's own database (e.g. to store documents). */
  seed?: (db: Db) => Promise<void>;
  /** Create the local sample users (one per role) for signing in on /logg-inn. */
  localUsers?: boolean;
  /** How long starting may take. */
  timeout?: number;
  /** The server's upload limit (default: the server's own). */
  maxUploadBytes?: number;
}

async function waitForChromium(): Promise<void> {
  // It may still be being installed when the suite starts.
  for (let i = 0; i < 60 && !existsSync(CHROMIUM); i++) {
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/**
 * Starts the server and Chromium before the calling file's tests (and stops them after); the
 * returned object gives access to them inside tests.
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let app: App | undefined;
  let base: string | undefined;
  let browser: Browser | undefined;
  let database: Database | undefined;

  beforeAll(async () => {
    if (!existsSync(resolve(webDir, 'index.html'))) {
      const { build } = await import('vite');
      await build({ configFile: resolve(repo, 'src/web/vite.config.ts'), logLevel: 'warn' });
    }
    mkdirSync(screenshots, { recursive: true });
    // A database of the file's own: what one file's pages show never depends on what other
    // test files stored before it in the same worker.
    database = await openDatabase({ dataDir: 'memory://' });
    await database.migrate();
    await options.seed?.(database.db);
    if (options.localUsers) await ensureLocalUsers(database.db);
    app = await buildApp({
      database,
      webDir,
      ...(options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {}),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('The server has no port');
    base = `http://127.0.0.1:${address.port}`;
    await waitForChromium();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, options.timeout ?? 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The browser suite has not started (${what})`);
    return value;
  };

  const suite: BrowserSuite = {
    get app() {
      return started(app, 'app');
    },
    get base() {
      return started(base, 'base');
    },
    get browser() {
      return started(browser, 'browser');
    },
    newContext: (overrides = {}) =>
      suite.browser.newContext({
        viewport: { width: 1280, height: 900 },
        locale: 'nb-NO',
        acceptDownloads: true,
        ...overrides,
      }),
    openPage: async () => {
      const context = await suite.newContext();
      return { context, page: await newPage(context) };
    },
  };
  return suite;
}

/** A page in `context` that collects script errors and console errors. */
export async function newPage(context: BrowserContext): Promise<TestPage> {
  const page = (await context.newPage()) as TestPage;
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.errors.push(m.text());
  });
  return page;
}

/**
 * Audits the page as it is now: waits for loading to end (unless `idle` is false, for a state
 * in the middle of a request, such as an upload in progress), takes a screenshot named `name`,
 * runs axe with the WCAG 2.1 A/AA rules and fails with readable output on any violation;
 * checks one h1, the title and the main landmark, and that no script error occurred since the
 * last audit (apart from those `allowed` matches, such as an expected 404).
 */
export async function audit(
  page: TestPage,
  name: string,
  allowed?: RegExp,
  { idle = true }: { idle?: boolean } = {},
): Promise<void> {
  if (idle) {
    await page.waitForLoadState('networkidle');
    await expect
      .poll(() => page.locator('[role="status"] .ds-spinner, .loading').count(), {
        timeout: 20_000,
      })
      .toBe(0);
  }
  await page.screenshot({ path: resolve(screenshots, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const readable = result.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n${v.nodes
        .map(
          (n) =>
            `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`,
        )
        .join('\n')}`,
  );
  if (readable.length) console.log(`axe violations on ${name}:\n${readable.join('\n')}`);
  expect(readable, `axe violations on ${name}`).toEqual([]);
  expect(await page.locator('h1').count(), `one h1 on ${name}`).toBe(1);
  expect(await page.title()).toMatch(/ – Tildel$/);
  expect(await page.locator('main#hovedinnhold').count()).toBe(1);
  const errors = page.errors.filter((e) => !allowed?.test(e));
  page.errors.length = 0;
  expect(errors).toEqual([]);
}

/** Signs in on the real sign-in page by clicking, starting from the header's link. */
export async function signInByClicking(page: Page, name: string): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: 'Logg inn' }).click();
  await page.waitForURL(/\/logg-inn\?returnTo=/);
  await page.getByRole('radio', { name: new RegExp(name) }).check();
  await page.getByRole('button', { name: 'Logg inn som valgt bruker' }).click();
  await page.getByRole('banner').getByText(name).waitFor();
}
