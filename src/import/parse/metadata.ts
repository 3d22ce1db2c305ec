/**
 * Document metadata: kind, number, year, title, ministry (+ org.nr), agency, date, legal basis,
 * signatories. Also claims the boilerplate every letter carries (letterhead, address block,
 * page markers, signature block, copy lists) so coverage counts it. Pure; see metadata.test.ts.
 */
import type { ExtractedDocument, ImportWarning } from '../../contract/letter';
import { organisationNames } from './organisations';
import { ADDRESSEE_LABELS, alternation } from './vocabulary';
import { parseDeadline } from '../../domain/deadline';
import { formatOrgNr, isValidOrgNr } from '../../domain/orgnr';
import type { DocText, Extracted, SourceLine } from './types';
import { isSignatureStart, titleAt, withoutPageNumber } from './split';
import { clean, isBlank, isPageMarker, joinLines, normaliseDashes, tableCells } from './text';

export type DocMetadata = Pick<
  ExtractedDocument,
  | 'kind'
  | 'identity'
  | 'number'
  | 'year'
  | 'title'
  | 'ministry'
  | 'ministryOrgNr'
  | 'agency'
  | 'date'
  | 'legalBasis'
  | 'signatories'
>;

type Signatory = ExtractedDocument['signatories'][number];

const LETTERHEAD_LABELS =
  '(?:Postadresse|Kontoradresse|Besøksadresse|Telefon\\*?|Telefaks|Sentralbord|E-post|Internett|Nettstad|Nettside|Org\\.?\\s*nr\\.?|Organisasjonsnummer|Avdeling|Seksjon|Saksbehandler|Saksbehandlar|Deres ref\\.?|Vår ref\\.?|Dato|Vår dato|Deres dato|Arkivkode)';
const LETTERHEAD_LABEL = new RegExp(`^${LETTERHEAD_LABELS}\\b`, 'iu');
/** A cell that is one label and nothing else (a letterhead or footer table's header row). */
const LETTERHEAD_LABEL_CELL = new RegExp(`^${LETTERHEAD_LABELS}:?$`, 'iu');
const LETTERHEAD_VALUE =
  /^(?:Postboks\b.*|\d{4} \p{Lu}.*|[\w.-]+@[\w.-]+\.\w+|www\.\S+|\+?\d[\d ]{6,}\d|\d{2}\/\d+-?\d*|[\p{Lu}][\p{L}.]+(?:gt|gate|veien|vei)\.? \d+.*)$/u;
const TITLE_WORDS =
  /^(?:(?:kst\.|konst\.|fung\.)\s+)?[\p{Ll}-]*(?:sjef|direktør|rådgiver|råd|leder|sekretær|konsulent|saksbehandler|statsråd|statssekretær|jurist|økonom)$/u;
const BOILERPLATE =
  /^(?:Dokumentet er (?:elektronisk )?(?:signert|godkjent)\b.*|Kopi(?: til)?:?.*|Vedlegg:?\s*\d*$|mailto:\S+|https?:\/\/\S+)$/iu;

/** An addressee and its address on one line: `Testetaten Postboks 1 Sentrum 0101 OSLO`. */
const INLINE_ADDRESS =
  /^(\p{Lu}[^:;,.]{1,58}?)\s+Postboks\s+\d+[^:;]*\d{4}\s+\p{Lu}[\p{Lu}\p{Ll} -]*$/u;

/**
 * A page squashed onto one line that opens with the address block (after the page's number):
 * `1 Patentstyret Postboks 8160 Dep 0033 OSLO Deres ref …`.
 */
const SQUASHED_ADDRESS =
  /^(?:\d{1,3}\s+)?(\p{Lu}[\p{L} -]{1,58}?)\s+Postboks\s+\d+(?:\s+[\p{L}]+){0,2}\s+\d{4}\s+\p{Lu}\p{L}+(?:\s|$)/u;

/** A ministry's name in capitals, as a letterhead prints it: `JUSTIS- OG BEREDSKAPSDEPARTEMENTET`. */
const MINISTRY_CAPS_RE =
  /(?<![\p{L}-])(\p{Lu}+-\s+OG\s+\p{Lu}+DEPARTEMENTET|\p{Lu}+DEPARTEMENTET)(?![\p{L}])/u;

