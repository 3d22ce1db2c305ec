/**
 * Cut one imported file into its documents: an allocation letter (tildelingsbrev) and/or
 * supplements (tillegg til tildelingsbrev nr. N). Pure; see split.test.ts.
 *
 * A supplement starts at a title line `Tillegg til tildelingsbrev nr. N …` (also `nr N:`,
 * `Tillegg nr. N til tildelingsbrevet for 2023`, `Supplerende tildelingsbrev nr. N …`). The same words appear as row labels of the
 * "total appropriation so far" tables that supplements print, and in running text; a title line
 * is therefore only a start when it is at the start of a line, not inside such a table, not
 * followed by a bare amount (a wrapped row label), and either numbered after the document it
 * follows or placed after that document's signature block.
 */
import type { DocText, SourceLine } from './types';
import { clean, isBarePostHeading, isBlank, toSourceLines } from './text';
import { alternation, CLOSINGS } from './vocabulary';

export interface TitleMatch {
  kind: DocText['kind'];
  number: number | null;
  year: number | null;
  /** Agency named in a letter title (`Tildelingsbrev til Direktoratet for e-helse for 2020`). */
  agency: string | null;
}

const AMOUNT_ONLY = /^-?\d{1,3}(?: \d{3})*$/;
const TRAILING_AMOUNT = /\s\d{1,3}(?: \d{3})*$/;

/** A letter title line: `Tildelingsbrev til X for 2020`, `Tildelingsbrev 2024 – X`. */
export function matchLetterTitle(text: string): TitleMatch | null {
  const t = withoutPageNumber(clean(text));
  const b =
    /^Tildelingsbrev\s+(?:for\s+)?(?:(?:budsjett)?året\s+)?(\d{4})\s*(?:[-–:]\s*(?:til\s+)?|\s+til\s+)(\p{Lu}.*)$/u.exec(
      t,
    );
  if (b) {
    return {
      kind: 'allocation-letter',
      number: null,
      year: Number(b[1]),
      agency: agencyBeforeDash(b[2] ?? ''),
    };
  }
  // A state enterprise's oppdragsdokument plays the allocation letter's part. What follows the
  // year after a dash is the letter's subject (`… for 2037 – justering etter revidert budsjett`).
  const a =
    /^(?:Tildelingsbrev|Oppdragsdokument)(?:\s+til\s+(.+?))?\s+(?:for\s+)?(?:(?:budsjett)?året\s+)?(\d{4})(?:\s+[-–—]\s+\S.*)?$/u.exec(
      t,
    );
  if (a) {
    return { kind: 'allocation-letter', number: null, year: Number(a[2]), agency: a[1] ?? null };
  }
  // `Statsbudsjettet 2024 – tildelingsbrev til Helsedirektoratet` (or `for …`, `– …`)
  const c =
    /^Statsbudsjettet\s+(?:for\s+)?(\d{4})\s*[-–:]\s*[Tt]ildelingsbrev(?:\s+for\s+(?:(?:budsjett)?året\s+)?\d{4})?(?:\s+(?:til|for)\s+(\p{Lu}.+)|\s*[-–:]\s*(\p{Lu}.+))?$/u.exec(
      t,
    );
  if (c) {
    const agency = c[2] ?? c[3];
    return {
      kind: 'allocation-letter',
      number: null,
      year: Number(c[1]),
      agency: agency === undefined ? null : agencyBeforeDash(agency),
    };
  }
  return null;
}

/** An agency named in a title, without a subject after a dash (`X – revidert nasjonalbudsjett`). */
function agencyBeforeDash(text: string): string {
  return text.split(/\s[-–—]\s/u)[0]!.trim();
}

/**
 * A title line with the page's number before it, as text squashed to one line per page prints
 * it (`1 Tildelingsbrev til … 2013`): the number is no part of the title.
 */
export function withoutPageNumber(t: string): string {
  return t.replace(
    /^\d{1,3}\s+(?=(?:Tildelingsbrev|Oppdragsdokument|Statsbudsjettet|Tillegg|Supplerende)\b)/u,
    '',
  );
}

