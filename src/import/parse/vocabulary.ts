/**
 * The words the importer reads letters by, in bokmål and nynorsk, as data: a letter that writes
 * a column, an owner or a change in words not seen before gets a new entry here, not a new
 * pattern in the readers. Phrases are matched case-insensitively, with any white space between
 * their words. Pure.
 */

/** Every `first second` phrase of two word lists. */
const pairs = (firsts: readonly string[], seconds: readonly string[]) =>
  firsts.flatMap((f) => seconds.map((s) => `${f} ${s}`));

const MONEY_NOUNS = ['tildeling', 'løyving', 'bevilgning'] as const;
/** The same as past participles, as a column label says what was given (`Tidligere tildelt`). */
const GRANTED = ['tildelt', 'bevilget', 'bevilga', 'løyvd', 'løyva'] as const;

/** The columns of a supplement's change table, by what they hold. */
export const CHANGE_TABLE_COLUMNS = {
  /** The post's figure before this document (`Tidligere tildeling`). */
  previous: [
    ...pairs(
      ['tidligere', 'tidlegare', 'opprinnelig', 'opphavleg', 'gjeldende', 'gjeldande', 'forrige'],
      [...MONEY_NOUNS, ...GRANTED],
    ),
    // The word order turned (`Tildelt tidligere`).
    ...pairs(GRANTED, ['tidligere', 'tidlegare']),
    'tildelt før',
  ],
  /**
   * The change this document makes (`Endring`, `Ny tildeling`). A label of `newOrChange` names
   * the change only where the header has no explicit change column; beside one (`Tidligere
   * tildelt · Endring · Ny tildeling`) it is the post's sum after the change.
   */
  change: [
    ...pairs(['ny', 'endret', 'endra'], MONEY_NOUNS),
    'endring',
    'tillegg',
    'reduksjon',
    'auke',
    'økning',
  ],
  newOrChange: pairs(['ny', 'endret', 'endra'], MONEY_NOUNS),
  /** The post's sum after it (`Sum tildelt 2026`; the noun may run on: `tildelingen`). */
  total: [
    ...pairs(
      ['sum', 'samlet', 'samla', 'ny sum'],
      ['tildelt', 'tildeling', 'løyvd', 'løyving', 'bevilgning'],
    ),
    'totalt',
    // The post's frame after the change (`Ny ramme`, `Samlet ramme`).
    ...pairs(['ny', 'samlet', 'samla', 'revidert'], ['ramme']),
  ],
};

/**
 * The words that say which ministry department owns an assignment, in its text (`Ansvarlig
 * avdeling i HOD: DIG`, `Ansvarlig avd.: PTA`; nynorsk `Ansvarleg avdeling: KTA`). Not a bare
 * `Ansvar:` or `Ansvarlig:`: in a letter it as often names agencies (`Ansvar: NAV og KS`).
 */
export const OWNER_STATEMENTS = [
  'ansvarlig avdeling',
  'ansvarleg avdeling',
  'ansvarlig avd.',
  'ansvarleg avd.',
  'ansv. avd.',
] as const;

/**
 * The columns of a table of assignments, a row each (`Nr. · Oppdrag · Ansvarlig avdeling ·
 * Frist`), by what they hold: a header names the assignment's column and the deadline's; the
 * number or ID and the owner are read where a column prints them. Whole cell labels.
 */
export const ASSIGNMENT_TABLE_COLUMNS = {
  id: ['nr', 'nr.', 'id', 'oppdragsnr', 'oppdragsnr.', 'oppdrag nr', 'oppdrag nr.', 'løpenr.'],
  text: [
    'oppdrag',
    'oppdraget',
    'oppdragsbeskrivelse',
    'beskrivelse av oppdraget',
    'beskrivelse av oppdrag',
    'skildring av oppdraget',
  ],
  owner: [
    'ansvarlig',
    'ansvarleg',
    'ansvarlig avdeling',
    'ansvarleg avdeling',
    'ansvarlig avd.',
    'ansvarleg avd.',
    'avdeling',
    'avd.',
    'ansvar',
  ],
  deadline: [
    'frist',
    'fristar',
    'frister',
    'tidsfrist',
    'rapporteringsfrist',
    'leveringsfrist',
    'frist for rapportering',
    'frist for levering',
  ],
} as const;