/** The ministry named in capitals only (a letterhead), spelt as a name is. */
function capitalsMinistry(text: string): string | null {
  const m = MINISTRY_CAPS_RE.exec(text)?.[1];
  return m ? m.charAt(0) + m.slice(1).toLowerCase() : null;
}

/** HOD and friends: the ministry most named in the document. */
const MINISTRY_RE =
  /(?<![\p{L}-])(\p{Lu}\p{Ll}+-\s+og\s+\p{Ll}+departementet|\p{Lu}\p{Ll}+departementet)(?![\p{L}])/gu;
/**
 * State agencies' names from the data file (not ministries; acronyms left out, as they are also
 * words), longest first: an agency whose name follows no pattern (`Kompetansesenter for
 * distriktsutvikling`) is still found.
 */
const KNOWN_AGENCIES = organisationNames(['agency', 'enterprise']).filter(
  (n) => n.length >= 6 && /\p{Ll}/u.test(n),
);
const KNOWN_AGENCY_RE = new RegExp(
  `(?<![\\p{L}-])(${alternation(KNOWN_AGENCIES)})(?![\\p{L}-])`,
  'u',
);
const AGENCY_RE =
  /(Direktoratet for (?:\p{Ll}+ske\s+)?[\p{L}-]+(?:\s+og\s+[\p{L}-]+)?|\p{Lu}[\p{Ll}-]*(?:direktoratet|tilsynet|instituttet|verket|ombudet|registeret)|Statens\s+\p{Ll}+|Norsk\s+\p{Lu}\p{Ll}+\s+SF|Statsforvalteren\s+i\s+\p{Lu}\p{Ll}+)/u;

/** Whether a text is an agency's name and nothing more (by its shape, or a known name). */
function isAgencyName(text: string): boolean {
  if (text === '') return false;
  const shaped = AGENCY_RE.exec(text);
  const known = KNOWN_AGENCY_RE.exec(text);
  return [shaped, known].some((m) => m !== null && m.index === 0 && m[0] === text);
}

function texts(lines: readonly SourceLine[]): string[] {
  return lines.map((l) => clean(l.text));
}

function nonBlankAfter(lines: readonly SourceLine[], i: number, max: number): SourceLine[] {
  const out: SourceLine[] = [];
  for (let k = i + 1; k < lines.length && out.length < max; k++) {
    const l = lines[k];
    if (l && !isBlank(l.text)) out.push(l);
  }
  return out;
}

export interface TitleFound {
  title: string;
  lines: SourceLine[];
  agency: string | null;
}

const CONNECTOR_END = /(?:\s(?:for|med|om|av|i|og|til|på|mot|fra|mv\.?)|[-–:])$/u;

/** The document's title line(s), if printed. */
export function findTitle(doc: DocText): TitleFound | null {
  const { lines } = doc;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || isBlank(line.text)) continue;
    const found = titleAt(lines, i, doc.kind);
    if (!found) continue;
    const m = found.title;
    const used = [line];
    let title = withoutPageNumber(clean(line.text));
    const next = lines[i + 1];
    if (found.lines === 2 && next) {
      // Read from this line and the next: `… nr. 3 for 2032 –` / `Prøvetilsynet`.
      title = joinLines([title, clean(next.text)]);
      used.push(next);
    } else if (next && !isBlank(next.text) && doc.kind === 'supplement') {
      // A title wrapped onto the next line: directly adjacent (no blank line), short, and the
      // first part either ends with a connector word or filled the line.
      const n = clean(next.text);
      const wraps = CONNECTOR_END.test(title) || title.length >= 60 || /^[\p{Ll}\d]/u.test(n);
      if (wraps && n.length <= 80 && !/[:]$/.test(n)) {
        title = joinLines([title, n]);
        used.push(next);
      }
    }
    // An agency's name after a dash, where the title's own form names none (`Tillegg nr. 2 til
    // tildelingsbrev for 2036 – Prøvetilsynet`); a subject there (`– Nye oppdrag`) is no agency.
    const afterDash = /[-–—]\s*([^-–—]+)$/u.exec(title)?.[1]?.trim() ?? '';
    let agency = m.agency ?? (isAgencyName(afterDash) ? afterDash : null);
    // `Tildelingsbrev 2017` with the agency alone on the line under it.
    const below = lines.slice(i + used.length).find((l) => !isBlank(l.text));
    if (!agency && doc.kind !== 'supplement' && below) {
      const name = clean(below.text);
      if (isAgencyName(name)) {
        agency = name;
        used.push(below);
      }
    }
    return { title: title.replace(/\s+[-–]\s*$/u, ''), lines: used, agency };
  }
  return null;
}

