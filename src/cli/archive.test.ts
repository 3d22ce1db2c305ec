/**
 * `tildel archive export` in processes of its own, on an embedded database of its own: the
 * sample letters imported, their agency-year written to a folder that xmllint validates against
 * the Noark 5 v5.0 schemas, with checksums matching the files; a non-empty folder and an unknown
 * agency refused with a clear message and a non-zero exit code.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, tildelIn } from '../testing/cli';
import { checksumMismatches, xmllint } from '../testing/noark';

// Each start loads the whole CLI through tsx: seconds apiece on a loaded 2-core machine.
describe('tildel archive export', { timeout: 300_000 }, () => {
  it('writes a valid extract of an agency-year, and refuses a non-empty folder or no such agency', async () => {
    const dataDir = mkdtempSync(resolve(tmpdir(), 'tildel-archive-db-'));
    const letters = ['01-tildelingsbrev-2026.txt', '02-tillegg-2026.txt'].map((f) =>
      resolve(root, 'sample-data', f),
    );
    const imported = await tildelIn(dataDir, 'import', '--yes', ...letters);
    expect(imported.code, imported.stderr).toBe(0);

    const out = resolve(mkdtempSync(resolve(tmpdir(), 'tildel-archive-out-')), 'uttrekk');
    const res = await tildelIn(
      dataDir,
      'archive',
      'export',
      '--agency',
      'havdatadirektoratet',
      '--year',
      '2026',
      '--out',
      out,
    );
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Arkivuttrekk for Havdatadirektoratet 2026: 3 brev og tillegg/);
    expect(readdirSync(out).sort()).toEqual([
      'arkivstruktur.xml',
      'dokumenter',
      'endringslogg.xml',
      'info.xml',
    ]);
    expect(readdirSync(resolve(out, 'dokumenter'))).toHaveLength(3);
    expect((await xmllint(resolve(out, 'arkivstruktur.xml'), 'arkivstruktur')).ok).toBe(true);
    expect((await xmllint(resolve(out, 'endringslogg.xml'), 'endringslogg')).ok).toBe(true);
    const xml = readFileSync(resolve(out, 'arkivstruktur.xml'), 'utf8');
    expect(checksumMismatches(out, xml)).toEqual([]);

    const again = await tildelIn(
      dataDir,
      'archive',
      'export',
      '--agency',
      'Havdatadirektoratet',
      '--year',
      '2026',
      '--out',
      out,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/is not empty/);

    const empty = mkdtempSync(resolve(tmpdir(), 'tildel-archive-none-'));
    writeFileSync(resolve(empty, '.keep'), '');
    const unknown = await tildelIn(
      dataDir,
      'archive',
      'export',
      '--agency',
      'Ingen slik etat',
      '--year',
      '2026',
      '--out',
      resolve(empty, 'ny'),
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No agency Ingen slik etat/);

    const badYear = await tildelIn(
      dataDir,
      'archive',
      'export',
      '--agency',
      'x',
      '--year',
      'i fjor',
      '--out',
      resolve(empty, 'ny2'),
    );
    expect(badYear.code).toBe(2);
    expect(badYear.stderr).toMatch(/--year must be a year/);
  });
});
