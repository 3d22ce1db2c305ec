/**
 * One claim per line: the items that stand for a stretch of the letter of their own — a table's
 * appropriation row, a sum line, a totals table, an assignment, a calendar row, a carried-over
 * assignment — never share a line. Two that do mean one reader took lines of another's (an
 * assignment running on through the next sections, a calendar row read inside an assignment),
 * and the import says so beside both items, for the person reviewing it.
 *
 * Not counted: what is read from text another item holds — goals and their steering parameters,
 * money and authorities in running text (`fromText`), earmarks, requirements, sections of prose.
 * Two shapes are one thing in the letter's own terms and may share lines: a change row inside the
 * post's totals table (the table lists this document's change), and the IDs of one carried-over
 * row (`TB2023-35/ TB2021-45/ TTB2021-21`: the assignment and its earlier IDs).
 *
 * Pure; `claims.seeds.test.ts` asserts that no letter of ../shared nor fixture has a clash.
 */
import type { ExtractedDocument, Provenance } from '../../contract/letter';
import { appropriationKeys, assignmentKey } from '../../domain/corrections';
import { postLabel } from '../../domain/ledger';

type Claimant = 'appropriation' | 'sum' | 'totals' | 'assignment' | 'calendar' | 'carried';

interface Claim {
  kind: Claimant;
  label: string;
  /** The review's key of an assignment or appropriation (`assignment:TB2030-01`), else none. */
  key?: string;
  span: Provenance;
}

/**
 * Two items that claim the same lines, by label (as the warning tells them) and, for items the
 * review shows, by key (the review marks them as less sure: presenters/document.ts).
 */
export interface ClaimClash {
  first: string;
  second: string;
  firstKey?: string;
  secondKey?: string;
  /** The lines both claim. */
  from: number;
  to: number;
}

type Claimed = Pick<
  ExtractedDocument,
  'appropriations' | 'sumLines' | 'totalsClaimed' | 'assignments' | 'calendar' | 'carriedOver'
>;

/** At most this many clashes are told per document: more say the same thing. */
const MAX_CLASHES = 20;

function claimsOf(doc: Claimed): Claim[] {
  const rowKeys = appropriationKeys(doc.appropriations);
  return [
    ...doc.appropriations.flatMap((a, i) =>
      a.fromText
        ? []
        : [
            {
              kind: 'appropriation' as const,
              label: postLabel(a.chapter, a.post),
              key: `appropriation:${rowKeys[i]}`,
              span: a.provenance,
            },
          ],
    ),
    ...doc.sumLines.map((s) => ({
      kind: 'sum' as const,
      label: `sum kap. ${s.chapter}`,
      span: s.provenance,
    })),
    ...doc.totalsClaimed.map((t) => ({
      kind: 'totals' as const,
      label: t.heading || postLabel(t.chapter, t.post),
      span: t.provenance,
    })),
    ...doc.assignments.map((a) => ({
      kind: 'assignment' as const,
      label: a.assignedId,
      key: `assignment:${assignmentKey(a)}`,
      span: a.provenance,
    })),
    ...doc.calendar.map((c) => ({
      kind: 'calendar' as const,
      label: c.text.length > 60 ? `${c.text.slice(0, 59)}…` : c.text,
      span: c.provenance,
    })),
    ...doc.carriedOver.map((c) => ({ kind: 'carried' as const, label: c.id, span: c.provenance })),
  ];
}

/** Whether `a` and `b` may share lines (see the module comment). */
function oneThing(a: Claim, b: Claim): boolean {
  if (a.kind === 'carried' && b.kind === 'carried') return true;
  const [row, table] = a.kind === 'totals' ? [b, a] : [a, b];
  return (
    row.kind === 'appropriation' &&
    table.kind === 'totals' &&
    row.span.startLine >= table.span.startLine &&
    row.span.endLine <= table.span.endLine
  );
}

/** Pairs of items that claim the same lines, in the letter's order. */
export function claimClashes(doc: Claimed): ClaimClash[] {
  const claims = claimsOf(doc).sort(
    (a, b) => a.span.startLine - b.span.startLine || b.span.endLine - a.span.endLine,
  );
  const out: ClaimClash[] = [];
  /** Claims whose span may still reach a later claim's start. */
  let open: Claim[] = [];
  for (const c of claims) {
    open = open.filter((o) => o.span.endLine >= c.span.startLine);
    for (const o of open) {
      if (oneThing(o, c)) continue;
      out.push({
        first: o.label,
        second: c.label,
        ...(o.key && { firstKey: o.key }),
        ...(c.key && { secondKey: c.key }),
        from: c.span.startLine,
        to: Math.min(o.span.endLine, c.span.endLine),
      });
      if (out.length === MAX_CLASHES) return out;
    }
    open.push(c);
  }
  return out;
}
