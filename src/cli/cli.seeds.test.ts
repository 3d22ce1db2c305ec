/** The `tildel` CLI on seed letters in ../shared/seeds (the rest is in cli.test.ts). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DryRunOutput } from '../contract/letter';
import { bin, root, run, tildel, tildelIn } from '../testing/cli';
import { sharedPath } from '../testing/shared';

const seed004 = sharedPath('seeds/004_0eca73cba024b290.txt');

// Every test runs the real command in processes of its own (each start loads the whole CLI
// through tsx: seconds apiece on a loaded 2-core machine), so they get more than the default
// minute. The CLI's speed is not what these tests measure.
describe('tildel CLI', { timeout: 240_000 }, () => {
  it('prints a dry run as JSON that matches the published schema', async () => {
    const res = await tildel('import', '--dry-run', '--json', seed004);
    expect(res.code).toBe(0);
    const out = DryRunOutput.parse(JSON.parse(res.stdout));
    expect(out.documents).toHaveLength(1);
    expect(out.documents[0]).toMatchObject({ kind: 'supplement', number: 10, year: 2022 });
    const schema = await tildel('schema', 'import');
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.stdout)).toMatchObject({ type: 'object', required: ['documents'] });
  });

  it('imports into the embedded database and lists the register', async () => {
    const dataDir = mkdtempSync(resolve(tmpdir(), 'tildel-db-'));
    const env = { ...process.env, TILDEL_DATA_DIR: dataDir };
    // A new ministry and agency wait for confirmation: listed, nothing stored.
    const asked = await tildelIn(dataDir, 'import', seed004);
    expect(asked.code).toBe(1);
    expect(asked.stderr).toMatch(/venter på bekreftelse \(new-organisation\)/);
    expect(asked.stderr).toMatch(/oppretter virksomhet /);
    expect(asked.stderr).toMatch(/ingenting er lagret/);
    const imp = await run(process.execPath, [bin, 'import', '--yes', seed004], { cwd: root, env });
    expect(imp.stdout).toMatch(/opprettet \(versjon 1\)/);
    const again = await run(process.execPath, [bin, 'import', seed004], { cwd: root, env });
    expect(again.stdout).toMatch(/uendret \(versjon 1\)/);
    const list = await run(process.execPath, [bin, 'assignments', '--json'], { cwd: root, env });
    const parsed = JSON.parse(list.stdout) as { total: number; items: { id: string }[] };
    expect(parsed.total).toBeGreaterThan(0);
    expect(parsed.items[0]!.id).toMatch(/^T?TB2022-\d\d$/);
    const audit = await run(process.execPath, [bin, 'audit', 'verify'], { cwd: root, env });
    // The ministry and the agency it created, the file, and the document.
    expect(audit.stdout).toMatch(/Audit trail intact: 4 entries; head 4 [0-9a-f]{64}/);
  });

  it('stores a letter for review with --review: said so, not issued', async () => {
    const dataDir = mkdtempSync(resolve(tmpdir(), 'tildel-db-'));
    const imp = await tildelIn(dataDir, 'import', '--yes', '--review', '--lang', 'nb', seed004);
    expect(imp.code).toBe(0);
    expect(imp.stdout).toMatch(/opprettet \(versjon 1\)\n\s+til gjennomgang – ikke utstedt/);
    const json = await tildelIn(dataDir, 'import', '--json', seed004);
    expect(JSON.parse(json.stdout).documents[0]).toMatchObject({
      outcome: 'unchanged',
      status: 'draft',
    });
  });

  it('generates the overview for supplement nr. 9 of 2020 from the ledger, as text and XLSX', async () => {
    const seed000 = sharedPath('seeds/000_64c185cdf2762dea.txt');
    const table = await tildel('overview', seed000, '--document', '9');
    expect(table.code).toBe(0);
    // Derived, never typed: kap. 701 post 21 through nr. 9 and kap. 744 post 01 with nr. 9.
    expect(table.stdout).toMatch(/Kap\. 701 post 21[\s\S]*Tildeling totalt\s+575\u00a0?\s?737/);
    expect(table.stdout).toMatch(/Kap\. 744 post 01[\s\S]*Tildeling totalt\s+187\u00a0?\s?280/);
    const out = resolve(mkdtempSync(resolve(tmpdir(), 'tildel-xlsx-')), 'oversikt.xlsx');
    const xlsx = await tildel(
      'overview',
      seed000,
      '--document',
      '9',
      '--format',
      'xlsx',
      '--out',
      out,
    );
    expect(xlsx.code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('exits non-zero with the discrepancy report for the 2020 series', async () => {
    const res = await tildel('check', sharedPath('seeds/000_64c185cdf2762dea.txt'));
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('6 funn (6 avvik, 0 advarsler).');
  });
});