/** A supplement title line (the start of it): `Tillegg til tildelingsbrev nr. 3 - …`. */
export function matchSupplementTitle(text: string): TitleMatch | null {
  const t = withoutPageNumber(clean(text));
  // `Statsbudsjettet 2023 – tillegg nr. 5 til tildelingsbrev`: the prefix names the year.
  const pre = /^Statsbudsjettet\s+(?:for\s+)?(\d{4})\s*[-–:]\s*(.*)$/u.exec(t);
  // The words after the prefix open in lower case (`– supplerende tildelingsbrev nr. 2`).
  const body = pre ? (pre[2] ?? '').replace(/^\p{Ll}/u, (c) => c.toUpperCase()) : t;
  // `Supplerende tildelingsbrev nr. 2 Testetaten`, `Supplerende tildelingsbrev nr. 1 for 2031`
  const sup =
    /^Supplerende\s+tildelingsbrev\s+nr\.?\s*(\d+)(?:\s+(?:for\s+)?(\d{4}))?(?:\s*[-–:]?\s*(?:til\s+)?(\p{Lu}[^\d]*?))?\s*$/u.exec(
      body,
    );
  if (sup) {
    return {
      kind: 'supplement',
      number: Number(sup[1]),
      year: sup[2] !== undefined ? Number(sup[2]) : pre?.[1] !== undefined ? Number(pre[1]) : null,
      agency: sup[3]?.trim() || null,
    };
  }
  const other = otherSupplementTitle(body, pre?.[1]);
  if (other) return other;
  const m = /^Tillegg\s+(?:nr\.?\s*(\d+)\s+)?til\s+tildelingsbrev(?:et)?\b(.*)$/u.exec(body);
  if (!m) return null;
  const rest = m[2] ?? '';
  const tail = /^\s*(?:(?:for|i)\s+)?(?:(\d{4})\s*)?[-–:,]?\s*(?:nr\.?\s*(\d+))?/u.exec(rest);
  const num = m[1] ?? tail?.[2];
  if (num === undefined) return null;
  const year = tail?.[1] ?? pre?.[1];
  return {
    kind: 'supplement',
    number: Number(num),
    year: year === undefined ? null : Number(year),
    agency: null,
  };
}

/**
 * The other words a supplement's title opens with (`Supplement nr. 2 til tildelingsbrevet`,
 * `Tilleggstildelingsbrev nr. 1`, `Endring i tildelingsbrev for 2037 – X`, `Tildelingsbrev nr. 2
 * til X`, nynorsk `Supplerande tildelingsbrev nr. 1`), with a number or a year: the words alone
 * also head sections of letters. `preYear`: the year a `Statsbudsjettet 2037 –` prefix gave.
 */
function otherSupplementTitle(body: string, preYear: string | undefined): TitleMatch | null {
  const head =
    /^(?:Supplerande\s+tildelingsbrev|Tilleggstildelingsbrev|(?:Supplement|Endring(?:er|ar)?)\s+(?:nr\.?\s*(\d+)\s+)?(?:til|i)\s+tildelingsbrev(?:et)?|Tildelingsbrev(?=\s+nr\.?\s*(?:[2-9]|\d{2})))(?![\p{L}])/u.exec(
      body,
    );
  if (!head) return null;
  const tail =
    /^\s*(?:nr\.?\s*(\d+))?\s*(?:(?:for|i)\s+)?(?:(?:budsjett)?året\s+)?(\d{4})?\s*(?:[-–:,]\s*)?(?:til\s+)?(.*)$/u.exec(
      body.slice(head[0].length),
    );
  const number = head[1] ?? tail?.[1];
  const year = tail?.[2] ?? preYear;
  if (number === undefined && year === undefined) return null;
  const rest = (tail?.[3] ?? '').trim();
  // Without a number, what follows is the agency or a subject, never a sentence (`Endringer i
  // tildelingsbrevet for 2031 blir sendt i eget brev.`).
  if (number === undefined && rest !== '' && !/^\p{Lu}[^.!?;]*$/u.test(rest)) return null;
  return {
    kind: 'supplement',
    number: number === undefined ? null : Number(number),
    year: year === undefined ? null : Number(year),
    agency: /^\p{Lu}[^\d]*$/u.test(rest) ? agencyBeforeDash(rest) : null,
  };
}

/**
 * A title line that stops at a dash or an open word (`for`, `til`, …) continues on the next
 * printed line, as a title wrapped by the page width does: `Supplerende tildelingsbrev nr. 3 for
 * 2032 –` / `Prøvetilsynet`, `Tildelingsbrev til` / `Testetaten for 2031`.
 */
const OPEN_TITLE_END = /(?:\s(?:for|til|i|og|med|om|av|fra)|\s?[-–—:])$/u;

