/**
 * Every locale module in this folder (bokmål, nynorsk, English) has exactly bokmål's keys, none
 * empty, with the same `{placeholders}` (`parity.ts`, whose own test below shows it fails on a
 * key removed, added, emptied or a placeholder changed). `t()` speaks the chosen language. Every
 * key the web client asks for exists, and every key is asked for somewhere: as a literal in the
 * source, or through one of the keys built from data listed in DYNAMIC.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../contract/enums';
import { CONFIDENCE_REASONS } from '../../contract/review';
import { language, setLanguage } from './language';
import { hasMessage, nb, t, tOr, type Messages } from './nb';
import { parityProblems, placeholdersOf } from './parity';

const here = import.meta.dirname;
const webDir = path.resolve(here, '..');

/** Each `<code>.ts` in this folder, exporting its messages under the name `<code>`. */
const locales: Record<string, Messages> = {};
for (const file of readdirSync(here).filter((f) => /^[a-z]{2,3}\.ts$/.test(f))) {
  const code = file.slice(0, -3);
  const mod = (await import(
    /* @vite-ignore */ pathToFileURL(path.join(here, file)).href
  )) as Record<string, Messages | undefined>;
  const messages = mod[code];
  if (!messages) throw new Error(`${file} exports no \`${code}\``);
  locales[code] = messages;
}

/**
 * Keys built from data in the web client (a template literal with `${…}`), written with `*` for
 * the part filled in, each with where that part comes from. A new template in the source must be
 * added here; an entry no template uses any more fails too.
 */
const DYNAMIC: Record<string, string> = {
  'role.*': 'the signed-in user’s roles (session)',
  'report.steering.outcome.*':
    'whether a steering parameter’s value meets its target (TargetOutcome)',
  'assignments.sort.*': 'the orders the register offers (deadline, id, year)',
  'refusal.*': 'the code of an import refusal from the API (falls back to its message)',
  'document.history.action.*': 'the action of a document history entry from the API',
  'docStatus.*': 'the status of a document (draft, shared, published)',
  'draftStatus.*': 'the status of a letter being written (editing, approved, issued)',
  'draft.problem.*': 'what stops a draft from being issued (DraftProblem from the API)',
  'draft.stepAbout.*': 'the status of a letter being written',
  'draft.side.*': 'which side wrote a comment of a consultation',
  'draft.change.*': 'what happened to a part of a draft between two rounds',
  'draft.item.*': 'the part of a draft a comment is about (a section, or an assignment)',
  'draft.language.*': 'the written forms a letter may be in (LETTER_LANGUAGES)',
  'draft.appropriation.kind.*': 'the kinds of change of a supplement line (SUPPLEMENT_LINE_KINDS)',
  'draft.assignmentChange.kind.*':
    'how a supplement changes an earlier assignment (ASSIGNMENT_CHANGE_KINDS)',
  'draft.refused.*':
    'why the server refused a step of a draft (DraftError from the API; falls back to its message)',
  'documentStatus.to.*': 'the statuses a document may move to',
  'documentStatus.about.*': 'the current status of a document',
  'documentStatus.saved.*': 'the status a document was just moved to',
  'status.*': 'the status of an assignment from the API (falls back to the raw value)',
  'kind.*': 'the kind of a document (allocation letter, supplement, …)',
  'calendar.kind.*': 'the kind of a calendar entry from the API',
  'review.reason.*': 'why the importer is unsure of an item (ConfidenceReason from the API)',
  'feeds.kind.*': 'the scope of a calendar feed',
  'calendar.view.*': 'the calendar views (month, list, …)',
  'document.calendar.kind.*': 'the kind of a calendar entry of a document',
  'document.other.kind.*': 'the kind of the other items of a document',
  'import.plan.*': 'the planned action of an import preview',
  'import.reason.*': 'the reasons an import preview gives',
  'import.creates.*': 'the kinds of items an import creates',
  'import.outcome.*': 'the outcome of an import per document',
  'countKind.*': 'the kinds of items counted in an import summary',
  'changeKind.*': 'the kind of change of a ledger row',
  'ledger.review.state.*': 'the review state of a ledger row',
  'ledger.review.by.*': 'the review state of a ledger row',
  'ledger.review.saved.*': 'the review state just saved',
  'ledger.review.confirm.*': 'the review state being moved to',
  'ledger.review.submit.*': 'the review state being moved to',
  'ledger.review.to.*': 'the next review states',
  'severity.*': 'the severity of a consistency finding',
  'reportStatus.*': 'the status of a report (ReportStatus from the API)',
  'report.source.*': 'where a report comes from (calendar, ad hoc)',
  'report.stepAbout.*': 'the status of a report',
  'report.step.*': 'the statuses a report may move to (allowedTransitions from the API)',
  'report.confirm.*': 'the status a report is being moved to',
  'report.confirm.yes.*': 'the status a report is being moved to',
  'report.problem.*': 'what a report lacks before submitting (ReportProblem from the API)',
  'report.refused.*':
    'why the server refused a change to a report (its error code; falls back to its message)',
  'report.accounts.row.*': 'why a row of an accounts file was refused (AccountsRowError)',
  'report.accounts.column.*': 'the column of an accounts file a refusal names',
  'meetingStatus.*': 'the status of a governance meeting (MeetingStatus from the API)',
  'meeting.source.*': 'where a meeting comes from (calendar, ad hoc)',
  'meeting.agenda.kind.*': 'what brings a point onto a meeting’s agenda (AgendaItemKind)',
  'meeting.decision.by.*': 'who follows a decision up (ministry, agency)',
  'meeting.refused.*':
    'why the server refused a change to a meeting (MeetingError; falls back to its message)',
};

