/**
 * A readable diff between two versions of one document's extracted content: what a reader
 * needs to know changed (money, assignments, deadlines, calendar), not line noise. Pure.
 */
import type { ExtractedDocument } from '../contract/letter';
import { canonicalJson } from '../domain/canonical-json';
import { formatAmount } from '../domain/money';

/** `kap. 700 post 01`: how a diff names an appropriation's post. */
export const postKey = (a: { chapter: number; post: number }) =>
  `kap. ${a.chapter} post ${String(a.post).padStart(2, '0')}`;

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
const OTHER_PARTS: [keyof ExtractedDocument, string][] = [
  ['kind', 'Dokumenttype'],
  ['number', 'Nummer'],
  ['year', 'Budsjettår'],
  ['ministry', 'Departement'],
  ['agency', 'Virksomhet'],
  ['legalBasis', 'Budsjettgrunnlag'],
  ['signatories', 'Underskrivere'],
  ['preamble', 'Innledning'],
  ['priorities', 'Prioriteringer'],
  ['reportingRequirements', 'Rapporteringskrav'],
  ['sumLines', 'Sumlinjer'],
  ['earmarks', 'Øremerkinger'],
  ['budgetAuthorities', 'Fullmakter'],
  ['goals', 'Mål'],
  ['steeringParameters', 'Styringsparametere'],
  ['commonRequirements', 'Fellesføringer'],
  ['mandates', 'Mandater'],
  ['totalsClaimed', 'Oversikt over tildeling hittil'],
];

/**
 * Lines describing what changed from `before` to `after`; empty when nothing did. Assignments
 * are named by their register IDs when `ids` gives them (an ID Tildel assigned depends on the
 * register, not only on the document).
 */
export function diffDocuments(
  before: ExtractedDocument,
  after: ExtractedDocument,
  ids?: DiffIds,
): string[] {
  const out: string[] = [];
  if (before.title !== after.title) out.push(`Tittel: «${before.title}» → «${after.title}»`);
  if (before.date !== after.date) out.push(`Dato: ${before.date ?? '–'} → ${after.date ?? '–'}`);

  const oldPosts = byKey(before.appropriations, postKey);
  const newPosts = byKey(after.appropriations, postKey);
  for (const key of new Set([...oldPosts.keys(), ...newPosts.keys()])) {
    const o = oldPosts.get(key);
    const n = newPosts.get(key);
    if (!o) out.push(`Bevilgning ${key} lagt til: ${formatAmount(sumAmounts(n))}`);
    else if (!n) out.push(`Bevilgning ${key} fjernet (var ${formatAmount(sumAmounts(o))})`);
    else if (sumAmounts(o) !== sumAmounts(n)) {
      out.push(
        `Bevilgning ${key}: ${formatAmount(sumAmounts(o))} → ${formatAmount(sumAmounts(n))}`,
      );
    }
  }

  const oldA = new Map(before.assignments.map((a, i) => [ids?.before[i] ?? a.assignedId, a]));
  const newA = new Map(after.assignments.map((a, i) => [ids?.after[i] ?? a.assignedId, a]));
  for (const [id, a] of newA) {
    const o = oldA.get(id);
    if (!o) {
      out.push(`Oppdrag ${id} lagt til: ${a.title}`);
      continue;
    }
    if (o.title !== a.title) out.push(`Oppdrag ${id}: tittel endret`);
    if (o.text !== a.text) out.push(`Oppdrag ${id}: tekst endret`);
    if (o.ownerDepartment !== a.ownerDepartment) {
      out.push(
        `Oppdrag ${id}: ansvarlig avdeling ${o.ownerDepartment ?? '–'} → ${a.ownerDepartment ?? '–'}`,
      );
    }
    const od = o.deadlines.map((d) => `${d.appliesTo ?? ''}:${d.date ?? d.text}`).join(', ');
    const nd = a.deadlines.map((d) => `${d.appliesTo ?? ''}:${d.date ?? d.text}`).join(', ');
    if (od !== nd) {
      const show = (x: typeof a.deadlines) => x.map((d) => d.date ?? d.text).join(', ') || '–';
      out.push(`Oppdrag ${id}: frist ${show(o.deadlines)} → ${show(a.deadlines)}`);
    }
  }
  for (const id of oldA.keys()) if (!newA.has(id)) out.push(`Oppdrag ${id} fjernet`);

  const cal = (d: ExtractedDocument) => d.calendar.map(calendarKey);
  const oc = new Set(cal(before));
  const nc = new Set(cal(after));
  for (const c of nc) if (!oc.has(c)) out.push(`Styringskalender: lagt til ${c}`);
  for (const c of oc) if (!nc.has(c)) out.push(`Styringskalender: fjernet ${c}`);

  const oCo = new Set(before.carriedOver.map((c) => c.id));
  const nCo = new Set(after.carriedOver.map((c) => c.id));
  for (const id of nCo) if (!oCo.has(id)) out.push(`Videreført oppdrag lagt til: ${id}`);
  for (const id of oCo) if (!nCo.has(id)) out.push(`Videreført oppdrag fjernet: ${id}`);

  if (out.length === 0 && contentKey(before) !== contentKey(after)) {
    const changed = OTHER_PARTS.filter(
      ([key]) => contentKey({ [key]: before[key] }) !== contentKey({ [key]: after[key] }),
    ).map(([, label]) => label);
    out.push(
      changed.length > 0
        ? `Endret: ${changed.join(', ')}`
        : 'Annen tekst i dokumentet er endret (ingen bevilgning, oppdrag eller frist)',
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
