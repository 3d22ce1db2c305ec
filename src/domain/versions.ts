/**
 * Identity across versions of one document: which stored assignment a re-imported one is, and
 * which register ID each gets. Pure.
 *
 * An assignment keeps one identity (one register row, one ID, one history) for as long as its
 * document exists; a new version of the document changes its text, never who it is.
 * - A printed ID (`TB2024-07`) is the assignment: the same printed ID is the same assignment.
 * - An assignment without a printed ID (Tildel assigned one) is matched first by its title
 *   (the same title, ignoring case and spacing), then the rest in order of appearance.
 * - An ID Tildel assigned is never given to another assignment, also not after the one that
 *   had it was removed.
 */
import { nextFreeAssignmentId } from './ids';

export interface StoredAssignmentRef {
  /** The stored row's id. */
  id: string;
  registerId: string;
  printedId: string | null;
  title: string;
}

export interface IncomingAssignment {
  /** As printed, or null. */
  id: string | null;
  /** What the parser would call it (`TTB2020-01` in order) when none is printed. */
  assignedId: string;
  title: string;
}

export interface AssignmentMatch {
  /** The register ID of each incoming assignment, in order. */
  registerIds: string[];
  /** The stored row each incoming assignment continues, or null for a new one. */
  continues: (string | null)[];
  /** Stored rows no incoming assignment continues: removed by the new version. */
  removed: StoredAssignmentRef[];
}

const titleKey = (t: string) => t.toLocaleLowerCase('nb').replace(/\s+/gu, ' ').trim();

/**
 * Matches a new version's assignments to the stored ones of the version it replaces.
 * `takenElsewhere` holds register IDs used by the agency's other documents.
 */
export function matchAssignments(
  previous: readonly StoredAssignmentRef[],
  incoming: readonly IncomingAssignment[],
  takenElsewhere: ReadonlySet<string>,
): AssignmentMatch {
  const continues: (string | null)[] = incoming.map(() => null);
  const registerIds: (string | null)[] = incoming.map(() => null);
  const used = new Set<string>();
  const byRegisterId = new Map(previous.map((p) => [p.registerId, p]));

  // Printed IDs: the same ID is the same assignment.
  incoming.forEach((a, i) => {
    if (a.id === null) return;
    registerIds[i] = a.id;
    const earlier = byRegisterId.get(a.id);
    if (earlier && !used.has(earlier.id)) {
      continues[i] = earlier.id;
      used.add(earlier.id);
    }
  });

  // Without a printed ID: by title, then the rest in order.
  const unprintedPrevious = previous.filter((p) => p.printedId === null);
  const byTitle = new Map<string, StoredAssignmentRef[]>();
  for (const p of unprintedPrevious) {
    const k = titleKey(p.title);
    byTitle.set(k, [...(byTitle.get(k) ?? []), p]);
  }
  const take = (p: StoredAssignmentRef | undefined, i: number) => {
    if (!p) return;
    continues[i] = p.id;
    registerIds[i] = p.registerId;
    used.add(p.id);
  };
  incoming.forEach((a, i) => {
    if (a.id !== null) return;
    take(
      byTitle.get(titleKey(a.title))?.find((p) => !used.has(p.id)),
      i,
    );
  });
  const leftover = unprintedPrevious.filter((p) => !used.has(p.id));
  incoming.forEach((a, i) => {
    if (a.id !== null || continues[i] !== null) return;
    take(leftover.shift(), i);
  });

  // New ones: the next ID free in the agency's register and never used by this document.
  const taken = new Set([
    ...takenElsewhere,
    ...previous.map((p) => p.registerId),
    ...registerIds.filter((r): r is string => r !== null),
  ]);
  const finalIds = incoming.map((a, i) => {
    const known = registerIds[i];
    if (known !== null && known !== undefined) return known;
    const id = nextFreeAssignmentId(a.assignedId, taken);
    taken.add(id);
    return id;
  });

  return {
    registerIds: finalIds,
    continues,
    removed: previous.filter((p) => !used.has(p.id)),
  };
}