function mostFrequent(re: RegExp, text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(re)) {
    const k = (m[1] ?? '').replace(/\s+/g, ' ');
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [k, c] of counts) {
    if (c > n) {
      best = k;
      n = c;
    }
  }
  return best;
}

function findOrgNr(lines: readonly SourceLine[], claim: Set<number>, warnings: ImportWarning[]) {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const t = clean(line.text);
    const label = /^Org(?:anisasjons)?\.?\s*(?:nr|nummer)\.?:?\s*(.*)$/iu.exec(t);
    if (!label) continue;
    let value = label[1] ?? '';
    let valueLine: SourceLine | undefined = line;
    if (!/\d/.test(value)) {
      valueLine = nonBlankAfter(lines, i, 1)[0];
      value = valueLine ? clean(valueLine.text) : '';
    }
    const digits = value.replace(/\D/g, '');
    if (digits.length !== 9) continue;
    claim.add(line.no);
    if (valueLine) claim.add(valueLine.no);
    if (!isValidOrgNr(digits)) warnings.push({ code: 'org-nr-check', params: { orgNr: value } });
    return formatOrgNr(digits);
  }
  return null;
}

/**
 * A letterhead line that is a ministry's name and nothing else: `Prøve- og testdepartementet`,
 * `DET KONGELIGE PRØVE- OG TESTDEPARTEMENT` (bokmål), `Det kongelege … departementet`.
 */
const MINISTRY_LINE =
  /^(?:det\s+kongel(?:ige|ege)\s+)?[\p{L}]+(?:-\s+og\s+[\p{L}]+)?departement(?:et)?$/iu;
/** A ministry's name heads the letter: within this many non-blank lines of the start. */
const MINISTRY_HEAD_LINES = 8;

/** `Postadresse  Kontoradresse  Telefon  Avdeling`: a row of letterhead labels only. */
function isLabelRow(text: string): boolean {
  const cells = tableCells(text);
  return cells.length >= 2 && cells.every((c) => LETTERHEAD_LABEL_CELL.test(c));
}

/**
 * A letterhead or footer printed as a table (the first page's footer of a Word template): its
 * row of labels and the rows of values under it, up to a line that is not a row of cells.
 */
function claimLabelTable(lines: readonly SourceLine[], i: number, claim: Set<number>): void {
  claim.add(lines[i]!.no);
  for (const value of nonBlankAfter(lines, i, 3)) {
    if (tableCells(value.text).length < 2) return;
    claim.add(value.no);
  }
}

/** Letterhead and address block: labels with their values, the addressee before `Postboks`. */
function claimLetterhead(lines: readonly SourceLine[], claim: Set<number>): string | null {
  let addressee: string | null = null;
  const first = lines.find((l) => !isBlank(l.text));
  if (first) addressee = SQUASHED_ADDRESS.exec(clean(first.text))?.[1] ?? null;
  for (const l of nonBlankAfter(lines, -1, MINISTRY_HEAD_LINES)) {
    if (MINISTRY_LINE.test(clean(l.text))) claim.add(l.no);
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || isBlank(line.text)) continue;
    const t = clean(line.text);
    if (isPageMarker(t) || BOILERPLATE.test(t)) {
      claim.add(line.no);
      if (/^(?:Kopi(?: til)?|Vedlegg|Adresseliste):?$/iu.test(t)) claimList(lines, i, claim);
    } else if (LETTERHEAD_LABEL.test(t) && isLabelRow(line.text)) {
      claimLabelTable(lines, i, claim);
    } else if (LETTERHEAD_LABEL.test(t) && t.length <= 40) {
      claim.add(line.no);
      const value = nonBlankAfter(lines, i, 1)[0];
      if (value && clean(value.text).length <= 40 && !LETTERHEAD_LABEL.test(clean(value.text))) {
        claim.add(value.no);
        // Avdeling/Saksbehandler may carry a second value line (phone number).
        const more = nonBlankAfter(lines, lines.indexOf(value), 1)[0];
        if (more && LETTERHEAD_VALUE.test(clean(more.text))) claim.add(more.no);
      }
    } else if (INLINE_ADDRESS.test(t) && !LETTERHEAD_LABEL.test(t)) {
      // `Testetaten Postboks 1 Sentrum 0101 OSLO`: the address block on one line.
      claim.add(line.no);
      addressee ??= INLINE_ADDRESS.exec(t)?.[1] ?? null;
    } else if (LETTERHEAD_VALUE.test(t) && t.length <= 40) {
      claim.add(line.no);
      if (/^Postboks\b/u.test(t)) {
        const prev = [...lines.slice(0, i)].reverse().find((l) => !isBlank(l.text));
        if (prev && clean(prev.text).length <= 50 && AGENCY_RE.test(clean(prev.text))) {
          addressee = clean(prev.text);
          claim.add(prev.no);
        }
      }
    }
  }
  return addressee;
}

