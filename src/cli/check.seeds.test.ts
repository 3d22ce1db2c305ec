/** `tildel check` on the seed letters in ../shared/seeds. */
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHARED_DIR, seedFile } from '../testing/shared';
import { runCheck as run } from '../testing/check-command';

const s000 = resolve(SHARED_DIR, seedFile('000_'));
const s001 = resolve(SHARED_DIR, seedFile('001_'));

afterEach(() => {
  process.exitCode = 0;
});

describe('tildel check', () => {
  it('reports the discrepancies of the 2020 series in Norwegian and exits 1', async () => {
    const text = await run([s000, s001]);
    expect(text).toContain('Direktoratet for e-helse 2020: tildelingsbrev og 9 tillegg');
    // Supplement 3 printed again in its own file is recognised and skipped.
    expect(text).toMatch(/001_[^:]*: tillegg nr\. 3 er lest tidligere/u);
    expect(text).toContain('[sum-chapter-mismatch]');
    expect(text).toContain('oppgir kap. 3710');
    expect(text).toContain('6 funn (6 avvik, 0 advarsler).');
    expect(process.exitCode).toBe(1);
  });

  it('prints JSON with --json', async () => {
    const text = await run([s000, '--json']);
    const parsed = JSON.parse(text) as {
      groups: Array<{ findings: Array<{ code: string; file: string; lines: unknown[] }> }>;
    };
    expect(parsed.groups).toHaveLength(1);
    expect(parsed.groups[0]?.findings.map((f) => f.code)).toEqual([
      'sum-chapter-mismatch',
      'overview-start-mismatch',
      'overview-start-mismatch',
      'overview-label-mismatch',
      'overview-row-mismatch',
      'overview-start-mismatch',
    ]);
    expect(parsed.groups[0]?.findings[0]?.file).toBe(s000);
  });
});