/** A calendar table's header: the date column's word, then the description column's. */
export const CALENDAR_HEADER = {
  date: ['frist', 'fristar', 'frister', 'tidsfrist', 'dato', 'når', 'tidspunkt', 'tid', 'kva tid'],
  what: [
    'beskrivelse',
    'skildring',
    'hva',
    'kva',
    'aktivitet',
    'innhold',
    'innhald',
    'tiltak',
    'hendelse',
    'hending',
    'rapportering',
    'møte',
    'merknad',
    'tema',
    'leveranse',
    'oppgave',
    'oppgåve',
  ],
} as const;

/**
 * A calendar row's timing that is no date (`Løpende`, nynorsk `Løpande`): in a calendar table
 * the row is read with its date null (or the range the deadline parser gives a season).
 */
export const CALENDAR_UNDATED = [
  'løpende',
  'løpande',
  'fortløpende',
  'fortløpande',
  'kontinuerlig',
  'kontinuerleg',
  'ved behov',
  'etter behov',
  'etter avtale',
  'snarest',
  'snarast',
  'jevnlig',
  'jamleg',
  'årlig',
  'årleg',
  'hvert år',
  'kvart år',
  'halvårlig',
  'halvårleg',
  'kvartalsvis',
  'månedlig',
  'månadleg',
  'våren',
  'høsten',
  'hausten',
  'ikke fastsatt',
  'ikkje fastsett',
  'ikke avklart',
  'ikkje avklart',
] as const;

/** The verbs a supplement changes a post's money with, in running text. */
export const CHANGE_VERBS = {
  /** More money (or money given): `tildeles`, `økes med`. */
  increase: [
    'tildeles',
    'tildeler',
    'tildelast',
    'bevilges',
    'løyver',
    'løyvast',
    'økes med',
    'økt med',
    'øker med',
    'auka med',
    'aukast med',
    'aukar med',
  ],
  /** Less money: the amount is negative. */
  decrease: [
    'reduseres med',
    'redusert med',
    'reduserer med',
    'settes ned med',
    'satt ned med',
    'setter ned med',
    'reduserast med',
    'sett ned med',
    'set ned med',
  ],
  /** A post's money changed from one figure to another (`endres fra 10 til 12 mill. kroner`). */
  fromTo: [
    'endres',
    'endret',
    'endrast',
    'endra',
    'justeres',
    'justert',
    'økes',
    'økt',
    'aukast',
    'auka',
    'reduseres',
    'redusert',
    'reduserast',
  ],
} as const;

/**
 * The verbs that give a post money in running text (`Departementet tildeler 80 mill. kroner over
 * kap. …`; nynorsk `I tillegg vert det løyvd 3 400 000 kroner på kap. …`): in a supplement such
 * a sentence is an allocation of the supplement; in an allocation letter, for a post its tables
 * lack. `disposal`: `stilles … til disposisjon` (nynorsk `stillast … til rådvelde`).
 */
export const GRANT_VERBS = {
  verbs: [
    'tildeler',
    'tildeles',
    'tildelt',
    'tildelast',
    'bevilges',
    'løyver',
    'løyvast',
    'løyvd',
    'løyvt',
  ],
  /** `what`: how the word after `til` begins (`disposisjon`, also misspelt `dispossisjon`). */
  disposal: {
    verbs: ['stilles', 'stillast', 'blir stilt', 'vert stilt', 'stiller'],
    what: ['dis', 'rådig', 'rådveld'],
  },
} as const;

/**
 * How a money table states the unit of its figures, on a line of its own, at the end of the
 * paragraph over it or in its header (`(beløp i kroner)`, `Alle tall i hele tusen`, `Beløp (i
 * 1 000 kr)`; nynorsk `Beløpa er oppgjevne i kroner`, `Tal i tusen kroner`): what the figures
 * are (`subjects`, `verbs`), then the unit, by what one printed unit is in thousands of kroner.
 * A table that states none is in thousands.
 */
export const MONEY_UNITS = {
  subjects: [
    'tall',
    'tallene',
    'tal',
    'tala',
    'beløp',
    'beløpet',
    'beløpene',
    'beløpa',
    'summer',
    'summane',
  ],
  verbs: ['er', 'vert', 'blir', 'oppgitt', 'oppgjeve', 'oppgjevne', 'angitt', 'gitt', 'vist'],
  kroner: ['kroner', 'kr', 'kr.', 'nok', 'hele kroner', 'heile kroner'],
  thousands: [
    '1000 kroner',
    '1 000 kroner',
    'tusen kroner',
    '1000 kr',
    '1 000 kr',
    'tusen kr',
    '1000 nok',
    '1 000 nok',
    'nok 1000',
    'nok 1 000',
    'tusen',
    'hele tusen',
    'heile tusen',
    'hele tusen kroner',
    'heile tusen kroner',
  ],
  millions: [
    'mill. kroner',
    'mill kroner',
    'millioner kroner',
    'millionar kroner',
    'mill. kr',
    'mill kr',
    'mnok',
  ],
} as const;