/** `Mottaker` alone on a line (the name under it), or `Til: Testetaten` (the name after it). */
const ADDRESSEE_LABEL = new RegExp(
  `^(?:${alternation(ADDRESSEE_LABELS)})(?:\\s*:\\s*(.*)|\\s*:?)$`,
  'iu',
);
/** Where no title marks the letterhead's end, it is looked for in this many non-blank lines. */
const ADDRESSEE_LINES = 20;

/**
 * The addressee a letterhead labels (`Mottaker` over the agency's name, as Tildel prints it;
 * `Til: Testetaten`), before the title line `titleNo` (or near the top where no title was
 * found), claiming the label and the name. A name is one short line, no label, address or date.
 */
function labelledAddressee(
  lines: readonly SourceLine[],
  titleNo: number | null,
  claim: Set<number>,
): string | null {
  const head = lines.filter((l) => !isBlank(l.text) && (titleNo === null || l.no < titleNo));
  const top = titleNo === null ? head.slice(0, ADDRESSEE_LINES) : head;
  for (let i = 0; i < top.length; i++) {
    const label = top[i]!;
    const t = clean(label.text).trim();
    // A label is capitalised (`Til`, `TIL:`): a lone `til` is a sentence's line break.
    const m = /^\p{Lu}/u.test(t) ? ADDRESSEE_LABEL.exec(t) : null;
    if (!m) continue;
    const after = m[1]?.trim() ?? '';
    const nameLine = after ? label : top[i + 1];
    const name = after || (nameLine ? clean(nameLine.text).trim() : '');
    if (!nameLine || !isAddresseeName(name)) continue;
    claim.add(label.no);
    claim.add(nameLine.no);
    return name;
  }
  return null;
}

/** A line that may be an addressee's name: short, and not a label, an address or a date. */
function isAddresseeName(t: string): boolean {
  return (
    /^\p{L}/u.test(t) &&
    t.length <= 100 &&
    !LETTERHEAD_LABEL.test(t) &&
    !LETTERHEAD_VALUE.test(t) &&
    !ADDRESSEE_LABEL.test(t) &&
    tokens(DATE_TOKEN, t).length === 0
  );
}

/** The lines of copy lists: `Kopi til:` with the names under it, or `Kopi: A, B` on one line. */
function copyListLines(lines: readonly SourceLine[]): Set<number> {
  const copies = new Set<number>();
  lines.forEach((line, i) => {
    const t = clean(line.text);
    if (/^(?:Kopi(?: til)?|Adresseliste):?$/iu.test(t)) {
      copies.add(line.no);
      claimList(lines, i, copies);
    } else if (/^Kopi(?: til)?:/iu.test(t)) copies.add(line.no);
  });
  return copies;
}

/** The short lines of a list under `Kopi til:` / `Vedlegg:` (names, not sentences). */
function claimList(lines: readonly SourceLine[], i: number, claim: Set<number>): void {
  for (let k = i + 1, taken = 0; k < lines.length && taken < 20; k++) {
    const l = lines[k];
    if (!l) continue;
    if (l.text !== '' && isBlank(l.text)) break;
    if (isBlank(l.text)) continue;
    const t = clean(l.text);
    if (t.length > 70 || /[.:;]$/.test(t) || isSignatureStart(t)) break;
    claim.add(l.no);
    taken++;
  }
}

