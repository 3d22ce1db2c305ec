import { describe, expect, it } from 'vitest';
import { buildAnnualReport } from '../testing/annual-report';
import { annualReportTitle, layOutAnnualReport } from './annual-report';
import type { Block } from './letter';

const facts = { date: '2061-02-20', locale: 'nb' as const };
const tables = (blocks: Block[]) =>
  blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');

describe('an annual report as blocks', () => {
  it('prints the agency, the date, the title and the six numbered parts in order', () => {
    const blocks = layOutAnnualReport(buildAnnualReport(), facts);
    expect(blocks.slice(0, 2)).toEqual([
      {
        kind: 'letterhead',
        sender: 'Havdatadirektoratet',
        dateLabel: 'Dato',
        date: '20. februar 2061',
      },
      { kind: 'title', text: 'Årsrapport 2060 for Havdatadirektoratet' },
    ]);
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => b.text)).toEqual([
      'I Leders beretning',
      'II Introduksjon til virksomheten og hovedtall',
      'III Årets aktiviteter og resultater',
      'IV Styring og kontroll i virksomheten',
      'V Vurdering av framtidsutsikter',
      'VI Årsregnskap',
    ]);
    const texts = blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
    // The prose paragraph by paragraph; a part not written says so.
    expect(texts).toEqual(
      expect.arrayContaining([
        'Et år med ny portal.',
        'Vi takker de ansatte.',
        'Ikke skrevet ennå.',
        'Samlet tildeling for 2060: 218 200 (i 1000 kr).',
        'Risikotoleransen avtalt med departementet er 9.',
      ]),
    );
  });

  it('signs part I and leaves part VI unsigned until the head signs it', () => {
    const blocks = layOutAnnualReport(buildAnnualReport(), facts);
    const at = (text: string) => blocks.findIndex((b) => b.kind === 'heading' && b.text === text);
    const signatures = blocks.flatMap((b, i) => (b.kind === 'signatures' ? [[i, b] as const] : []));
    expect(signatures).toHaveLength(1);
    const [i, signed] = signatures[0]!;
    expect(i).toBeGreaterThan(at('I Leders beretning'));
    expect(i).toBeLessThan(at('II Introduksjon til virksomheten og hovedtall'));
    expect(signed).toEqual({
      kind: 'signatures',
      closing: 'Signert 18. februar 2061',
      people: [{ name: 'Dag Dybdahl', title: 'direktør' }],
    });
    expect(blocks.at(-1)).toEqual({ kind: 'paragraph', text: 'Ikke signert ennå.' });
  });

  it('tables the key figures, the assignments with deviations, the risks and the accounts with a sum row', () => {
    const [figures, work, risks, accounts] = tables(layOutAnnualReport(buildAnnualReport(), facts));
    expect(figures!.rows).toEqual([['Andel åpne datasett', 'Mål 1', '78 prosent', 'Opp fra 64.']]);
    expect(work!.caption).toBe('Oppdrag i 2060');
    expect(work!.rows).toEqual([
      [
        'TB2060-01',
        'Bygge havdataportalen',
        'Levert',
        'Ute av rute',
        'Avvik: Portalen kom i november. Årsak: Leverandøren var sen. Tiltak: Ny plan.',
      ],
      ['TB2060-02', 'Kartlegge tareskog', 'Godkjent', 'I rute', '–'],
    ]);
    expect(risks!.rows).toEqual([
      ['Mål 1', 'Kommunene tar ikke katalogen i bruk.', '16', '10 (over toleransen)'],
    ]);
    expect(accounts).toMatchObject({
      header: ['Kap./post', 'Betegnelse', 'Bevilgning', 'Regnskap', 'Differanse'],
      numeric: [2, 3, 4],
      sumRow: true,
    });
    expect(accounts!.rows).toEqual([
      ['1480.01', 'Driftsutgifter', '200 000', '198 650', '-1 350'],
      ['4480.02', 'Salg av datatjenester', '18 200', '–', '–'],
      ['', 'Sum', '218 200', '198 650', '-1 350'],
    ]);
  });

  it('prints – for the sums of accounts when no post gives any', () => {
    const base = buildAnnualReport();
    const annual = base.derived.annual!;
    const report = buildAnnualReport({
      derived: {
        ...base.derived,
        annual: {
          ...annual,
          accounts: annual.accounts.map((a) => ({ ...a, accounts: null, difference: null })),
          accountsTotal: { appropriation: 218_200, accounts: null, difference: null },
        },
      },
    });
    const accounts = tables(layOutAnnualReport(report, facts)).at(-1);
    expect(accounts!.rows.at(-1)).toEqual(['', 'Sum', '218 200', '–', '–']);
  });

  it("prints no risk assessment in the public's file", () => {
    const blocks = layOutAnnualReport(buildAnnualReport({ publicView: true }), facts);
    const texts = blocks.flatMap((b) =>
      b.kind === 'paragraph' || b.kind === 'subheading' ? [b.text] : [],
    );
    expect(texts.some((x) => /risiko/i.test(x))).toBe(false);
    expect(tables(blocks)).toHaveLength(3);
  });

  it('says the default tolerance applies where none is agreed, and prints in English', () => {
    const report = buildAnnualReport({ riskTolerance: null, effectiveRiskTolerance: 12 });
    const texts = layOutAnnualReport(report, facts).flatMap((b) =>
      b.kind === 'paragraph' ? [b.text] : [],
    );
    expect(texts).toContain(
      'Ingen risikotoleranse er avtalt med departementet; grensen 12 gjelder.',
    );
    expect(annualReportTitle(report, 'en')).toBe('Annual report 2060 for Havdatadirektoratet');
    const en = layOutAnnualReport(report, { ...facts, locale: 'en' });
    expect(en.find((b) => b.kind === 'heading')).toEqual({
      kind: 'heading',
      text: "I The leader's report",
    });
  });

  it('refuses a status report', () => {
    expect(() => layOutAnnualReport(buildAnnualReport({ kind: 'status' }), facts)).toThrow(
      /annual report/,
    );
  });
});
