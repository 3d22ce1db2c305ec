import { describe, expect, it } from 'vitest';
import { buildAssignment, buildDocument } from '../testing/factories';
import type { VersionChange } from '../contract/letter';
import { renderVersionChange } from '../locales/render';
import { contentKey, diffDocuments } from './diff';

const nb = (c: VersionChange) => renderVersionChange(c, 'nb');

describe('document version diff', () => {
  const base = buildDocument();

  it('says nothing when only line numbers moved', () => {
    const moved = {
      ...base,
      provenance: { startLine: 3, endLine: 45 },
      appropriations: base.appropriations.map((a) => ({
        ...a,
        provenance: { startLine: 12, endLine: 12 },
      })),
    };
    expect(diffDocuments(base, moved)).toEqual([]);
    expect(contentKey(moved)).toBe(contentKey(base));
  });

  it('names money, assignment, deadline, calendar and carry-over changes', () => {
    const after = {
      ...base,
      appropriations: [
        { ...base.appropriations[0]!, amount: 151_000 },
        {
          ...base.appropriations[0]!,
          post: 21,
          postName: 'Spesielle driftsutgifter',
          amount: 9_500,
        },
      ],
      assignments: [
        {
          ...base.assignments[0]!,
          deadlines: [
            {
              date: '2030-06-01',
              text: 'innen 1. juni 2030',
              appliesTo: null,
              value: { kind: 'exact' as const, date: '2030-06-01' },
            },
          ],
        },
        buildAssignment({ assignedId: 'TB2030-02', title: 'Kartlegge behov' }),
      ],
      carriedOver: [{ id: 'TB2029-03', title: null, provenance: { startLine: 30, endLine: 30 } }],
    };
    expect(diffDocuments(base, after).map(nb)).toEqual([
      'Bevilgning kap. 700 post 01: 150 000 → 151 000',
      'Bevilgning kap. 700 post 21 lagt til: 9 500',
      'Oppdrag TB2030-01: frist 2030-05-01 → 2030-06-01',
      'Oppdrag TB2030-02 lagt til: Kartlegge behov',
      'Videreført oppdrag lagt til: TB2029-03',
    ]);
    expect(diffDocuments(after, base).map(nb)).toContain('Oppdrag TB2030-02 fjernet');
  });

  it('is told in the reader’s language, amounts as numbers and other parts by their names', () => {
    const after = { ...base, appropriations: [{ ...base.appropriations[0]!, amount: 151_000 }] };
    const [money] = diffDocuments(base, after);
    expect(money).toEqual({
      code: 'appropriation-changed',
      params: { post: 'kap. 700 post 01', from: 150_000, to: 151_000 },
    });
    expect(renderVersionChange(money!, 'nn')).toBe('Løyving kap. 700 post 01: 150 000 → 151 000');
    expect(renderVersionChange(money!, 'en')).toBe(
      'Appropriation kap. 700 post 01: 150 000 → 151 000',
    );
    const parts = diffDocuments(base, { ...base, year: 2031, legalBasis: [] });
    expect(parts).toEqual([{ code: 'parts-changed', params: { parts: 'year,legalBasis' } }]);
    expect(parts.map(nb)).toEqual(['Endret: Budsjettår, Budsjettgrunnlag']);
    expect(renderVersionChange(parts[0]!, 'en')).toBe('Changed: Budget year, Budget basis');
  });

  it('is insensitive to key order (stored jsonb reorders keys)', () => {
    const shuffled = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(contentKey(shuffled)).toBe(contentKey(base));
    const nested = {
      ...base,
      appropriations: base.appropriations.map((a) => ({ ...a, chapter: 701 })),
    };
    expect(contentKey(nested)).not.toBe(contentKey(base));
  });
});