// ---------------------------------------------------------------------------------------------
// The letter's date
// ---------------------------------------------------------------------------------------------

const DATE_MONTH =
  '(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|' +
  'jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|des)\\.?';
/** A printed date with its year: `19.12.2025`, `18.12.24`, `20. desember 2025`, `5. jan. 2026`. */
const DATE_TOKEN = new RegExp(
  `(?<![\\p{L}\\p{N}.])(?:\\d{1,2}\\.\\d{1,2}\\.(?:\\d{4}|\\d{2})|\\d{1,2}\\.\\s*${DATE_MONTH}\\s+\\d{4})(?![\\p{L}\\p{N}]|[.,]\\d)`,
  'giu',
);
/** The same, numeric only with a four-digit year (what a squashed page is trusted with). */
const NUMERIC_DATE = /(?<![\p{L}\p{N}.])\d{1,2}\.\d{1,2}\.\d{4}(?![\p{L}\p{N}]|[.,]\d)/gu;
/**
 * Date labels of a letterhead: `Dato`, `Vår dato`, and the recipient's `Deres dato` (nynorsk
 * `Dykkar dato`), which is not the letter's; `Vår refdato` where OCR ran two labels together.
 */
const DATE_LABEL = /(?<!\p{L})(?:(vår|deres|dykkar)\s+(?:ref)?)?dato(?!\p{L}):?/giu;
const THEIR_OWNER = new Set(['deres', 'dykkar']);
const REF_LABEL = /(?<!\p{L})(?:deres|dykkar|vår)\s+ref\.?(?!\p{L}):?/giu;
/** What may stand between a date label and its date: reference numbers and initials. */
const REF_GAP = /^[\s\p{Lu}\d/\\\-.:()]{0,40}$/u;
/** A city before the date (`Oslo, 15. januar 2026`). */
const PLACE_PREFIX = /^(?:\p{Lu}[\p{L}-]+,\s*)?/u;
/** A date line is not the letter's date when the line before leads into it (`frist`, `av`). */
const LEADS_INTO_DATE =
  /(?:^|\s)(?:innen|til|av|fra|den|per|pr\.?|frist|med|om|i|etter|før|datert|dato)$/iu;
/** The letterhead: the letter's date is printed within this many non-blank lines of the start. */
const LETTERHEAD_LINES = 60;
/** A lone date line must be within this many non-blank lines of the start. */
const TOP_LINES = 40;
/** A line this long is a page squashed into one line by the converter. */
const SQUASHED = 200;

interface DateToken {
  text: string;
  start: number;
  end: number;
}

interface FoundDate {
  date: string | null;
  lines: SourceLine[];
}

