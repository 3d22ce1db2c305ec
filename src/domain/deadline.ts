/**
 * Norwegian deadline phrases → normalised deadline values ({@link DeadlineValue}). Pure: no I/O,
 * no clock; the only context is the budget year of the document. See docs/deadlines.md.
 *
 * Principle: never a wrong date. A phrase that is unknown, ambiguous or names an impossible date
 * (31. februar) yields `{ kind: 'undetermined', phrase: phrase.trim() }`.
 *
 * Input tolerance: case-insensitive; runs of whitespace and line breaks; bullet glyphs; trailing
 * punctuation; prefixes `Frist:`, `Frist.`, `Frist`, `Ny frist`, `Fristen er`, `Fristen … er`,
 * `Frist for … er`, `Frist for …:`, `… settes/endres/flyttes/utsettes til` (nynorsk `vert endra
 * til`; {@link FRIST_CHANGE_VERBS}), `har frist`, `med frist`, `innen`, `senest`, `senest innen`
 * (nynorsk `innan`, `seinast`); `1.mars` without a space; a weekday before a date (`fredag
 * 2. februar 2024`, checked against the calendar: a mismatch is undetermined).
 *
 * Year: taken from the phrase when present, otherwise the document's budget year (`ctx.year`).
 * Dates are calendar dates (Europe/Oslo) written `YYYY-MM-DD`. A range is the period the
 * deadline falls in; its `end` is the latest day and is what {@link deadlineDate} returns.
 *
 * Conventions:
 * - exact: `15. september 2024`, `innen 1. mai 2020`, `1.3.2024`, `31.12.`, `01.01.24` (a
 *   two-digit year is 20yy), `15. oktober` (budget year).
 * - week: `uke 14` = Monday–Sunday of ISO week 14 of the budget year (week 53 only where the
 *   ISO year has one).
 * - month: `i juni`, `mai 2024`, `i løpet av mars`, `(innen) utgangen av mars` = the whole month.
 * - early/mid/late month: `primo` = day 1–10, `medio` = day 11–20, `ultimo` = day 21–last day.
 *   Synonyms: `begynnelsen av`/`starten av`/`tidlig i` (early), `midten av` (mid), `slutten av`/
 *   `sent i` (late).
 * - early/mid/late year: the year in thirds, like the month: `primo 2020` = 1 Jan–30 Apr,
 *   `medio 2020` = 1 May–31 Aug, `ultimo 2020` = 1 Sep–31 Dec (same synonyms; `tidlig i 2024`).
 * - half-year: `første halvår` = 1 Jan–30 Jun, `andre`/`siste halvår` = 1 Jul–31 Dec.
 * - tertial: 1. = Jan–Apr, 2. = May–Aug, 3./siste = Sep–Dec.
 * - quarter: `1. kvartal`/`første kvartal`/`Q1` = Jan–Mar, … 4. = Oct–Dec.
 * - year: `2025`, `i 2024`, `i løpet av 2024`, `(innen) utgangen av 2021`, `i løpet av året`,
 *   `innen utgangen av året` = 1 Jan–31 Dec.
 * - before-summer: `før sommeren`/`før sommerferien`/`innen sommeren` = 1 Jan–30 Jun (the
 *   summer holiday starts in July; "før" bounds only the end, so the range opens on 1 January).
 * - before-easter: `før påske` = 1 Jan–the Wednesday before Maundy Thursday (the last working
 *   day before the Easter holidays; Easter by the Gregorian computus).
 * - before-autumn: `før høsten` = 1 Jan–31 Aug. before-christmas: `før jul` = 1 Jan–23 Dec.
 * - recurring: `hvert år innen 15. oktober`, `innen 1. februar hvert år`, `årlig innen …` =
 *   yearly with month and day; `next` = that day in the budget year (the first occurrence on or
 *   after 1 January of the budget year; 29 February moves to the next leap year). `hvert år`,
 *   `årlig` = yearly with no day (`next` null). `hvert halvår`, `per halvår`, `halvårlig`,
 *   `første og andre halvår` = half-yearly; `hvert kvartal`/`kvartalsvis` = quarterly; `hver
 *   måned`/`månedlig` = monthly; these have `month`, `day` and `next` null.
 * - undetermined (strict, on purpose): `innen 2025` and `innen mai` (by the start or by the end of
 *   the period? ambiguous), `høsten
 *   2020`, `våren 2024`, `annethvert år`, `løpende`, `snarest`, `etter avtale`, `Frist avklares …`,
 *   `i løpet av perioden 2024-2029`, `fra og med …`, and anything else not listed above.
 */
import { DateTime } from 'luxon';
import type { DeadlineValue } from '../contract/letter';

export interface DeadlineContext {
  /** Budget year of the document, used when the phrase omits the year. */
  year: number;
}

type Precision = Extract<DeadlineValue, { kind: 'range' }>['precision'];
type Frequency = Extract<DeadlineValue, { kind: 'recurring' }>['frequency'];

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