/**
 * The text of the title at line `i` when it is wrapped onto the next line: both lines joined
 * (the next directly under it, short, not a sentence), or null when the line does not stop
 * open.
 */
export function wrappedTitle(lines: readonly SourceLine[], i: number): string | null {
  const line = lines[i];
  const next = lines[i + 1];
  if (!line || !next || isBlank(next.text)) return null;
  const t = withoutPageNumber(clean(line.text));
  const n = clean(next.text);
  // It stops open (`… for`), or the next line goes on in lower case (`… til Statens` / `prøvearkiv`).
  const open = OPEN_TITLE_END.test(t) || /^\p{Ll}/u.test(n);
  if (!open || n.length > 80 || /[.:;!?]$/u.test(n)) return null;
  return `${t} ${n}`;
}

/**
 * Every title opens with one of these words (matchLetterTitle, matchSupplementTitle), so a line
 * without any starts none, alone or wrapped: most lines are not looked at further.
 */
const TITLE_OPENING =
  /Tildelingsbrev|Oppdragsdokument|Statsbudsjettet|Supplerende|Supplerande|Supplement|Tillegg|Endring/u;

/**
 * The title at line `i` of a kind (or of either kind): read from the line and the next one
 * when the title wraps, else from the line alone. `lines` is how many lines it takes.
 */
export function titleAt(
  lines: readonly SourceLine[],
  i: number,
  kind?: DocText['kind'],
): { title: TitleMatch; lines: 1 | 2 } | null {
  const line = lines[i];
  if (!line || !TITLE_OPENING.test(clean(line.text))) return null;
  const match = (text: string) =>
    (kind !== 'supplement' && /^\s*\S/.test(line.text) ? matchLetterTitle(text) : null) ??
    (kind !== 'allocation-letter' ? matchSupplementTitle(text) : null);
  const wrapped = wrappedTitle(lines, i);
  const both = wrapped === null ? null : match(wrapped);
  if (both) return { title: both, lines: 2 };
  const one = match(line.text);
  return one ? { title: one, lines: 1 } : null;
}

/** The total row closing such a table: `Tildeling totalt i 2020 335 072`. */
export function isTotalsTotal(text: string): boolean {
  return /^(?:Tildeling(?:er)?\s+totalt|Totalt|Sum\s+tildel)/iu.test(clean(text));
}

const SIGNATURE_START = new RegExp(`^(?:${alternation(CLOSINGS)})(?![\\p{L}])`, 'iu');

/** Signature block start: `Med hilsen`, `Med vennlig hilsen`, nynorsk `Med helsing` (CLOSINGS). */
export function isSignatureStart(text: string): boolean {
  return SIGNATURE_START.test(clean(text));
}

function nextNonBlank(lines: readonly SourceLine[], from: number, count: number): string[] {
  const out: string[] = [];
  for (let i = from; i < lines.length && out.length < count; i++) {
    const l = lines[i];
    if (l && !isBlank(l.text)) out.push(clean(l.text));
  }
  return out;
}

/** Whether a supplement-title-like line is really a row label of a totals table. */
function looksLikeTableRow(lines: readonly SourceLine[], i: number, inTotals: boolean): boolean {
  if (inTotals) return true;
  const line = lines[i];
  if (!line) return false;
  const t = clean(line.text).replace(/nr\.?\s*\d+/u, '');
  if (TRAILING_AMOUNT.test(t)) return true;
  return nextNonBlank(lines, i + 1, 3).some((n) => AMOUNT_ONLY.test(n));
}

interface Start {
  index: number;
  title: TitleMatch;
}

function findStarts(lines: readonly SourceLine[]): Start[] {
  const starts: Start[] = [];
  let inTotals = false;
  let current: TitleMatch | null = null;
  let signed = false;
  let contentSeen = false;
  let proseSeen = false;
  lines.forEach((line, i) => {
    const t = clean(line.text);
    if (t === '') return;
    // A totals table (`Kap 744.21`, rows naming the letter and supplements, `Tildeling totalt`)
    // lists titles that start no document. It ends at its total, or at the letter's closing; a
    // heading with the post's name (`Kap. 1450, post 21 Driftsutgifter`) heads prose, no table.
    if (isBarePostHeading(t)) inTotals = true;
    else if (inTotals && (isTotalsTotal(t) || isSignatureStart(t))) inTotals = false;
    const letter = titleAt(lines, i, 'allocation-letter')?.title ?? null;
    const supplement = titleAt(lines, i, 'supplement')?.title ?? null;
    let title: TitleMatch | null = null;
    // A cover page (title, agency, date) and then the title again on the first page: one letter.
    const repeated =
      letter !== null &&
      current?.kind === 'allocation-letter' &&
      current.year === letter.year &&
      !proseSeen;
    if (letter && !inTotals && !repeated) title = letter;
    else if (supplement && !looksLikeTableRow(lines, i, inTotals)) {
      const after =
        current === null ||
        current.kind === 'allocation-letter' ||
        (current.number ?? 0) < (supplement.number ?? 0);
      if (after || signed || !contentSeen) title = supplement;
    }
    if (title) {
      starts.push({ index: i, title });
      current = title;
      signed = false;
      contentSeen = false;
      proseSeen = false;
      return;
    }
    contentSeen = true;
    if (isProse(line)) proseSeen = true;
    if (isSignatureStart(t)) signed = true;
  });
  return starts;
}