/** The web client's own source: everything under src/web but the locales and the tests. */
const source = readdirSync(webDir, { recursive: true })
  .map(String)
  .filter(
    (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith(`locales${path.sep}`),
  )
  .map((f) => ({ file: f, text: readFileSync(path.join(webDir, f), 'utf8') }));

const KEY = /^[a-zA-Z]\w*(?:\.[\w-]+)+$/;
/** Quoted strings shaped like a key, anywhere in the source. */
const literals = new Set(
  source.flatMap(({ text }) =>
    [...text.matchAll(/(['"])([a-zA-Z]\w*(?:\.[\w-]+)+)\1/g)].map((m) => m[2]!),
  ),
);
/** Template literals shaped like a key, `${…}` written as `*`. */
const templates = new Set(
  source.flatMap(({ text }) =>
    [...text.matchAll(/`([^`]*)`/g)]
      .map((m) => m[1]!.replace(/\$\{[^}]*\}/g, '*'))
      .filter((s) => s.includes('*') && /^[a-zA-Z]\w*(?:\.(?:[\w-]+|\*))+$/.test(s)),
  ),
);
/** The key-shaped quoted first arguments of `t(…)`, `tOr(…)` and `hasMessage(…)` (both sides of
 * a `cond ? 'a.b' : 'c.d'` too), with their file. */
const asked = source.flatMap(({ file, text }) =>
  [...text.matchAll(/\b(?:t|tOr|hasMessage)\(\s*([^,()]*)/g)].flatMap((m) =>
    [...m[1]!.matchAll(/(['"])([^'"]*)\1/g)]
      .map((q) => ({ file, key: q[2]! }))
      .filter(({ key }) => KEY.test(key)),
  ),
);

const pattern = (p: string) =>
  new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\*/g, '[\\w.-]+')}$`);

describe('locales', () => {
  it('finds a locale file for every language, bokmål among them', () => {
    expect(Object.keys(locales).sort()).toEqual([...LANGUAGES].sort());
    expect(locales.nb).toBe(nb);
  });

  it('every locale has exactly bokmål’s keys, none empty, with the same placeholders', () => {
    expect(parityProblems(nb, locales)).toEqual([]);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('kind.supplementNumber', { number: 3 })).toBe('Tillegg nr. 3');
    expect(t('kind.supplementNumber')).toBe('Tillegg nr. {number}');
  });
});

describe('the parity check itself', () => {
  const copy = (): Record<string, string> => ({ ...nb });
  /** A bokmål message with a placeholder, to change. */
  const withPlaceholder = (Object.keys(nb) as Array<keyof typeof nb>).find(
    (k) => placeholdersOf(nb[k]).length === 1,
  )!;

  it('passes a faithful copy', () => {
    expect(parityProblems(nb, { nb, copy: copy() })).toEqual([]);
  });

  it('fails on a key removed', () => {
    const broken = copy();
    delete broken['nav.home'];
    expect(parityProblems(nb, { nn: broken })).toEqual(["nn: missing key 'nav.home'"]);
  });

  it('fails on a key added', () => {
    const broken = { ...copy(), 'nav.elsewhere': 'Andre steder' };
    expect(parityProblems(nb, { en: broken })).toEqual(["en: extra key 'nav.elsewhere'"]);
  });

  it('fails on an empty message, also one of spaces', () => {
    const broken = { ...copy(), 'nav.home': '', 'nav.search': '  ' };
    expect(parityProblems(nb, { nn: broken })).toEqual([
      "nn: 'nav.home' is empty",
      "nn: 'nav.search' is empty",
    ]);
  });

  it('fails on a placeholder renamed, dropped or doubled', () => {
    const name = placeholdersOf(nb[withPlaceholder])[0]!;
    const renamed = copy();
    renamed[withPlaceholder] = nb[withPlaceholder].replace(`{${name}}`, '{navn}');
    expect(parityProblems(nb, { en: renamed })).toEqual([
      `en: '${withPlaceholder}' has {navn} where the source has {${name}}`,
    ]);
    const dropped = copy();
    dropped[withPlaceholder] = nb[withPlaceholder].replace(`{${name}}`, 'noe');
    expect(parityProblems(nb, { en: dropped })).toHaveLength(1);
    const doubled = copy();
    doubled[withPlaceholder] = `${nb[withPlaceholder]} {${name}}`;
    expect(parityProblems(nb, { en: doubled })).toHaveLength(1);
  });

  it('fails on a brace that is no placeholder', () => {
    const broken = { ...copy(), 'nav.home': 'Oversikt {' };
    expect(parityProblems(nb, { nn: broken })).toEqual([
      "nn: 'nav.home' has a brace that is no placeholder",
    ]);
  });
});

describe('t() in the chosen language', () => {
  afterEach(() => setLanguage('nb'));

  it('reads the chosen language’s table and goes back to bokmål', () => {
    expect(language()).toBe('nb');
    for (const code of LANGUAGES) {
      setLanguage(code);
      expect(language()).toBe(code);
      expect(t('nav.label')).toBe(locales[code]!['nav.label']);
      expect(t('kind.supplementNumber', { number: 3 })).toBe(
        locales[code]!['kind.supplementNumber'].replace('{number}', '3'),
      );
      expect(tOr('status.nonsense', 'fallback')).toBe('fallback');
      expect(hasMessage('nav.home')).toBe(true);
    }
    setLanguage('en');
    expect(t('nav.label')).not.toBe(nb['nav.label']);
    setLanguage('nb');
    expect(t('nav.label')).toBe(nb['nav.label']);
  });
});

describe('the keys the web client uses', () => {
  const keys = Object.keys(nb);

  it('reads the source and finds keys in it', () => {
    expect(source.length).toBeGreaterThan(10);
    expect(asked.length).toBeGreaterThan(100);
  });

  it('every key asked for by name exists in bokmål', () => {
    const unknown = asked.filter(({ key }) => !hasMessage(key));
    expect(unknown).toEqual([]);
  });

  it('every key built from data is listed in DYNAMIC, and every entry there is used', () => {
    expect([...templates].sort()).toEqual(Object.keys(DYNAMIC).sort());
  });

  it('every key built from data can name a message', () => {
    const none = Object.keys(DYNAMIC).filter((p) => !keys.some((k) => pattern(p).test(k)));
    expect(none).toEqual([]);
  });

  it('every bokmål message is used somewhere', () => {
    const dynamic = Object.keys(DYNAMIC).map(pattern);
    const unused = keys.filter((k) => !literals.has(k) && !dynamic.some((re) => re.test(k)));
    expect(unused).toEqual([]);
  });

  it('tells every reason the importer may give for being unsure', () => {
    expect(CONFIDENCE_REASONS.filter((r) => !hasMessage(`review.reason.${r}`))).toEqual([]);
  });

  it('the key shapes are what the scan looks for', () => {
    expect(keys.filter((k) => !KEY.test(k))).toEqual([]);
  });
});
