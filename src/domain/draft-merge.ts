/**
 * Two officers on one draft (pure): a save based on an older version is merged with what was
 * saved since, part by part, so that neither loses the other's work. Three contents: `base`,
 * the draft at the version the save was based on; `mine`, what the save sends; `theirs`,
 * what is stored now.
 *
 * The parts (units) are: each item of a list — an appropriation by its key (by chapter and
 * post when it has none: a line stored before lines had keys), an assignment and a change of
 * an earlier assignment by their keys, a carried-over assignment by its ID; a goal, a calendar row and a signatory by their place in the list (they have no
 * key), as long as neither side made the list shorter (then the list is one unit). A list
 * with two items of the same identity is one unit too. Every other field (`subject`,
 * `preamble`, `language`, and any field added later) is one unit.
 *
 * A unit changed on one side only takes that side; changed alike on both is kept; changed
 * differently on both (removed on one side, changed on the other included) is a conflict
 * that names it, and nothing is merged. Items added on both sides are all kept.
 *
 * Order: theirs' order; an item only mine added goes after the item before it in mine (at
 * the start when none), after any items theirs added right there. Mine reordering the items
 * kept differently from theirs is a conflict of the list (the editor does not reorder).
 */
import type { DraftConflict, DraftContent } from '../contract/draft';
import { canonicalJson } from './canonical-json';
import { postLabel } from './ledger';

/**
 * How many versions back a save may be based on and still be merged: an older one is refused
 * as stale (the officer fetches the newest version), which also bounds the audit entries read
 * for its base.
 */
export const MERGE_WINDOW = 50;

export type DraftMerge =
  { kind: 'merged'; content: DraftContent } | { kind: 'conflict'; conflicts: DraftConflict[] };

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** How the items of one list are told apart and named (the vocabulary of `describeChanges`). */
interface ListSpec<T> {
  /** The list as one unit. */
  section: string;
  /** The unit an item is (`assignment:<key>`, or the section). */
  item: (t: T) => string;
  label: (t: T) => string;
  /** Its identity in the list; none: by its place. */
  key?: (t: T) => string;
}

type Item<C extends keyof DraftContent> = DraftContent[C] extends readonly (infer T)[] ? T : never;

const SPECS: { [C in ListKey]: ListSpec<Item<C>> } = {
  appropriations: {
    section: 'appropriations',
    item: () => 'appropriations',
    label: (l) => postLabel(l.chapter, l.post),
    // Its key (a line added in the editor has one); a line saved before keys: chapter and post.
    key: (l) => l.key ?? `${l.chapter}.${l.post}`,
  },
  goals: { section: 'goals', item: () => 'goals', label: (g) => g.title },
  assignments: {
    section: 'assignments',
    item: (a) => `assignment:${a.key}`,
    label: (a) => a.title,
    key: (a) => a.key,
  },
  carriedOver: {
    section: 'carriedOver',
    item: () => 'carriedOver',
    label: (o) => o.id,
    key: (o) => o.id,
  },
  assignmentChanges: {
    section: 'assignmentChanges',
    item: () => 'assignmentChanges',
    label: (c) => c.ref,
    key: (c) => c.key,
  },
  calendar: { section: 'calendar', item: () => 'calendar', label: (c) => `${c.when}: ${c.text}` },
  signatories: { section: 'signatories', item: () => 'signatories', label: (s) => s.name },
};
type ListKey =
  | 'appropriations'
  | 'goals'
  | 'assignments'
  | 'carriedOver'
  | 'assignmentChanges'
  | 'calendar'
  | 'signatories';