const MONTHS: Readonly<Record<string, number>> = {
  januar: 1,
  jan: 1,
  februar: 2,
  feb: 2,
  mars: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mai: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  desember: 12,
  des: 12,
};

const WEEKDAYS: Readonly<Record<string, number>> = {
  mandag: 1,
  måndag: 1,
  tirsdag: 2,
  tysdag: 2,
  onsdag: 3,
  torsdag: 4,
  fredag: 5,
  lørdag: 6,
  laurdag: 6,
  søndag: 7,
  sundag: 7,
};

const ORDINALS: Readonly<Record<string, number>> = {
  første: 1,
  '1.': 1,
  andre: 2,
  annet: 2,
  '2.': 2,
  tredje: 3,
  '3.': 3,
  fjerde: 4,
  '4.': 4,
};

/** Full month names, or an abbreviation with its dot (`des.`). Used by the text scanner. */
/**
 * The verbs that set or move a deadline, each followed by `til` (`Fristen settes til`, `Fristen
 * endres til`, `Fristen er utsatt til`; nynorsk `Fristen vert endra til`, `Fristen flyttast til`).
 */
const FRIST_CHANGE_VERBS = [
  ...['settes', 'satt', 'sett', 'setjast', 'setjes'],
  ...['endres', 'endret', 'endra', 'endrast'],
  ...['flyttes', 'flyttet', 'flytta', 'flyttast'],
  ...['utsettes', 'utsatt', 'utsett', 'utsetjast'],
  ...['forlenges', 'forlenget', 'forlengd', 'forlenga', 'forlengast'],
  ...['forskyves', 'forskjøvet', 'forskyvd', 'forskuva', 'forskuvast'],
  ...['justeres', 'justert', 'justerast'],
];
/** `settes til`, `blir endret til`, `er utsatt nå til`, `vert flytta til`. */
const FRIST_CHANGE = `(?:(?:blir|vert|er|ble|vart|blei) )?(?:${FRIST_CHANGE_VERBS.join('|')})(?: \\S+)? til`;

const MONTH_STRICT =
  '(?:januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember|' +
  '(?:jan|feb|apr|aug|sept|sep|okt|nov|des)\\.)';
/** Month in a phrase already isolated: abbreviation dot optional. */
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const WEEKDAY = `(${Object.keys(WEEKDAYS).join('|')})`;
const YEAR = '(\\d{4})';
const ORD = '(første|andre|annet|tredje|fjerde|siste|[1-4]\\.)';

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

// ---------------------------------------------------------------------------------------------
// Calendar helpers (pure)
// ---------------------------------------------------------------------------------------------

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function validYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

function validDate(year: number, month: number, day: number): boolean {
  return (
    validYear(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

function weekdayOf(year: number, month: number, day: number): number {
  return DateTime.fromObject({ year, month, day }, { zone: 'Europe/Oslo' }).weekday;
}

// ---------------------------------------------------------------------------------------------
// Value builders (return null when the value would be invalid)
// ---------------------------------------------------------------------------------------------

function exact(year: number, month: number, day: number): DeadlineValue | null {
  return validDate(year, month, day) ? { kind: 'exact', date: iso(year, month, day) } : null;
}

function range(
  year: number,
  startMonth: number,
  startDay: number,
  endMonth: number,
  endDay: number | 'last',
  precision: Precision,
): DeadlineValue | null {
  if (!validYear(year)) return null;
  const last = endDay === 'last' ? daysInMonth(year, endMonth) : endDay;
  if (!validDate(year, startMonth, startDay) || !validDate(year, endMonth, last)) return null;
  return {
    kind: 'range',
    start: iso(year, startMonth, startDay),
    end: iso(year, endMonth, last),
    precision,
  };
}

function recurring(
  frequency: Frequency,
  month: number | null = null,
  day: number | null = null,
  budgetYear?: number,
): DeadlineValue | null {
  if (month === null || day === null) {
    return { kind: 'recurring', frequency, month: null, day: null, next: null };
  }
  // Must exist in some year (29 February does; 30 February never).
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(2000, month)) return null;
  let next: string | null = null;
  if (budgetYear !== undefined && validYear(budgetYear)) {
    for (let y = budgetYear; y <= budgetYear + 8; y++) {
      if (validDate(y, month, day)) {
        next = iso(y, month, day);
        break;
      }
    }
  }
  return { kind: 'recurring', frequency, month, day, next };
}

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/** Whitespace, bullet glyphs and dashes as the PDF extraction leaves them → single spaces. */
function squash(text: string): string {
  return text
    .replace(/[\uf0b7\u2022\u00b7\u25cf\u25aa]/g, ' ')
    .replace(/[\u00a0\u2007\u202f\t\r\n]/g, ' ')
    .replace(/ {2,}/g, ' ');
}

function normalise(phrase: string): string {
  return squash(phrase)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[-–—*]\s*/, '')
    .replace(/[\s.,;:!?)]+$/u, '')
    .trim();
}

