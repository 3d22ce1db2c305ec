/**
 * A readable diff between two versions of one document's extracted content: what a reader
 * needs to know changed (money, assignments, deadlines, calendar), not line noise, as codes with
 * values (contract VersionChange) that src/locales tells in the reader's language. Pure.
 */
import { VERSION_PARTS, type VersionPart } from '../contract/enums';
import type { ExtractedDocument, VersionChange } from '../contract/letter';
import { canonicalJson } from '../domain/canonical-json';
import { postLabel } from '../domain/ledger';

/** `kap. 700 post 01`: how a diff names an appropriation's post. */
export const postKey = (a: { chapter: number; post: number }) => postLabel(a.chapter, a.post);

function byKey<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return m;
}

function sumAmounts(items: { amount: number }[] | undefined): number {
  return (items ?? []).reduce((s, i) => s + i.amount, 0);
}

/** `2030-03-01 Rapport …`: how a diff names a calendar row. */
export const calendarKey = (c: { date: string | null; text: string }) =>
  `${c.date ?? '–'} ${c.text}`;

/** The register ID of each assignment, in order, where they differ from the parser's own IDs. */
export interface DiffIds {
  before: readonly string[];
  after: readonly string[];
}

/** The parts of a document compared field by field when nothing listed above changed. */
const OTHER_PARTS: readonly VersionPart[] = VERSION_PARTS;

const change = (code: VersionChange['code'], params: VersionChange['params'] = {}) => ({
  code,
  params,
});

/**
 * What changed from `before` to `after`; empty when nothing did. Assignments are named by their
 * register IDs when `ids` gives them (an ID Tildel assigned depends on the register, not only on
 * the document). Amounts are numbers (thousands of kroner); the locale formats them.
 */
export function diffDocuments(
  before: ExtractedDocument,
  after: ExtractedDocument,
  ids?: DiffIds,
): VersionChange[] {
  const out: VersionChange[] = [];
  if (before.title !== after.title) {
    out.push(change('title', { before: before.title, after: after.title }));
  }
  if (before.date !== after.date) {
    out.push(change('date', { before: before.date ?? '–', after: after.date ?? '–' }));
  }

  const oldPosts = byKey(before.appropriations, postKey);
  const newPosts = byKey(after.appropriations, postKey);
  for (const post of new Set([...oldPosts.keys(), ...newPosts.keys()])) {
    const o = oldPosts.get(post);
    const n = newPosts.get(post);
    if (!o) out.push(change('appropriation-added', { post, amount: sumAmounts(n) }));
    else if (!n) out.push(change('appropriation-removed', { post, amount: sumAmounts(o) }));
    else if (sumAmounts(o) !== sumAmounts(n)) {
      out.push(change('appropriation-changed', { post, from: sumAmounts(o), to: sumAmounts(n) }));
    }
  }

  const oldA = new Map(before.assignments.map((a, i) => [ids?.before[i] ?? a.assignedId, a]));
  const newA = new Map(after.assignments.map((a, i) => [ids?.after[i] ?? a.assignedId, a]));
  for (const [id, a] of newA) {
    const o = oldA.get(id);
    if (!o) {
      out.push(change('assignment-added', { id, title: a.title }));
      continue;
    }
    if (o.title !== a.title) out.push(change('assignment-title', { id }));
    if (o.text !== a.text) out.push(change('assignment-text', { id }));
    if (o.ownerDepartment !== a.ownerDepartment) {
      out.push(
        change('assignment-owner', {
          id,
          from: o.ownerDepartment ?? '–',
          to: a.ownerDepartment ?? '–',
        }),
      );
    }
    const od = o.deadlines.map((d) => `${d.appliesTo ?? ''}:${d.date ?? d.text}`).join(', ');
    const nd = a.deadlines.map((d) => `${d.appliesTo ?? ''}:${d.date ?? d.text}`).join(', ');
    if (od !== nd) {
      const show = (x: typeof a.deadlines) => x.map((d) => d.date ?? d.text).join(', ') || '–';
      out.push(
        change('assignment-deadline', { id, from: show(o.deadlines), to: show(a.deadlines) }),
      );
    }
  }
  for (const id of oldA.keys()) if (!newA.has(id)) out.push(change('assignment-removed', { id }));

  const cal = (d: ExtractedDocument) => d.calendar.map(calendarKey);
  const oc = new Set(cal(before));
  const nc = new Set(cal(after));
  for (const item of nc) if (!oc.has(item)) out.push(change('calendar-added', { item }));
  for (const item of oc) if (!nc.has(item)) out.push(change('calendar-removed', { item }));

  const oCo = new Set(before.carriedOver.map((c) => c.id));
  const nCo = new Set(after.carriedOver.map((c) => c.id));
  for (const id of nCo) if (!oCo.has(id)) out.push(change('carried-added', { id }));
  for (const id of oCo) if (!nCo.has(id)) out.push(change('carried-removed', { id }));

  if (out.length === 0 && contentKey(before) !== contentKey(after)) {
    const changed = OTHER_PARTS.filter(
      (key) => contentKey({ [key]: before[key] }) !== contentKey({ [key]: after[key] }),
    );
    out.push(
      changed.length > 0
        ? change('parts-changed', { parts: changed.join(',') })
        : change('other-text'),
    );
  }
  return out;
}

/** The document's content without line numbers: equal keys mean nothing of substance changed. */
export function contentKey(doc: Partial<ExtractedDocument>): string {
  // Canonical (key-sorted) because the stored copy comes back from jsonb with keys reordered.
  const withoutLines = JSON.parse(
    JSON.stringify(doc, (key, value: unknown) =>
      key === 'provenance' || key === 'coverage' || key === 'unparsed' || key === 'identity'
        ? undefined
        : value,
    ),
  ) as unknown;
  return canonicalJson(withoutLines);
}