function tokens(re: RegExp, text: string): DateToken[] {
  return [...text.matchAll(re)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/** The dates of `text` from its start, each after only reference numbers and initials. */
function leadingDates(text: string): DateToken[] {
  const out: DateToken[] = [];
  let from = 0;
  for (const tok of tokens(DATE_TOKEN, text)) {
    if (!REF_GAP.test(text.slice(from, tok.start))) break;
    out.push(tok);
    from = tok.end;
  }
  return out;
}

/** A date token → ISO date, or null with a warning when no such day exists (31.06.2026). */
function toIso(
  tok: string,
  line: SourceLine,
  year: number,
  warnings: ImportWarning[],
): string | null {
  const value = parseDeadline(tok, { year: year || 2000 });
  if (value.kind === 'exact') return value.date;
  warnings.push({ code: 'letter-date-invalid', params: { date: tok, line: line.no } });
  return null;
}

/** A line that holds only letterhead labels, reference numbers and the date may be claimed. */
function onlyLetterhead(text: string): boolean {
  const rest = text.replace(DATE_LABEL, ' ').replace(REF_LABEL, ' ').replace(DATE_TOKEN, ' ');
  return REF_GAP.test(rest) || rest.trim().length === 0;
}

/**
 * `Vår dato: 19.12.2025`, `Dato` over `20. desember 2025`, a letterhead table row (`Deres ref
 * Vår ref Dato` over its values, or squashed into one line), never `Deres dato`.
 */
function labelledDate(
  lines: readonly SourceLine[],
  year: number,
  warnings: ImportWarning[],
): FoundDate | undefined {
  const top = nonBlankAfter(lines, -1, LETTERHEAD_LINES);
  for (let i = 0; i < top.length; i++) {
    const line = top[i]!;
    const t = clean(line.text);
    const labels = [...t.matchAll(DATE_LABEL)].map((m) => ({
      ours: !THEIR_OWNER.has((m[1] ?? '').toLowerCase()),
      start: m.index,
      end: m.index + m[0].length,
    }));
    const ours = labels.findIndex((l) => l.ours);
    if (ours < 0) continue;
    const onLine = tokens(DATE_TOKEN, t);
    const last = labels[labels.length - 1]!;
    let picked: DateToken | undefined;
    let valueLine = line;
    if (onLine.some((d) => d.start < last.start)) {
      // Labels and values interleaved (`Vår dato: 19.12.2025 Deres dato: 01.12.2025`).
      const label = labels[ours]!;
      const segment = t.slice(label.end, labels[ours + 1]?.start ?? t.length);
      picked = leadingDates(segment)[0];
    } else {
      // A header: the values follow the last label, on this line or the next.
      let values = t.slice(last.end);
      let dates = leadingDates(values);
      const next = top[i + 1];
      if (dates.length === 0 && REF_GAP.test(values) && next) {
        values = clean(next.text);
        if (new RegExp(DATE_LABEL.source, 'iu').test(values)) continue;
        dates = leadingDates(values);
        valueLine = next;
      }
      if (dates.length === 0) continue;
      if (dates.length >= labels.length) picked = dates[ours];
      // Fewer dates than date columns: one date is the letter's own (`Deres dato` is blank
      // unless the letter answers one); more than one cannot be placed.
      else if (dates.length === 1) picked = dates[0];
      else {
        warnings.push({
          code: 'letter-date-ambiguous',
          params: { dates: dates.length, columns: labels.length, line: valueLine.no },
        });
        return { date: null, lines: [] };
      }
    }
    if (!picked) continue;
    const used = [line, valueLine].filter((l, k, all) => all.indexOf(l) === k);
    return {
      date: toIso(picked.text, valueLine, year, warnings),
      lines: used.filter((l) => onlyLetterhead(clean(l.text))),
    };
  }
  return undefined;
}

/** `Oslo, 15. januar 2026`, `18.12.2024`: a date line of its own near the top. */
function loneDate(lines: readonly SourceLine[], year: number, warnings: ImportWarning[]) {
  const top = nonBlankAfter(lines, -1, TOP_LINES);
  for (let i = 0; i < top.length; i++) {
    const line = top[i]!;
    const t = clean(line.text).replace(PLACE_PREFIX, '');
    const [tok] = tokens(DATE_TOKEN, t);
    if (!tok || tok.start !== 0 || tok.end !== t.length) continue;
    const prev = top[i - 1];
    if (prev && LEADS_INTO_DATE.test(clean(prev.text))) continue;
    return { date: toIso(tok.text, line, year, warnings), lines: [line] };
  }
  return undefined;
}

/** A page squashed into one line: a numeric date among the heading words at its start. */
function squashedDate(lines: readonly SourceLine[], year: number, warnings: ImportWarning[]) {
  const [first] = nonBlankAfter(lines, -1, 1);
  if (!first || clean(first.text).length < SQUASHED) return undefined;
  const head = clean(first.text).slice(0, SQUASHED);
  for (const tok of tokens(NUMERIC_DATE, head)) {
    if (LEADS_INTO_DATE.test(head.slice(0, tok.start).trimEnd())) continue;
    return { date: toIso(tok.text, first, year, warnings), lines: [] };
  }
  return undefined;
}

/**
 * The letter's own date, claiming the line(s) it is printed on: labelled in the letterhead,
 * else a date line of its own near the top, else a date among the first words of a squashed
 * page. Not a date quoted in the text, not the recipient's `Deres dato`. A printed date that
 * does not exist gives null and a warning.
 */
function findDate(
  lines: readonly SourceLine[],
  year: number,
  claim: Set<number>,
  warnings: ImportWarning[],
): string | null {
  const found =
    labelledDate(lines, year, warnings) ??
    loneDate(lines, year, warnings) ??
    squashedDate(lines, year, warnings);
  for (const l of found?.lines ?? []) claim.add(l.no);
  return found?.date ?? null;
}

const LEGAL_REF = /\b(Prop|Innst|inst|innst)\.?\s*(\d+)\s*([SL])\s*\((\d{4})\s*[-–—]\s*(\d{4})\)/gu;

/** Budget bills cited in the opening sentence(s): `Prop. 1 S (2019–2020)`, `Innst. 11 S (…)`. */
function findLegalBasis(
  lines: readonly SourceLine[],
  titleLines: readonly SourceLine[],
  claim: Set<number>,
): string[] {
  const lastTitle = titleLines[titleLines.length - 1]?.no ?? 0;
  const body = lines.filter((l) => l.no > lastTitle && !isBlank(l.text) && !isPageMarker(l.text));
  const firstProse = body.findIndex((l) => clean(l.text).length > 40);
  const opening: SourceLine[] = [];
  for (const l of firstProse < 0 ? [] : body.slice(firstProse, firstProse + 6)) {
    opening.push(l);
    if (/[.:]$/u.test(clean(l.text))) break;
  }
  const text = normaliseDashes(joinLines(opening.map((l) => l.text)));
  const out: string[] = [];
  for (const m of text.matchAll(LEGAL_REF)) {
    if (m[3] !== 'S') continue;
    const kind = (m[1] ?? '').toLowerCase().startsWith('p') ? 'Prop.' : 'Innst.';
    const ref = `${kind} ${m[2]} S (${m[4]}–${m[5]})`;
    if (!out.includes(ref)) out.push(ref);
  }
  if (out.length > 0) for (const l of opening) claim.add(l.no);
  return out;
}

function isNameLine(t: string): boolean {
  const name = t.replace(/\s*\((?:e\.?f\.?|etter fullmakt)\)\s*$/iu, '');
  return (
    /^\p{Lu}[\p{L}'-]+(?:\s+(?:\p{Lu}[\p{L}'.-]*|von|de|van))+$/u.test(name) && name.length <= 50
  );
}