/**
 * How a table row that is a share of the post above it opens (`hvorav til nasjonal testportal
 * 12 500`; nynorsk `av dette`, `derav`): the row is part of that post, not money of its own.
 */
export const SHARE_ROW_WORDS = [
  'hvorav',
  'herav',
  'derav',
  'av dette',
  'av disse',
  'av desse',
] as const;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A word function for `alternation`: up to four words may stand between a phrase's words. */
export function loosely(word: string, i: number): string {
  return i === 0 ? escape(word) : `(?:\\S+\\s+){0,4}?${escape(word)}`;
}

/** The phrases as one regular-expression alternation (any white space between words). */
export function alternation(
  phrases: readonly string[],
  word: (w: string, i: number) => string = escape,
) {
  return phrases.map((p) => p.split(/\s+/).map(word).join('\\s+')).join('|');
}

/** The same, matching either case letter by letter, for a pattern that is otherwise case-true. */
export function caselessAlternation(phrases: readonly string[]): string {
  return alternation(phrases, (w) =>
    escape(w).replace(/\p{L}/gu, (c) => {
      const lower = c.toLowerCase();
      const upper = c.toUpperCase();
      return lower === upper ? c : `[${lower}${upper}]`;
    }),
  );
}

/**
 * Headings over a supplement's changes to assignments given earlier (*presisering*): the items
 * under one are not new assignments but changes to the ones their IDs name.
 */
export const CLARIFICATION_HEADINGS = [
  ...pairs(
    ['presisering', 'presiseringer', 'presiseringar', 'endring', 'endringer', 'endringar'],
    [
      'av tidligere oppdrag',
      'av tidlegare oppdrag',
      'i tidligere oppdrag',
      'i tidlegare oppdrag',
      'av tidligere gitte oppdrag',
      'av tidlegare gitte oppdrag',
      'i tidligere gitte oppdrag',
      'i tidlegare gitte oppdrag',
    ],
  ),
  'presiseringer av oppdrag',
  'presisering av oppdrag',
  'endrede oppdrag',
  'endra oppdrag',
] as const;

/**
 * What a change of an earlier assignment says it is, by the words its title opens with
 * (`TB2026-03 Ny frist`, `TB2026-04 Oppdraget utgår`; nynorsk `Oppdraget går ut`). A change whose
 * title says none of these is a clarification of the assignment; the register follows a new
 * deadline and a cancellation (src/services/assignment-changes.ts).
 */
export const CHANGE_ITEM_TITLES = {
  deadline: ['ny frist', 'endret frist', 'endra frist', 'utsatt frist', 'fristen flyttes'],
  cancellation: [
    'oppdraget utgår',
    'oppdraget går ut',
    'oppdraget avlyses',
    'oppdraget vert avlyst',
    'oppdraget blir avlyst',
    'oppdraget bortfaller',
    'oppdraget fell bort',
    'oppdraget trekkes tilbake',
    'oppdraget vert trekt tilbake',
  ],
  clarification: ['presisering', 'presiseringer', 'presiseringar'],
} as const;

/**
 * The nouns a sentence names an assignment's parts by, before their letters or numbers
 * (`Frist for deloppdrag 1 og 2`, `Frist for punkt a)`; nynorsk `deloppdraga`, `punkta`).
 */
export const SUB_PART_WORDS = [
  'deloppdrag',
  'deloppdragene',
  'deloppdraga',
  'deloppgave',
  'deloppgåve',
  'del',
  'delene',
  'delane',
  'punkt',
  'punktene',
  'punkta',
  'pkt.',
  'pkt',
] as const;

/**
 * Words for an assignment as a whole (`Frist for hele oppdraget: 1. desember`; nynorsk `heile
 * oppdraget`): a deadline so named is the assignment's, wherever it stands among its parts.
 */
export const WHOLE_ASSIGNMENT = [
  'hele oppdraget',
  'heile oppdraget',
  'oppdraget som helhet',
  'oppdraget som heilskap',
  'alle deloppdragene',
  'alle deloppdraga',
] as const;

/** Headings over new assignments; they end the items a clarification heading began. */
export const NEW_ASSIGNMENT_HEADINGS = ['nye oppdrag', 'nytt oppdrag'] as const;