/** `Frist for X: …`, `Fristen er …`, `Fristen endres til …`: the rest after the lead. */
const FRIST_LEAD_TO_COLON = new RegExp(
  `^(?:ny |endelig )?frist(?:en)? (?:(?!avklares|avtales|fastsettes)[^:])*?(?::| er| ${FRIST_CHANGE}) (.*)$`,
  'u',
);
/** `Frist 1. mai`, `Fristen er …`, `Fristen flyttes til …`. */
const FRIST_LEAD = new RegExp(`^(?:ny |endelig )?frist(?:en)? (?:er |${FRIST_CHANGE} )?(.*)$`, 'u');

/** Strip `Frist …:`, `innen`, `senest`, … prefixes. Returns the rest and whether `innen` was seen. */
function stripPrefixes(s: string): { rest: string; innen: boolean } {
  let rest = s;
  let innen = false;
  for (let i = 0; i < 4; i++) {
    const before = rest;
    let m: RegExpMatchArray | null;
    if ((m = rest.match(/^(?:ny |endelig )?frist(?:en)?\s*[:.]\s*(.*)$/u))) {
      rest = m[1] ?? '';
    } else if ((m = rest.match(FRIST_LEAD_TO_COLON))) {
      rest = m[1] ?? '';
    } else if ((m = rest.match(/^(?:ny |endelig )?frist(?:en)? for \S+(?: \S+)? (\d.*)$/u))) {
      rest = m[1] ?? ''; // "frist for ferdigstillelse 1. mai 2024"
    } else if ((m = rest.match(FRIST_LEAD))) {
      rest = m[1] ?? '';
    } else if ((m = rest.match(/^(?:har|med) frist (.*)$/u))) {
      rest = m[1] ?? '';
    } else if ((m = rest.match(/^(?:senest|seinast) (?:innen |innan )?(.*)$/u))) {
      rest = m[1] ?? '';
      innen = true;
    } else if ((m = rest.match(/^(?:innen|innan) (.*)$/u))) {
      rest = m[1] ?? '';
      innen = true;
    }
    rest = rest.trim();
    if (rest === before) break;
  }
  return { rest, innen };
}

// ---------------------------------------------------------------------------------------------
// Matchers on a normalised, prefix-free phrase
// ---------------------------------------------------------------------------------------------

function monthOf(name: string | undefined): number | null {
  if (name === undefined) return null;
  return MONTHS[name.replace(/\.$/, '')] ?? null;
}

function yearOr(y: string | undefined, ctxYear: number): number {
  return y === undefined ? ctxYear : Number(y);
}

function full(pattern: string): RegExp {
  return new RegExp(`^${pattern}$`, 'u');
}

const RE = {
  recurringDayFirst: full(
    `(?:hvert år|kvart år|årlig|årleg) (?:senest |seinast )?(?:innen |innan )?(?:den )?(\\d{1,2})\\.? ?${MONTH}`,
  ),
  recurringDayLast: full(
    `(?:(?:senest|seinast) )?(?:(?:innen|innan) )?(?:den )?(\\d{1,2})\\.? ?${MONTH} (?:hvert år|kvart år|årlig|årleg)`,
  ),
  yearly: full('(?:hvert år|kvart år|årlig|årleg|en gang i året|én gang i året|per år)'),
  halfYearly: full(
    '(?:hvert halvår|kvart halvår|per halvår|halvårlig|halvårleg|(?:første|først|1\\.) og (?:andre|2\\.) halvår)',
  ),
  quarterly: full('(?:hvert kvartal|kvart kvartal|per kvartal|kvartalsvis)'),
  monthly: full('(?:hver måned|kvar månad|per måned|månedlig|månedsvis)'),
  dayMonth: full(`(?:${WEEKDAY},? )?(?:den )?(\\d{1,2})\\.? ?${MONTH}(?: ${YEAR})?`),
  numeric: full(`(?:${WEEKDAY},? )?(?:den )?(\\d{1,2})\\.(\\d{1,2})(?:\\.(\\d{4}|\\d{2}))?\\.?`),
  iso: full('(\\d{4})-(\\d{2})-(\\d{2})'),
  week: full(`(?:i )?(?:uke|veke) (\\d{1,2})(?:(?:,| i| -|/)? ${YEAR})?`),
  partOfMonth: full(
    `(?:i )?(primo|medio|ultimo|begynnelsen av|starten av|tidlig i|midten av|slutten av|sent i) ${MONTH}(?: ${YEAR})?`,
  ),
  partOfYear: full(
    `(?:i )?(primo|medio|ultimo|begynnelsen av|starten av|tidlig i|midten av|slutten av|sent i) (?:${YEAR}|året)`,
  ),
  month: full(`(?:i løpet av |i |utgangen av |løpet av )?${MONTH}(?: ${YEAR})?`),
  half: full(`(?:i løpet av |i |utgangen av )?${ORD} halvår(?:et)?(?: ${YEAR})?`),
  quarter: full(`(?:i løpet av |i |utgangen av )?(?:${ORD} kvartal(?:et)?|q([1-4]))(?: ${YEAR})?`),
  tertial: full(`(?:i løpet av |i |utgangen av )?${ORD} tertial(?:et)?(?: ${YEAR})?`),
  year: full(`(i løpet av |i |utgangen av |løpet av )?(?:${YEAR}|(året))`),
  before: full(
    `(før|innen) (sommeren|sommerferien|påsken|påske|høsten|hausten|jul|julen|jula|juleferien)(?: ${YEAR})?`,
  ),
};