const WITHOUT_FULLMAKT = /\s*\((?:e\.?f\.?|etter fullmakt)\)\s*$/iu;

/**
 * `Kari Nordmann (e.f.) ekspedisjonssjef`: a name and its title on one line (a signature block
 * whose title stands beside the name), the title its last word or two (`fung. avdelingsdirektør`).
 */
function nameWithTitle(t: string): Signatory | null {
  const words = t.split(' ');
  for (const n of [1, 2]) {
    if (words.length <= n + 1) continue;
    const name = words.slice(0, -n).join(' ');
    const title = words.slice(-n).join(' ');
    if (TITLE_WORDS.test(title) && isNameLine(name)) {
      return { name: name.replace(WITHOUT_FULLMAKT, ''), title };
    }
  }
  return null;
}

/** Signatories after `Med hilsen`, or a name (e.f.) + title pair at the end of the document. */
function findSignatories(
  lines: readonly SourceLine[],
  claim: Set<number>,
  warnings: ImportWarning[],
) {
  const out: Signatory[] = [];
  const startIdx = lines.findIndex((l) => isSignatureStart(l.text));
  let from = startIdx;
  if (startIdx < 0) {
    // No greeting: look for a signature-like name among the last lines.
    const tail = lines
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => !isBlank(l.text))
      .slice(-4);
    const firstName = tail.find(
      ({ l }) => /\((?:e\.?f\.?)\)/iu.test(l.text) && isNameLine(clean(l.text)),
    );
    if (!firstName) return out;
    from = firstName.i - 1;
  } else {
    claim.add(lines[startIdx]?.no ?? 0);
  }
  let pending: Signatory | null = null;
  for (const line of lines.slice(from + 1)) {
    if (isBlank(line.text)) continue;
    const t = clean(line.text);
    const both = nameWithTitle(t);
    if (both) {
      if (pending) out.push(pending);
      pending = null;
      out.push(both);
      claim.add(line.no);
    } else if (isNameLine(t)) {
      if (pending) out.push(pending);
      pending = { name: t.replace(/\s*\((?:e\.?f\.?|etter fullmakt)\)\s*$/iu, ''), title: null };
      claim.add(line.no);
    } else if (TITLE_WORDS.test(t)) {
      claim.add(line.no);
      if (pending && pending.title === null) {
        pending.title = t;
        out.push(pending);
        pending = null;
      } else {
        warnings.push({ code: 'signature-without-name', params: { title: t, line: line.no } });
      }
    } else if (BOILERPLATE.test(t) || isPageMarker(t)) {
      claim.add(line.no);
    } else {
      break;
    }
  }
  if (pending) out.push(pending);
  return out;
}