/**
 * A paragraph opened by one of these words and a colon is an assignment of its own
 * (`Oppdrag: Tilsynet skal utarbeide …`), in a section of any title.
 */
export const ASSIGNMENT_LABELS = [
  'oppdrag',
  'nytt oppdrag',
  'tilleggsoppdrag',
  'utredningsoppdrag',
] as const;

/** How an item's text opens when it refers back to the assignment it changes (`Det vises til oppdrag TB2026-17`). */
export const REFERS_BACK = [
  'det vises til',
  'det visast til',
  'det vert vist til',
  'vi viser til',
  'departementet viser til',
  'viser til',
] as const;

/**
 * Money told again as given before (`ble det i supplerende tildelingsbrev nr. 2 … tildelt 9,5
 * mill. kroner`): the past form of the grant verbs, after `ble`/`vart` and up to a dozen words.
 */
export const EARLIER_GRANT_VERBS = ['tildelt', 'bevilget', 'bevilga', 'løyvd', 'gitt'] as const;

/** A post's right figure after a mistake (`Korrekt tildeling … skulle vært 23 mill. kroner`). */
export const CORRECT_TOTAL = {
  adjective: ['korrekt', 'riktig', 'rett', 'rette'],
  noun: ['tildeling', 'tildelingen', 'løyving', 'løyvinga', 'bevilgning', 'bevilgningen'],
  verb: ['skal være', 'skulle vært', 'skulle ha vært', 'skal vere', 'skulle vore', 'er', 'blir'],
} as const;

/**
 * Words of a goal or purpose (`Målet skal være nådd i løpet av 2029`, `med formål at …`): a date
 * in such a sentence says when something should be so, not what the agency delivers by when,
 * unless the sentence also sets a deadline in words (DEADLINE_WORDS).
 */
export const GOAL_WORDS = [
  'mål',
  'målet',
  'målsetting',
  'målsettingen',
  'formål',
  'formålet',
  'ambisjon',
  'ambisjonen',
] as const;

/** Words that make a sentence set a deadline, goal words or not. */
export const DEADLINE_WORDS = [
  'frist',
  'fristen',
  'leveres',
  'levere',
  'rapportere',
  'rapporteres',
  'oversendes',
  'sendes',
  'bes',
  'ber',
] as const;

/**
 * How a letter closes before its signatures (`Med hilsen`, `Med vennlig hilsen`; nynorsk
 * `Med helsing`, `Med venleg helsing`).
 */
export const CLOSINGS = [
  'med hilsen',
  'med vennlig hilsen',
  'med helsing',
  'med venleg helsing',
  'med vennleg helsing',
] as const;

/** The labels over a goal's lists (`Styringsparametere:`; nynorsk `Styringsparametrar:`). */
export const GOAL_LIST_LABELS = {
  styringsparameter: ['styringsparameter', 'styringsparametere', 'styringsparametrar'],
  nøkkeltall: ['nøkkeltall', 'nøkkeltal'],
} as const;

/**
 * How a heading over earlier assignments that go on opens (`Tidligere gitte oppdrag som ikke er
 * ferdigstilt`; nynorsk `Tidlegare gitte oppdrag som ikkje er ferdigstilte`).
 */
export const CARRIED_OVER_HEADINGS = [
  'tidligere gitte oppdrag',
  'tidlegare gitte oppdrag',
  'oppdrag som ikke er ferdigstilt',
  'oppdrag som ikkje er ferdigstilt',
  'oppdrag som ikkje er ferdigstilte',
  'videreførte oppdrag',
  'vidareførte oppdrag',
] as const;

/** The name column of an appropriation table's header (`Post Betegnelse`; nynorsk `Post Nemning`). */
export const POST_NAME_COLUMNS = [
  'betegnelse',
  'benevnelse',
  'navn',
  'navn på post',
  'nemning',
  'namn',
  'namn på post',
] as const;

/** Section headings over the appropriations (`Bevilgninger`; nynorsk `Løyvingar`). */
export const APPROPRIATION_HEADINGS = ['bevilgninger', 'løyvingar', 'løyvingane'] as const;

/**
 * Labels of a letterhead's addressee (`Mottaker` over the agency's name, or `Til: Testetaten`;
 * nynorsk `Mottakar`): the name under or after one, in the letterhead, is the agency addressed.
 * Tildel prints its letters' addressee so (src/locales `letter.addressee`).
 */
export const ADDRESSEE_LABELS = ['mottaker', 'mottakar', 'adressat', 'til'] as const;
