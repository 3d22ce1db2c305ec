import { afterEach, describe, expect, it } from 'vitest';
import { runCheck as run } from '../testing/check-command';
import { buildDocument } from '../testing/builders';
import { checkDocuments, formatReport } from './check';
import { setCliLanguage } from './language';

afterEach(() => {
  process.exitCode = 0;
  setCliLanguage('nb');
});

describe('tildel check', () => {
  it('exits 1 for a missing file', async () => {
    const text = await run(['/nonexistent/brev.txt']);
    expect(text).toContain('filen finnes ikke');
    expect(process.exitCode).toBe(1);
  });

  it('says it in nynorsk or English when the command line speaks it', async () => {
    setCliLanguage('nn');
    expect(await run(['/nonexistent/brev.txt'])).toContain('brev.txt: fila finst ikkje');
    setCliLanguage('en');
    expect(await run(['/nonexistent/brev.txt'])).toContain('brev.txt: no such file');
  });
});

describe('the report of `tildel check`', () => {
  const groups = () =>
    checkDocuments([
      {
        file: 'brev.txt',
        document: buildDocument({
          agency: 'Testetaten',
          sumLines: [
            {
              chapter: 7000,
              tableChapter: 700,
              amount: 150_000,
              provenance: { startLine: 11, endLine: 11 },
            },
          ],
        }),
      },
    ]);

  it('is told wholly in the language the command line speaks', () => {
    const nb = formatReport(groups());
    expect(nb).toMatch(/^Testetaten 2030: tildelingsbrev og 0 tillegg$/m);
    expect(nb).toMatch(/AVVIK \[sum-chapter-mismatch\] brev\.txt, tildelingsbrevet, linje 11/);
    expect(nb).toContain('Sumlinjen (linje 11) oppgir kap. 7000');
    setCliLanguage('nn');
    const nn = formatReport(groups());
    expect(nn).toContain('Sumlinja (linje 11) oppgir kap. 7000');
    expect(nn).toMatch(/1 funn \(1 avvik, 0 åtvaringar\)\./);
    setCliLanguage('en');
    const en = formatReport(groups());
    expect(en).toMatch(/^Testetaten 2030: allocation letter and 0 supplements$/m);
    expect(en).toMatch(/ERROR \[sum-chapter-mismatch\] brev\.txt, the allocation letter, line 11/);
    expect(en).toContain('The sum line (line 11) names chapter 7000');
    expect(en).toMatch(/1 findings \(1 errors, 0 warnings\)\./);
    expect(en).not.toMatch(/[æøå]/i);
  });
});