const PART: Readonly<Record<string, 'early' | 'mid' | 'late'>> = {
  primo: 'early',
  'begynnelsen av': 'early',
  'starten av': 'early',
  'tidlig i': 'early',
  medio: 'mid',
  'midten av': 'mid',
  ultimo: 'late',
  'slutten av': 'late',
  'sent i': 'late',
};

function matchPhrase(
  rest: string,
  innen: boolean,
  dotted: boolean,
  ctxYear: number,
): DeadlineValue | null {
  let m: RegExpMatchArray | null;

  // Recurring rules first: "innen 1. februar hvert år" must not read as an exact date.
  if ((m = rest.match(RE.recurringDayFirst)) || (m = rest.match(RE.recurringDayLast))) {
    const month = monthOf(m[2]);
    return month === null ? null : recurring('yearly', month, Number(m[1]), ctxYear);
  }
  if (!innen) {
    if (RE.yearly.test(rest)) return recurring('yearly');
    if (RE.halfYearly.test(rest)) return recurring('half-yearly');
    if (RE.quarterly.test(rest)) return recurring('quarterly');
    if (RE.monthly.test(rest)) return recurring('monthly');
  }

  if ((m = rest.match(RE.dayMonth))) {
    const month = monthOf(m[3]);
    if (month === null) return null;
    const year = yearOr(m[4], ctxYear);
    const day = Number(m[2]);
    if (!validDate(year, month, day)) return null;
    if (m[1] !== undefined && WEEKDAYS[m[1]] !== weekdayOf(year, month, day)) return null;
    return exact(year, month, day);
  }
  if ((m = rest.match(RE.numeric))) {
    const day = Number(m[2]);
    const month = Number(m[3]);
    const y = m[4];
    // "1.3" could be a section number; a day.month without year needs its closing dot ("31.12.").
    if (y === undefined && !dotted) return null;
    const year = y === undefined ? ctxYear : y.length === 2 ? 2000 + Number(y) : Number(y);
    if (!validDate(year, month, day)) return null;
    if (m[1] !== undefined && WEEKDAYS[m[1]] !== weekdayOf(year, month, day)) return null;
    return exact(year, month, day);
  }
  if ((m = rest.match(RE.iso))) {
    // `2036-03-01`, as a system writes a date.
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validDate(year, month, day) ? exact(year, month, day) : null;
  }
  if ((m = rest.match(RE.week))) {
    const year = yearOr(m[2], ctxYear);
    const weekNumber = Number(m[1]);
    if (!validYear(year) || weekNumber < 1) return null;
    const monday = DateTime.fromObject(
      { weekYear: year, weekNumber, weekday: 1 },
      { zone: 'Europe/Oslo' },
    );
    if (!monday.isValid || weekNumber > monday.weeksInWeekYear) return null;
    const sunday = monday.plus({ days: 6 });
    return {
      kind: 'range',
      start: monday.toISODate() ?? '',
      end: sunday.toISODate() ?? '',
      precision: 'week',
    };
  }
  if ((m = rest.match(RE.partOfMonth))) {
    const part = PART[m[1] ?? ''];
    const month = monthOf(m[2]);
    const year = yearOr(m[3], ctxYear);
    if (part === undefined || month === null) return null;
    if (part === 'early') return range(year, month, 1, month, 10, 'early-month');
    if (part === 'mid') return range(year, month, 11, month, 20, 'mid-month');
    return range(year, month, 21, month, 'last', 'late-month');
  }
  if ((m = rest.match(RE.partOfYear))) {
    const part = PART[m[1] ?? ''];
    const year = yearOr(m[2], ctxYear);
    if (part === 'early') return range(year, 1, 1, 4, 30, 'early-year');
    if (part === 'mid') return range(year, 5, 1, 8, 31, 'mid-year');
    if (part === 'late') return range(year, 9, 1, 12, 31, 'late-year');
    return null;
  }
  if ((m = rest.match(RE.month))) {
    // "innen mai" / "innen mai 2024": by the start or the end of May? Ambiguous.
    if (innen && !rest.startsWith('utgangen av ')) return null;
    const month = monthOf(m[1]);
    if (month === null) return null;
    return range(yearOr(m[2], ctxYear), month, 1, month, 'last', 'month');
  }
  if ((m = rest.match(RE.half))) {
    const n = m[1] === 'siste' ? 2 : ORDINALS[m[1] ?? ''];
    const year = yearOr(m[2], ctxYear);
    if (n === 1) return range(year, 1, 1, 6, 30, 'half-year');
    if (n === 2) return range(year, 7, 1, 12, 31, 'half-year');
    return null;
  }
  if ((m = rest.match(RE.quarter))) {
    const n = m[2] !== undefined ? Number(m[2]) : m[1] === 'siste' ? 4 : ORDINALS[m[1] ?? ''];
    const year = yearOr(m[3], ctxYear);
    if (n === undefined || n < 1 || n > 4) return null;
    return range(year, 3 * n - 2, 1, 3 * n, 'last', 'quarter');
  }
  if ((m = rest.match(RE.tertial))) {
    const n = m[1] === 'siste' ? 3 : ORDINALS[m[1] ?? ''];
    const year = yearOr(m[2], ctxYear);
    if (n === undefined || n < 1 || n > 3) return null;
    return range(year, 4 * n - 3, 1, 4 * n, 'last', 'tertial');
  }
  if ((m = rest.match(RE.year))) {
    // "innen 2025": by the start or the end of 2025? Ambiguous. "innen utgangen av 2025" is not.
    if (innen && m[1] !== 'utgangen av ') return null;
    const year = m[3] !== undefined ? ctxYear : Number(m[2]);
    return range(year, 1, 1, 12, 31, 'year');
  }
  if ((m = rest.match(RE.before))) {
    const year = yearOr(m[3], ctxYear);
    const what = m[2] ?? '';
    if (what.startsWith('sommer')) return range(year, 1, 1, 6, 30, 'before-summer');
    if (what.startsWith('påske')) {
      // The last working day before the Easter holiday: the Wednesday before Maundy Thursday.
      const wednesday = DateTime.fromISO(easterSunday(year)).minus({ days: 4 });
      return range(year, 1, 1, wednesday.month, wednesday.day, 'before-easter');
    }
    if (what === 'høsten' || what === 'hausten') return range(year, 1, 1, 8, 31, 'before-autumn');
    return range(year, 1, 1, 12, 23, 'before-christmas');
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

/**
 * Parse one deadline phrase. `ctx.year` is the budget year of the document; it supplies the
 * year when the phrase has none. Unknown or ambiguous phrases → `undetermined` (phrase trimmed).
 */
export function parseDeadline(phrase: string, ctx: DeadlineContext): DeadlineValue {
  const undetermined: DeadlineValue = { kind: 'undetermined', phrase: phrase.trim() };
  const s = normalise(phrase);
  if (s === '') return undetermined;
  const { rest, innen } = stripPrefixes(s);
  if (rest === '') return undetermined;
  const dotted = /\d\.\d{1,2}\.[\s,;:!?)]*$/u.test(phrase);
  return matchPhrase(rest, innen, dotted, ctx.year) ?? undetermined;
}

/** The latest day a deadline value falls on, or null where it has none. */
export function deadlineDate(value: DeadlineValue): string | null {
  switch (value.kind) {
    case 'exact':
      return value.date;
    case 'range':
      return value.end;
    case 'recurring':
      return value.next;
    case 'undetermined':
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Finding deadline phrases in running text
// ---------------------------------------------------------------------------------------------

const B = '(?<![\\p{L}\\d])'; // start of a word
const E = '(?![\\p{L}\\d])'; // end of a word
const S = ' '; // text is squashed to single spaces before scanning
const YR = `(?:${S}\\d{4}${E})`;
const WD = `(?:(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)${S})`;
const DAY_MONTH = `\\d{1,2}\\.${S}?${MONTH_STRICT}${E}${YR}?`;
const NUM_DATE_Y = `\\d{1,2}\\.\\d{1,2}\\.(?:\\d{4}|\\d{2})${E}`;
const NUM_DATE = `(?:\\d{1,2}\\.\\d{1,2}\\.(?:\\d{4}|\\d{2})?|(?:19|20)\\d{2}-[01]\\d-[0-3]\\d)(?![\\p{L}\\d])`;
const ORDS = `(?:første|andre|tredje|fjerde|siste|[1-4]\\.)`;
const PMU = `(?:primo|medio|ultimo)${S}(?:${MONTH_STRICT}${E}${YR}?|\\d{4}${E})`;
const HALF = `${ORDS}${S}halvår(?:et)?${E}${YR}?`;
const QUARTER = `${ORDS}${S}kvartal(?:et)?${E}${YR}?`;
const TERTIAL = `${ORDS}${S}tertial(?:et)?${E}${YR}?`;
const WEEK = `(?:uke|veke)${S}\\d{1,2}${E}`;
const UNTIL_END = `(?:innen${S})?utgangen${S}av${S}(?:${MONTH_STRICT}${E}${YR}?|\\d{4}${E}|året${E}|${HALF}|${QUARTER}|${TERTIAL})`;
const DURING = `i${S}løpet${S}av${S}(?:${MONTH_STRICT}${E}${YR}?|\\d{4}${E}|${HALF}|${QUARTER}|${TERTIAL})`;
const BEFORE = `(?:før|innen)${S}(?:sommeren|sommerferien|høsten|påsken|påske|julen|jul|juleferien)${E}${YR}?`;
const INNEN = `(?:(?:senest|seinast)${S})?(?:innen|innan)${S}|(?:senest|seinast)${S}`;
const RECUR = [
  `(?:hvert${S}år|årlig)${S}(?:senest${S})?(?:innen${S})?${DAY_MONTH}`,
  `(?:senest${S})?innen${S}${DAY_MONTH}${S}hvert${S}år${E}`,
  `(?:hvert|per)${S}(?:halvår|kvartal)${E}`,
  `(?:første|først)${S}og${S}andre${S}halvår${E}`,
].join('|');
/** Date expressions that are deadline-like on their own. */
const STRONG = `${PMU}|${UNTIL_END}|${DURING}|${BEFORE}|${HALF}|${QUARTER}|${TERTIAL}|${WEEK}`;
/** Period expressions with no marker of their own (`primo 2020`, `første halvår`, `uke 14`). */
const BARE = `${PMU}|${HALF}|${QUARTER}|${TERTIAL}|${WEEK}`;
/** Of those, the ones that name a stretch of the year and are content as often as deadlines. */
const BARE_SPAN = `${HALF}|${QUARTER}|${TERTIAL}`;
/** What may follow `innen` / `senest`. */
const AFTER_INNEN = `${WD}?(?:${DAY_MONTH}|${NUM_DATE})|${STRONG}`;
/** What may follow `Frist …`. */
const AFTER_FRIST = `(?:${INNEN})?(?:${WD}?(?:${DAY_MONTH}|${NUM_DATE})|${STRONG}|i${S}${MONTH_STRICT}${E}${YR}?)`;

// The scanners below match the text in lower case (`lowerCase`), not with the `i` flag: the
// flag doubled the time these patterns take to compile (~0.1 s on each start of a read worker).
const RE_RECUR = new RegExp(`${B}(?:${RECUR})`, 'gu');
const RE_INNEN = new RegExp(`${B}(?:${INNEN})(?:${AFTER_INNEN})`, 'gu');
const RE_STRONG = new RegExp(`${B}(?:${STRONG})`, 'gu');
const RE_BARE = new RegExp(`^(?:${BARE})`, 'u');
const RE_BARE_SPAN = new RegExp(`^(?:${BARE_SPAN})`, 'u');
/**
 * Verbs of delivering or finishing, and the modals, in bokmål and nynorsk: a half-year, quarter
 * or tertial after one, within the same clause, is when something is due (`Høringsnotat
 * planlegges ferdigstilt første halvår 2024`, `skal leverast i 2. tertial`).
 */
const PERIOD_VERBS = [
  'skal',
  'bør',
  'må',
  ...['lever', 'send', 'oversend', 'rapporter', 'gjennomfør', 'fullfør', 'avslutt'].flatMap(
    (stem) => ['e', 'es', 'ast', 't', 'et', 'a'].map((end) => stem + end),
  ),
  'ferdigstille',
  'ferdigstilles',
  'ferdigstillast',
  'ferdigstilt',
  'ferdig',
  'klar',
  'foreligge',
  'føreligge',
];
const RE_PERIOD_VERB = new RegExp(
  `(?<![\\p{L}])(?:${PERIOD_VERBS.join('|')})(?: [^\\s,.;:()\u2029]+){0,3}? (?:i )?$`,
  'iu',
);
/** A period after one of these is what is reported on, not when (`rapport for første tertial`). */
const RE_CONTENT_PREPOSITION =
  /(?<![\p{L}])(?:for|fra|frå|om|over|etter|av|til|med|per|fom|tom)(?: [^\s,.;:()\u2029]+)? (?:i )?$/iu;
/** A relative or interrogative clause (`gevinster som er tatt ut i første halvår`). */
const RE_RELATIVE =
  /(?<![\p{L}])(?:som|der|hvor|kor|hva|kva|hvilke|hvilken|hvilket|kva for|hvem|kven)(?![\p{L}])/iu;
const RE_VERB_DATE = new RegExp(
  `${B}(?:leveres|oversendes|ferdigstilles|sendes)${S}(${WD}?(?:${DAY_MONTH}|${NUM_DATE_Y}))`,
  'gu',
);
/** `Frist`, `Fristen`, `Ny frist` and the compounds a letter labels its deadline with (`Svarfrist`). */
const RE_FRIST = new RegExp(
  `${B}(?:ny${S})?(?:svar|leverings|innleverings|innsendings|rapporterings|tids)?frist(?:en)?${E}`,
  'gu',
);
/** The report a further date is for, named in one word (`og sluttrapport 1. november`). */
const PART_REPORT = String.raw`\p{L}*(?:rapport(?:en|a)?|leveranse[nr]?)`;
/**
 * A further date joined to a deadline found (`15. mars 2037 (delrapport) og 1. desember 2037`,
 * `innen 1. juni og 1. desember`, `1. mai for første del, 1. november for andre del`): a comma
 * or `og` before it, and nothing between but a bracket or a `for …` naming the part, or after
 * the `og` the report it is for (`Frist for delrapport er 1. mars og sluttrapport 1. november`).
 */
const RE_MORE_DATE = new RegExp(
  `^(?:${S}?\\([^()\u2029]{0,60}\\))?(?:${S}for${S}[^,.;()\u2029]{1,40}?)?(?:${S}?,|${S}(?:og|samt))(?:${S}(?:for${S})?${PART_REPORT})?${S}(?:${INNEN})?(${WD}?(?:${DAY_MONTH}|${NUM_DATE}))`,
  'u',
);
const RE_FRIST_DATE = new RegExp(`${B}(?:${AFTER_FRIST})`, 'u');
/**
 * What may stand between `Frist` and its date: nothing, `:`, `.`, `for <a word or two>`, or
 * `for … er` / `…:` / `… settes til` ("Frist for leveransen er 1. mai 2020").
 */
const RE_FRIST_LEAD = new RegExp(
  `^(?: ?[:.]? ?| for \\S+(?: \\S+)? |(?: [^:]*?)?(?: er|:| ${FRIST_CHANGE}) ?)$`,
  'u',
);
const RE_FRIST_OPEN = /(?<![\p{L}])(?:avklares|avtales|fastsettes|etter avtale|kommer senere)/iu;
/** Sentence end: a full stop followed by a capital (dates like "1. mai" have lower case after). */
const RE_SENTENCE_END = /\.(?= \p{Lu}|$)|\. ?-|\u2029/u;
const RE_SENTENCE_ENDS = new RegExp(RE_SENTENCE_END.source, 'gu');
const PARA = '\u2029';
const RE_NEW_ITEM =
  /\r?\n(?=[ \t]*(?:T{1,2}B\d{4}-\d+|[\uf0b7\u2022]|[-–] |[a-h]\) |\(?\d{1,2}\) |\d+(?:\.\d+)+ ))/g;
/** Past-event context before an unanchored expression: "levert departementet medio desember". */
const RE_PAST =
  /(?<!(?:være|bli|blitt) )(?:levert|oversendt|lansert|vedtatt|startet|datert|publisert)(?: \S+){0,2} $/iu;

interface Span {
  start: number;
  end: number;
  text: string;
}

/**
 * `t` in lower case with every character where it was, so that a match in it is the same
 * stretch of `t` (İ is the one character whose lower case is longer).
 */
function lowerCase(t: string): string {
  const low = t.toLowerCase();
  return low.length === t.length ? low : t.replace(/\u0130/gu, 'I').toLowerCase();
}

function trimPhrase(text: string): string {
  return text.replace(/[\s,;:\u2029]+$/u, '').trim();
}

/** Where the clause that `before` ends in starts: after the last comma, colon or sentence end. */
function lastClauseStart(before: string): number {
  let at = 0;
  for (const m of before.matchAll(/[,;:()\u2029]|\.(?= \p{Lu})/gu)) at = m.index + 1;
  return at;
}

/** The offsets where the sentences of `t` end (the last one at `t.length`). */
function sentenceEnds(t: string): number[] {
  const ends: number[] = [];
  for (const m of t.matchAll(RE_SENTENCE_ENDS)) ends.push(m.index + 1);
  ends.push(t.length + 1);
  return ends;
}

/**
 * Find the deadline phrases inside running text (an assignment, a paragraph). Returns them in
 * text order, whitespace squashed, ready for {@link parseDeadline}: `innen 1. mai 2020`,
 * `senest innen 1. september`, `15. september 2024` (from `Frist: 15. september 2024`),
 * `hvert år innen 15. oktober`, `medio november 2020`, and whole sentences that leave the deadline
 * open (`Frist avklares i dialog med departementet`, `Frist: etter avtale`). Dates that are not
 * deadlines (`Felles plan av 29. november 2019`, `i 2024`, `i løpet av året`) are not returned,
 * nor a period without a marker (`første halvår`) in a relative clause, beside an explicit
 * deadline of its sentence, or — a half-year, quarter or tertial — where no verb of delivering
 * or modal comes before it (docs/deadlines.md).
 */
export function findDeadlinePhrases(text: string): string[] {
  return mayHoldDeadline(text) ? scanForDeadlinePhrases(text) : [];
}

/**
 * Every phrase the scanners below find holds one of these: a day with its dot (`1. mai`,
 * `1.5.`, a year before a full stop), a date as a system writes it (`2031-05-01`), `frist`, or a word of a period (`halvår`, `medio`, `uke`,
 * `i løpet av`, `før sommeren`, …). Most sentences of a letter hold none and are not scanned:
 * the scan was two fifths of reading a letter. `deadline.test.ts` checks that no phrase is
 * found without one.
 */
const RE_MAY_HOLD_DEADLINE =
  /\d\.|\d-[01]\d-|frist|halvår|kvartal|tertial|primo|medio|ultimo|utgangen|løpet|sommer|høst|påske|jul|uke|veke/iu;

export function mayHoldDeadline(text: string): boolean {
  return RE_MAY_HOLD_DEADLINE.test(text);
}

/** findDeadlinePhrases without the quick look first (exported for its test). */
export function scanForDeadlinePhrases(text: string): string[] {
  // A line that starts a new item (assignment ID, bullet, list letter, numbered heading) ends
  // the sentence before it, although the PDF text has no full stop there.
  const t = squash(text.replace(RE_NEW_ITEM, PARA).replace(/[\uf0b7\u2022]/g, PARA));
  const low = lowerCase(t);
  /** The text as printed where a match in `low` is. */
  const printed = (m: RegExpExecArray): string => t.slice(m.index, m.index + m[0].length);
  const spans: Span[] = [];
  const add = (start: number, raw: string): void => {
    const phrase = trimPhrase(raw);
    if (phrase !== '') spans.push({ start, end: start + phrase.length, text: phrase });
  };

  for (const m of low.matchAll(RE_RECUR)) add(m.index, printed(m));
  for (const m of low.matchAll(RE_INNEN)) add(m.index, printed(m));
  for (const m of low.matchAll(RE_VERB_DATE)) {
    const end = m.index + m[0].length;
    const start = end - (m[1] ?? '').length;
    add(start, t.slice(start, end));
  }
  const bare: Span[] = [];
  for (const m of low.matchAll(RE_STRONG)) {
    const before = t.slice(Math.max(0, m.index - 80), m.index);
    if (RE_PAST.test(before)) continue;
    if (!RE_BARE.test(m[0])) {
      add(m.index, m[0]);
      continue;
    }
    // A period with no marker of its own (`første halvår`, `medio mai`, `uke 14`): not in a
    // relative or question clause; a half-year, quarter or tertial only after a verb of
    // delivering or a modal, and never right after a preposition that makes it the content.
    const clause = before.slice(lastClauseStart(before));
    if (RE_RELATIVE.test(clause)) continue;
    if (RE_BARE_SPAN.test(m[0])) {
      if (RE_CONTENT_PREPOSITION.test(clause) || !RE_PERIOD_VERB.test(clause)) continue;
    }
    const phrase = trimPhrase(printed(m));
    bare.push({ start: m.index, end: m.index + phrase.length, text: phrase });
  }
  for (const m of low.matchAll(RE_FRIST)) {
    const after = m.index + m[0].length;
    const tail = t.slice(after, after + 300);
    const endAt = tail.search(RE_SENTENCE_END);
    const sentence = endAt >= 0 ? tail.slice(0, endAt) : tail.slice(0, 250);
    const date = low.slice(after, after + sentence.length).match(RE_FRIST_DATE);
    const open = sentence.match(RE_FRIST_OPEN);
    if (
      date?.index !== undefined &&
      RE_FRIST_LEAD.test(sentence.slice(0, date.index)) &&
      (open?.index === undefined || date.index < open.index)
    ) {
      add(after + date.index, sentence.slice(date.index, date.index + date[0].length));
    } else if (open) {
      add(m.index, printed(m) + sentence.replace(/[.\s\u2029]+$/u, ''));
    }
  }

  // Dates joined to a deadline found are deadlines too (`… og 1. desember 2037`).
  for (const sp of [...spans]) {
    let end = sp.end;
    for (let n = 0; n < 6; n++) {
      const m = RE_MORE_DATE.exec(low.slice(end, end + 200));
      if (!m) break;
      const start = end + m[0].length - m[1]!.length;
      add(start, t.slice(start, start + m[1]!.length));
      end = start + m[1]!.length;
    }
  }

  // Beside an explicit deadline in the same sentence, a bare period describes the content
  // (`statistikk over første halvår … innan 15. november`).
  const ends = sentenceEnds(t);
  const sentenceOf = (at: number): number => ends.findIndex((e) => at < e);
  const explicit = new Set(spans.map((sp) => sentenceOf(sp.start)));
  for (const b of bare) if (!explicit.has(sentenceOf(b.start))) spans.push(b);

  // Keep the longest of overlapping matches (earliest first).
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const prev = out[out.length - 1];
    if (prev && s.start < prev.end) {
      if (s.end - s.start > prev.end - prev.start) out[out.length - 1] = s;
      continue;
    }
    out.push(s);
  }
  return out.map((s) => s.text);
}

/**
 * Easter Sunday of a Gregorian year (Anonymous Gregorian algorithm, "Meeus/Jones/Butcher").
 */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
