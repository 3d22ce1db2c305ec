import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ExtractedDocument } from '../../contract/letter';
import { ReportContent } from '../../contract/report';
import { nextStatuses } from '../../domain/lifecycle';
import { BATCH_TABLES, countBatch, generateNational, type Batch, type Counts } from './national';

const tiny = {
  ministries: 2,
  agencies: 4,
  years: 3,
  lastYear: 2040,
  asOf: '2040-11-15',
  seed: 7,
};

/** Counts and a hash of every row (ids included) of a generated dataset. */
function fingerprint(opts: typeof tiny) {
  const counts: Partial<Counts> = {};
  const hash = createHash('sha256');
  const batches: Batch[] = [];
  for (const batch of generateNational(opts)) {
    countBatch(counts, batch);
    for (const t of BATCH_TABLES) hash.update(JSON.stringify(batch[t]));
    batches.push(batch);
  }
  return { counts, hash: hash.digest('hex'), batches };
}

describe('the national dataset generator', () => {
  it('gives the same rows for the same seed and options, and others for another seed', () => {
    const a = fingerprint(tiny);
    const b = fingerprint(tiny);
    expect(b.counts).toEqual(a.counts);
    expect(b.hash).toBe(a.hash);
    const c = fingerprint({ ...tiny, seed: 8 });
    expect(c.hash).not.toBe(a.hash);
  });

  it('writes letters with 30–110 assignments, 0–12 supplements a year and a history per assignment', () => {
    const { batches } = fingerprint(tiny);
    const documents = batches.flatMap((b) => b.documents);
    const assignments = batches.flatMap((b) => b.assignments);
    const letters = documents.filter((d) => d.kind === 'allocation-letter');
    expect(letters).toHaveLength(tiny.agencies * tiny.years - countLate(documents));
    for (const letter of letters) {
      const n = assignments.filter((a) => a.documentId === letter.id).length;
      expect(n).toBeGreaterThanOrEqual(30);
      expect(n).toBeLessThanOrEqual(110);
      // The stored reading is a valid import output, and the rows are the reading's.
      const read = ExtractedDocument.parse(letter.extracted);
      expect(read.assignments.map((x) => x.assignedId)).toEqual(
        assignments.filter((a) => a.documentId === letter.id).map((a) => a.registerId),
      );
    }
    const perYear = new Map<string, number>();
    for (const d of documents.filter((x) => x.kind === 'supplement' && x.isCurrent)) {
      const key = `${d.agencyId}|${d.year}`;
      perYear.set(key, (perYear.get(key) ?? 0) + 1);
    }
    for (const n of perYear.values()) expect(n).toBeLessThanOrEqual(12);
    // Every series has exactly one current version.
    const current = new Map<string, number>();
    for (const d of documents) {
      if (d.isCurrent) current.set(d.seriesKey, (current.get(d.seriesKey) ?? 0) + 1);
    }
    expect(new Set(documents.map((d) => d.seriesKey)).size).toBe(current.size);
    expect([...current.values()].every((n) => n === 1)).toBe(true);
  });

  it('moves each assignment through the lifecycle, version by version', () => {
    const { batches } = fingerprint(tiny);
    const events = batches.flatMap((b) => b.assignmentEvents);
    const assignments = batches.flatMap((b) => b.assignments);
    expect(events.length).toBeGreaterThan(assignments.length * 3);
    const byAssignment = new Map<string, typeof events>();
    for (const e of events) {
      byAssignment.set(e.assignmentId, [...(byAssignment.get(e.assignmentId) ?? []), e]);
    }
    for (const a of assignments) {
      const list = byAssignment.get(a.id!) ?? [];
      expect(list.map((e) => e.version)).toEqual(list.map((_, i) => i + 2));
      expect(a.version).toBe(list.length + 1);
      let status = 'planned';
      for (const e of list.filter((x) => x.kind === 'status')) {
        expect(e.fromStatus).toBe(status);
        expect(nextStatuses(e.fromStatus)).toContain(e.toStatus);
        status = e.toStatus;
      }
      expect(a.status).toBe(status);
    }
    for (const r of batches.flatMap((b) => b.reports)) ReportContent.parse(r.content);
  });
});

/** Letters agencies founded during the period never got. */
function countLate(documents: Batch['documents']) {
  const first = new Map<string, number>();
  for (const d of documents) {
    first.set(d.agencyId!, Math.min(first.get(d.agencyId!) ?? Infinity, d.year));
  }
  return [...first.values()].reduce((n, y) => n + (y - (tiny.lastYear - tiny.years + 1)), 0);
}