const YEAR_EVIDENCE: ReadonlyArray<{ re: RegExp; weight: number; group?: number }> = [
  { re: /Tildeling(?:er)?\s+totalt\s+i\s+(\d{4})/giu, weight: 5 },
  { re: /tildelingsbrev(?:et)?\s+(?:for|i)\s+(\d{4})/giu, weight: 4 },
  { re: /hittil\s+i\s+(\d{4})/giu, weight: 4 },
  { re: /Prop\.?\s*1\s*S\s*\(\d{4}\s*[-–]\s*(\d{4})\)/giu, weight: 5 },
  { re: /\bT?TB\s?(\d{4})-\d+/gu, weight: 1 },
  {
    re: /\d{1,2}\.\s*(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\s+(\d{4})/giu,
    weight: 1,
  },
  { re: /(?<![\d\-–])(20\d{2})(?![\d\-–])/gu, weight: 0.5 },
];

/** The budget year a document's text points to, or null when it names none. */
export function inferYear(lines: readonly SourceLine[]): number | null {
  const text = lines.map((l) => clean(l.text)).join(' ');
  const score = new Map<number, number>();
  for (const { re, weight } of YEAR_EVIDENCE) {
    for (const m of text.matchAll(re)) {
      const y = Number(m[1]);
      if (y < 1990 || y > 2100) continue;
      score.set(y, (score.get(y) ?? 0) + weight);
    }
  }
  let best: number | null = null;
  let bestScore = -1;
  for (const [y, s] of score) {
    if (s > bestScore || (s === bestScore && best !== null && y > best)) {
      best = y;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Split the lines of one file into documents. Every line belongs to exactly one document; the
 * first document starts at line 1 (letterhead included). A file without any title is one
 * allocation letter. Line numbers are the file's (1-based).
 */
export function splitDocuments(lines: string[]): DocText[] {
  const all = toSourceLines(lines);
  if (all.length === 0) return [];
  const starts = findStarts(all);
  const first = starts[0];
  const before = first ? all.slice(0, first.index) : all;
  if (!first || (first.title.kind === 'supplement' && before.some(isProse))) {
    // Running text before the first title (or no title at all): the letter itself.
    starts.unshift({
      index: 0,
      title: { kind: 'allocation-letter', number: null, year: null, agency: null },
    });
  }
  const docs: DocText[] = [];
  let letterYear: number | null = null;
  let lastNumber = 0;
  starts.forEach((s, k) => {
    const begin = k === 0 ? 0 : s.index;
    const end = starts[k + 1]?.index ?? all.length;
    const docLines = all.slice(begin, end);
    // A supplement numbered after the previous one belongs to the letter's year; a restarted
    // series (nr. 1 after nr. 9) is a new year, read from its own text.
    const inSeries = s.title.kind === 'supplement' && (s.title.number ?? 0) > lastNumber;
    const year =
      s.title.year ?? (inSeries ? letterYear : null) ?? inferYear(docLines) ?? letterYear;
    if (s.title.kind === 'allocation-letter') {
      letterYear = year;
      lastNumber = 0;
    } else {
      lastNumber = s.title.number ?? lastNumber;
      if (!inSeries) letterYear = year;
    }
    docs.push({
      lines: docLines,
      year: year ?? 0,
      kind: s.title.kind,
      number: s.title.kind === 'supplement' ? s.title.number : null,
    });
  });
  return docs;
}

/** A line of running text (letterhead and address lines are short). */
function isProse(line: SourceLine): boolean {
  return clean(line.text).length >= 60;
}