/** Merges `mine` and `theirs`, both changed from `base` (see the module's comment). */
export function mergeDraft(
  base: DraftContent,
  mine: DraftContent,
  theirs: DraftContent,
): DraftMerge {
  const conflicts: DraftConflict[] = [];
  const content: Record<string, unknown> = {};
  const fields = new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)]);
  for (const field of fields) {
    const [b, m, t] = [base, mine, theirs].map((c) => (c as Record<string, unknown>)[field]);
    if (field in SPECS) {
      const spec = SPECS[field as ListKey] as ListSpec<unknown>;
      content[field] = mergeList(spec, asList(b), asList(m), asList(t), conflicts);
    } else if (same(m, b) || same(m, t)) content[field] = t;
    else if (same(t, b)) content[field] = m;
    else conflicts.push({ item: field, label: '' });
  }
  return conflicts.length > 0
    ? { kind: 'conflict', conflicts }
    : { kind: 'merged', content: content as DraftContent };
}

/** A list field as stored (a list a draft saved before it was added lacks: none). */
const asList = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);

type Keyed<T> = [key: string, item: T][];

/**
 * The items with their identities: by key, or by place (`#i` for the places base has, the
 * side's own name for those it added); null when by place and the side made the list shorter.
 */
function keyed<T>(spec: ListSpec<T>, list: readonly T[], base: readonly T[], side: string) {
  if (spec.key) return list.map((t): [string, T] => [spec.key!(t), t]);
  if (list.length < base.length) return null;
  return list.map((t, i): [string, T] => [i < base.length ? `#${i}` : `${side}+${i}`, t]);
}

const unique = <T>(list: Keyed<T>) => new Set(list.map(([k]) => k)).size === list.length;

function mergeList<T>(
  spec: ListSpec<T>,
  base: readonly T[],
  mine: readonly T[],
  theirs: readonly T[],
  conflicts: DraftConflict[],
): T[] {
  if (same(mine, base) || same(mine, theirs)) return [...theirs];
  if (same(theirs, base)) return [...mine];
  const whole = () => {
    conflicts.push({ item: spec.section, label: '' });
    return [...theirs];
  };
  const b = keyed(spec, base, base, 'base');
  const m = keyed(spec, mine, base, 'mine');
  const t = keyed(spec, theirs, base, 'theirs');
  if (!b || !m || !t || !unique(b) || !unique(m) || !unique(t)) return whole();
  const inBase = new Map(b);
  const inMine = new Map(m);
  const inTheirs = new Map(t);

  // Each unit's value in the merge (absent: removed).
  const merged = new Map<string, T>();
  let clash = false;
  for (const key of new Set([...inBase.keys(), ...inMine.keys(), ...inTheirs.keys()])) {
    const was = inBase.get(key);
    const my = inMine.get(key);
    const their = inTheirs.get(key);
    const mineChanged = !same(my, was);
    const theirsChanged = !same(their, was);
    let value: T | undefined;
    if (!mineChanged || same(my, their)) value = their;
    else if (!theirsChanged) value = my;
    else {
      const named = (my ?? their ?? was)!;
      conflicts.push({ item: spec.item(named), label: spec.label(named) });
      clash = true;
      continue;
    }
    if (value !== undefined) merged.set(key, value);
  }
  if (clash) return [...theirs];

  // The order of the items base had and the merge keeps, on each side.
  const kept = (list: Keyed<T>) =>
    list.map(([k]) => k).filter((k) => inBase.has(k) && merged.has(k));
  const mineOrder = kept(m);
  if (!same(mineOrder, kept(b)) && !same(mineOrder, kept(t))) return whole();

  const order = t.map(([k]) => k).filter((k) => merged.has(k));
  const theirsAdded = (k: string) => !inBase.has(k) && inTheirs.has(k);
  m.forEach(([k], i) => {
    if (order.includes(k) || !merged.has(k)) return;
    const before = m
      .slice(0, i)
      .map(([p]) => p)
      .reverse()
      .find((p) => order.includes(p));
    let at = before === undefined ? 0 : order.indexOf(before) + 1;
    while (at < order.length && theirsAdded(order[at]!)) at++;
    order.splice(at, 0, k);
  });
  return order.map((k) => merged.get(k)!);
}