/**
 * The agency addressed: from the title, the address block, `tildelingsbrev til X`, or the first
 * agency the ministry asks or gives something (`ber X`, `gir X`, `X skal`).
 */
function findAgency(titleAgency: string | null, addressee: string | null, wholeText: () => string) {
  if (titleAgency) return titleAgency;
  if (addressee) return addressee;
  const text = wholeText();
  // Not `viser til tildelingsbrev til X`: that names another agency's letter.
  const named =
    /(?<!\b(?:viser|vises|jf\.?)\s+(?:til\s+)?(?:\p{L}+\s+){0,2})tildeling(?:sbrev(?:et)?)?\s+til\s+(.+?)(?:\s+(?:for|i)\s+\d{4}|[.:,]|\s+\d)/giu;
  for (const m of text.matchAll(named)) {
    const agency = AGENCY_RE.exec(m[1] ?? '');
    if (agency && agency.index === 0) return agency[1] ?? null;
  }
  const role = new RegExp(
    `(?:\\bber(?:\\s+(?:om\\s+at|derfor))?|\\bgir|\\btildeler)\\s+${AGENCY_RE.source}|${AGENCY_RE.source}\\s+(?:skal|tildeles|får|må)(?![\\p{L}])`,
    'u',
  ).exec(text);
  if (role) return role[1] ?? role[2] ?? null;
  // A known agency named in the letterhead (the opening's first few hundred characters).
  return KNOWN_AGENCY_RE.exec(text.slice(0, 400))?.[1] ?? null;
}

/** Metadata of one document, with the boilerplate lines it accounts for. */
export function extractMetadata(doc: DocText): Extracted<DocMetadata> {
  const claimed = new Set<number>();
  const warnings: ImportWarning[] = [];
  const { lines } = doc;
  const found = findTitle(doc);
  for (const l of found?.lines ?? []) claimed.add(l.no);
  const text = joinLines(texts(lines));
  const ministry = mostFrequent(MINISTRY_RE, text) ?? capitalsMinistry(text);
  const ministryOrgNr = findOrgNr(lines, claimed, warnings);
  // A labelled addressee is the letter's word for whom it is to; an address block's name after.
  const labelled = labelledAddressee(lines, found?.lines[0]?.no ?? null, claimed);
  const addressee = claimLetterhead(lines, claimed);
  // Where neither names it, the text is searched (built only then: it is the whole document);
  // copy recipients are not the addressee, so their names are left out of it.
  const agency = findAgency(found?.agency ?? null, labelled ?? addressee, () => {
    const copies = copyListLines(lines);
    return joinLines(texts(lines.filter((l) => !copies.has(l.no))));
  });
  const title =
    found?.title ??
    (doc.kind === 'supplement'
      ? `Tillegg til tildelingsbrev nr. ${doc.number ?? '?'}`
      : `Tildelingsbrev${agency ? ` til ${agency}` : ''} for ${doc.year}`);
  if (!found) warnings.push({ code: 'title-composed', params: { title } });
  if (doc.year === 0) warnings.push({ code: 'year-missing', params: {} });
  const legalBasis = findLegalBasis(lines, found?.lines ?? [], claimed);
  const signatories = findSignatories(lines, claimed, warnings);
  return {
    items: {
      kind: doc.kind,
      // Kind, number and year read from a title line, or assumed where none was printed.
      identity: found && doc.year !== 0 ? 'title' : 'assumed',
      number: doc.number,
      year: doc.year,
      title,
      ministry,
      ministryOrgNr,
      agency,
      date: findDate(lines, doc.year, claimed, warnings),
      legalBasis,
      signatories,
    },
    claimed,
    warnings,
  };
}
