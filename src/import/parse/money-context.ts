/**
 * Running text around the money read from sentences: the rest of a list item that earmarks an
 * amount (`- 30 mill. kroner for å … . Tiltaket innebærer …`) describes that earmark; the other
 * sentences of a supplement's allocation paragraph, and a paragraph of references just before it
 * (`Vi viser til takstforhandlingene …`), give the allocation's reason. Pure.
 */
import type { AppropriationLine, Earmark } from '../../contract/letter';
import type { SourceLine } from './types';
import { clean, paragraphs, type Sentence } from './text';

const LIST_ITEM = /^(?:[-–•]\s|\d{1,2}[.)]\s|[a-z]\)\s)/u;
/** Request language: such a sentence is an assignment, not a reason. */
const ASKS = /\b(?:bes|ber om|[Ff]rist)\b/u;
const REFERS =
  /^(?:Vi|Departementet|Det|Videre)\s+(?:viser|vises)\s+(?:det\s+)?(?:også\s+|videre\s+)?til\b/u;

export interface ContextInput {
  sentences: readonly Sentence[];
  /** The prose lines the sentences were cut from. */
  lines: readonly SourceLine[];
  allocations: readonly AppropriationLine[];
  earmarks: readonly Earmark[];
  sources: ReadonlyMap<AppropriationLine | Earmark, Sentence>;
  /** Whether a sentence is still free (no item was read from it). */
  free: (s: Sentence) => boolean;
}

/**
 * Paragraphs, also split after a short line that ends a sentence: double-spaced PDF text often
 * loses the blank line between paragraphs, but a paragraph's last line is short.
 */
function paragraphsOf(lines: readonly SourceLine[]): SourceLine[][] {
  const lengths = lines.map((l) => clean(l.text).length).sort((a, b) => a - b);
  const width = lengths[Math.floor(lengths.length * 0.8)] ?? 80;
  return paragraphs(lines).flatMap((para) => {
    const out: SourceLine[][] = [[]];
    for (const l of para) {
      out[out.length - 1]!.push(l);
      const t = clean(l.text);
      if (/[.!?]$/.test(t) && t.length < width * 0.65) out.push([]);
    }
    return out.filter((p) => p.length > 0);
  });
}

/** Paragraph number of every sentence (by its first line). */
function paragraphIndex(input: ContextInput): Map<Sentence, number> {
  const paraOf = new Map<number, number>();
  paragraphsOf(input.lines).forEach((p, k) => {
    for (const l of p) paraOf.set(l.no, k);
  });
  const out = new Map<Sentence, number>();
  for (const s of input.sentences) out.set(s, paraOf.get(s.lines[0]?.no ?? 0) ?? -1);
  return out;
}

function extend(
  item: { provenance: { startLine: number; endLine: number } },
  extra: readonly Sentence[],
) {
  for (const s of extra) {
    for (const l of s.lines) {
      item.provenance.startLine = Math.min(item.provenance.startLine, l.no);
      item.provenance.endLine = Math.max(item.provenance.endLine, l.no);
    }
  }
}

/** Attaches the context sentences to their items; returns the lines now accounted for. */
export function attachMoneyContext(input: ContextInput): SourceLine[] {
  const para = paragraphIndex(input);
  const taken = new Set<Sentence>();
  const claimed: SourceLine[] = [];
  const take = (ss: Sentence[]) => {
    for (const s of ss) taken.add(s);
    claimed.push(...ss.flatMap((s) => s.lines));
  };
  const isFree = (s: Sentence) => !taken.has(s) && input.free(s);
  for (const e of input.earmarks) {
    const s = input.sources.get(e);
    if (!s || !LIST_ITEM.test(s.text)) continue;
    const rest = following(input.sentences, s, para, (x) => !LIST_ITEM.test(x.text) && isFree(x));
    if (rest.length === 0) continue;
    e.text = [e.text, ...rest.map((x) => x.text)].join(' ');
    extend(e, rest);
    take(rest);
  }
  for (const a of input.allocations) {
    const s = input.sources.get(a);
    if (!s) continue;
    const p = para.get(s) ?? -1;
    const reason = (x: Sentence) => isFree(x) && !ASKS.test(x.text);
    const same = input.sentences.filter((x) => para.get(x) === p && x !== s && reason(x));
    const at = s.lines[0]?.no ?? 0;
    const before = [
      ...reasonsAbove(input.sentences, p, para, reason),
      ...same.filter((x) => (x.lines[0]?.no ?? 0) < at),
    ];
    const after = same.filter((x) => !before.includes(x));
    if (before.length + after.length === 0) continue;
    const texts = [...before, s, ...after].map((x) => (x === s ? (a.comment ?? s.text) : x.text));
    a.comment = texts.join(' ');
    extend(a, [...before, ...after]);
    take([...before, ...after]);
  }
  return claimed;
}

/** The sentences after `s` in its paragraph, up to the first one that fails `ok`. */
function following(
  all: readonly Sentence[],
  s: Sentence,
  para: Map<Sentence, number>,
  ok: (x: Sentence) => boolean,
) {
  const at = all.indexOf(s);
  const p = para.get(s);
  const out: Sentence[] = [];
  for (let k = at + 1; k < all.length && para.get(all[k]!) === p && ok(all[k]!); k++) {
    out.push(all[k]!);
  }
  return out;
}

/**
 * A paragraph of references (`Vi viser til …`) just above an allocation paragraph gives its
 * reason; not the document's first paragraph (that is the preamble), and only its free sentences.
 */
function reasonsAbove(
  all: readonly Sentence[],
  p: number,
  para: Map<Sentence, number>,
  isFree: (s: Sentence) => boolean,
): Sentence[] {
  if (p <= 1) return [];
  const above = all.filter((x) => para.get(x) === p - 1);
  const first = above[0];
  if (!first || !REFERS.test(first.text)) return [];
  return above.filter(isFree);
}
