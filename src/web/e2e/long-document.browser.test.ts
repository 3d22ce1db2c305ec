/**
 * A long letter in the browser: the page shows what the document is before its parts, reads a
 * section when it is scrolled to and the source text in blocks around what is shown, and reads
 * everything before printing the whole document (src/web/components/document-parts.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { Db } from '../../db/client';
import { storeImport } from '../../services/import';
import { buildAssignment, buildDocument } from '../../testing/factories';
import { audit, browserSuite, newPage, type TestPage } from './helpers';

const YEAR = 2041;
const LINES = 1200;
const TITLE = `Tildelingsbrev til Langetaten for ${YEAR}`;

async function seed(db: Db) {
  const lines = Array.from({ length: LINES }, (_, i) => `linje ${i + 1}`);
  const base = buildDocument().appropriations[0]!;
  const letter = buildDocument({
    year: YEAR,
    title: TITLE,
    agency: 'Langetaten',
    provenance: { startLine: 1, endLine: LINES },
    appropriations: Array.from({ length: 60 }, (_, i) => ({
      ...base,
      chapter: 700 + i,
      provenance: { startLine: 10 + i, endLine: 10 + i },
    })),
    assignments: Array.from({ length: 80 }, (_, i) =>
      buildAssignment({
        assignedId: `TB${YEAR}-${String(i + 1).padStart(2, '0')}`,
        title: `Oppdrag nummer ${i + 1}`,
        provenance: { startLine: 100 + i * 5, endLine: 101 + i * 5 },
      }),
    ),
    priorities: Array.from({ length: 120 }, (_, i) => ({
      title: `Prioritering ${i + 1}`,
      text: `Tekst om prioritering ${i + 1}`,
      provenance: { startLine: 600 + i * 4, endLine: 600 + i * 4 },
    })),
  });
  const stored = await storeImport(
    db,
    { kind: 'system', name: 'test' },
    {
      name: 'langt-brev.txt',
      bytes: new TextEncoder().encode(lines.join('\n')),
      format: 'txt',
      pages: 40,
      lines,
    },
    [letter],
    { confirm: 'all' },
  );
  if (stored.status !== 'stored') throw new Error('The long letter was not stored');
}

const suite = browserSuite({ seed });

/** The parts (and blocks of lines) the page has asked for. */
function partsAsked(page: TestPage): string[] {
  const asked: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/documents\/[0-9a-f-]{36}\/parts\/(\w+)(\?.*)?$/.exec(r.url());
    if (!m) return;
    const from = new URLSearchParams(m[2] ?? '').get('from');
    asked.push(m[1] === 'lines' ? `lines from ${from}` : m[1]!);
  });
  return asked;
}

describe('a long letter', () => {
  let context: BrowserContext;
  let id: string;
  beforeAll(async () => {
    context = await suite.newContext();
    const page = await context.newPage();
    const list = await page.request.get(`${suite.base}/api/documents?year=${YEAR}`);
    id = ((await list.json()) as { items: { id: string }[] }).items[0]!.id;
    await page.close();
  });
  afterAll(async () => {
    await context?.close();
  });

  it('shows the letter first, and reads a section and the source text when they are reached', async () => {
    const page = await newPage(context);
    const asked = partsAsked(page);
    await page.goto(`${suite.base}/dokumenter/${id}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    const table = page.getByRole('table', { name: 'Bevilgninger i tusen kroner' });
    await table.getByRole('row').filter({ hasText: '759' }).waitFor();
    await page.locator('.source-line[data-line="500"]').waitFor({ state: 'attached' });
    await page.waitForLoadState('networkidle');
    // The sections far down are not read, nor the source text past its first block.
    expect(asked).toContain('appropriations');
    expect(asked).toContain('lines from 1');
    expect(asked).not.toContain('otherItems');
    expect(asked).not.toContain('lines from 501');
    const other = page.getByRole('region', { name: 'Annet innhold' });
    await other.getByText('120 punkter, som hentes når du blar hit.').waitFor();
    await audit(page, '90-langt-dokument');

    // Scrolled to, a section is read, page after page.
    await other.scrollIntoViewIfNeeded();
    await other.getByText('Prioritering 120', { exact: true }).waitFor();
    expect(asked.filter((p) => p === 'otherItems')).toHaveLength(2);

    // «Vis kilde» of an item far down reads the block of lines it stands in, and marks them.
    await other
      .getByRole('listitem')
      .filter({ hasText: 'Prioritering 120' })
      .getByRole('button', { name: /Vis kilde/ })
      .click();
    const marked = page.locator('.source-line[data-highlighted="true"]');
    await expect.poll(() => marked.getAttribute('data-line')).toBe('1076');
    expect(asked).toContain('lines from 1001');
    await page.close();
  });

  it('opens with the lines an address names, and reads only their block', async () => {
    const page = await newPage(context);
    const asked = partsAsked(page);
    await page.goto(`${suite.base}/dokumenter/${id}?kilde=1100-1101`);
    const marked = page.locator('.source-line[data-highlighted="true"]');
    await expect.poll(() => marked.count(), { timeout: 15_000 }).toBe(2);
    expect(await marked.first().getAttribute('data-line')).toBe('1100');
    expect(asked).toContain('lines from 1001');
    expect(asked).not.toContain('lines from 1');
    await page.close();
  });

  it('reads every part and the whole source text before printing the whole document', async () => {
    const page = await newPage(context);
    await page.addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed++;
      };
    });
    await page.goto(`${suite.base}/dokumenter/${id}`);
    await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await page.emulateMedia({ media: 'print' });
    const partial = page.getByText(/Utskriften viser bare delene av dokumentet som var lastet/);
    expect(await partial.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('button', { name: 'Skriv ut hele dokumentet' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed))
      .toBe(1);
    expect(await page.locator('.source-line').count()).toBe(LINES);
    await page
      .getByRole('region', { name: 'Oppdrag' })
      .getByRole('link', { name: `TB${YEAR}-80: Oppdrag nummer 80` })
      .waitFor({ state: 'attached' });
    await page.emulateMedia({ media: 'print' });
    expect(await partial.count()).toBe(0);
    await page.close();
  });
});
