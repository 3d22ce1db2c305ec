/**
 * Norsk bokmål: the texts Tildel tells outside the web client's own pages (findings, for the
 * CLI, the API and the web client alike). `{name}` is a value of the sentence, `{Name}` the
 * same value with a capital first letter; src/locales/render.ts fills them in.
 */
import type { Locale } from './locale';

export const nb: Locale = {
  values: {
    line: 'linje {from}',
    lines: 'linje {from}–{to}',
    letter: 'tildelingsbrevet',
    supplement: 'tillegg nr. {number}',
    document: 'dokumentet',
    chapter: 'kap. {chapter}',
    post: 'kap. {chapter} post {post}',
  },
  findings: {
    'letter-missing':
      'Serien mangler tildelingsbrevet; tallene fra tilleggene kan ikke kontrolleres mot det.',
    'letter-duplicate': 'Serien har mer enn ett tildelingsbrev ({lines}).',
    'supplement-number-absent':
      'Tillegget «{title}» har ikke noe nummer; tillegg skal nummereres fortløpende.',
    'supplement-number-duplicate': 'Tilleggsnummer {number} er brukt mer enn én gang i serien.',
    'supplement-number-missing': 'Tillegg nr. {missing} mangler i serien før tillegg nr. {number}.',
    'sum-chapter-mismatch':
      'Sumlinjen ({lines}) oppgir kap. {chapter}, men tabellen den avslutter gjelder kap. {tableChapter}.',
    'sum-mismatch':
      'Sum for kap. {chapter} er trykt som {printed} ({lines}), men postene i tabellen summerer til {sum}.',
    'post-kind-grant':
      'Kap. {chapter}: post {post} heter «{postName}», men tilskuddsposter har nummer 50 eller høyere (60–69 til kommuner, 70–89 til andre) ({lines}).',
    'post-kind-operations':
      'Kap. {chapter}: post {post} heter «{postName}», men driftsposter har nummer 01–29 ({lines}).',
    'overview-missing':
      '{Here} endrer bevilgningen på {scope}, men har ingen oversikt over samlet tildeling for posten (skulle vist {expected}).',
    'overview-label-mismatch':
      'Oversiktstabellen er merket «{heading}» ({lines}), men tallene gjelder {scope}: første rad er tildelingsbrevets beløp for post {post}, ikke for post {labelPost}.',
    'overview-row-unexpected':
      'Oversikten i {here} har en rad for et senere tillegg ({lines}): «{label}».',
    'overview-start-mismatch':
      'Oversikten «{heading}» starter med {printed} fra tildelingsbrevet ({lines}), men tildelingsbrevet gir {expected} på {scope}.',
    'overview-row-mismatch':
      'Raden for {source} i oversikten «{heading}» viser {printed} ({lines}), men {source} gir {expected} på {scope}.',
    'overview-row-missing':
      'Oversikten «{heading}» ({lines}) mangler raden for {source}, som gir {expected} på {scope}.',
    'overview-total-arithmetic':
      'Totalen i oversikten «{heading}» er {printed} ({lines}), men radene i tabellen summerer til {sum}.',
    'change-row-arithmetic':
      'Endringstabellen for {scope} ({lines}) går ikke opp: {previous} tidligere og {change} ny tildeling gir {sum}, men summen er trykt som {printed}.',
    'change-row-previous-mismatch':
      'Tidligere tildeling på {scope} er trykt som {printed} ({lines}), men tildelingsbrevet og tilleggene før dette gir {expected}.',
    'change-row-total-mismatch':
      'Sum tildelt på {scope} er trykt som {printed} ({lines}), men tildelingsbrevet og tilleggene til og med dette gir {expected}.',
    'overview-total-mismatch':
      'Samlet tildeling på {scope} er trykt som {printed} ({lines}), men tildelingsbrevet og tilleggene til og med dette gir {expected}.',
    'earmark-exceeds-post':
      '{printed} er øremerket på {scope} ({lines}), men posten har bare {expected}.',
    'note-chapter-sum': '{amount} er tildelingsbrevets sum for hele kap. {chapter}.',
    'note-authority':
      'Differansen {amount} er fullmakten til å overskride bevilgningen ({lines}), som ikke er en tildeling.',
    'note-table-total': 'Tabellens total ({lines}) blir dermed {printed} i stedet for {expected}.',
  },
  letter: {
    letterTitle: 'Tildelingsbrev til {agency} for {year}',
    supplementTitle: 'Tillegg til tildelingsbrev nr. {number} for {year}',
    supplementDraftTitle:
      'Tillegg til tildelingsbrev for {year} til {agency} (nummer gis ved utsendelse)',
    ourDate: 'Vår dato',
    department: 'Avdeling',
    appropriations: 'Bevilgninger',
    tableChapter: 'Kap. {chapter} {name} (i 1000 kr)',
    tablePost: 'Post',
    tableName: 'Betegnelse',
    chapterSum: 'Sum kap. {chapter}',
    totals: 'Oversikt over tildeling til {agency} i {year}:',
    totalsPost: 'Kap {chapter}.{post}',
    totalsDocument: 'Tildelingsbrev',
    totalsAmount: 'Beløp (i 1000 kroner)',
    totalsTotal: 'Tildeling totalt i {year}',
    goals: 'Mål for {year}',
    goal: 'Mål {n}: {title}',
    steeringParameters: 'Styringsparametere:',
    keyFigures: 'Nøkkeltall:',
    assignments: 'Oppdrag',
    ownerDepartment: 'Ansvarlig avdeling: {code}',
    deadline: 'Frist: {phrase}',
    references: 'Jf. {ids}.',
    carriedOver: 'Tidligere gitte oppdrag som ikke er ferdigstilt',
    calendar: 'Styringskalender',
    calendarWhen: 'Når',
    calendarWhat: 'Hva',
    closing: 'Med hilsen',
    page: 'Side {page} av {pages}',
  },
  annualReport: {
    date: 'Dato',
    title: 'Årsrapport {year} for {agency}',
    'part.leader': 'Leders beretning',
    'part.introduction': 'Introduksjon til virksomheten og hovedtall',
    'part.activities': 'Årets aktiviteter og resultater',
    'part.governance': 'Styring og kontroll i virksomheten',
    'part.outlook': 'Vurdering av framtidsutsikter',
    'part.accounts': 'Årsregnskap',
    notWritten: 'Ikke skrevet ennå.',
    appropriationTotal: 'Samlet tildeling for {year}: {amount} (i 1000 kr).',
    keyFigures: 'Styringsparametere og nøkkeltall',
    keyFigure: 'Parameter',
    keyFigureGoal: 'Mål',
    keyFigureValue: 'Verdi',
    keyFigureComment: 'Kommentar',
    assignmentsCaption: 'Oppdrag i {year}',
    assignmentId: 'ID',
    assignmentTitle: 'Oppdrag',
    assignmentStatus: 'Status',
    assignmentProgress: 'Framdrift',
    assignmentDeviation: 'Avvik og tiltak',
    deviation: 'Avvik: {deviation} Årsak: {cause} Tiltak: {measures}',
    risks: 'Samlet risikovurdering',
    riskTolerance: 'Risikotoleransen avtalt med departementet er {score}.',
    riskToleranceDefault:
      'Ingen risikotoleranse er avtalt med departementet; grensen {score} gjelder.',
    riskGoal: 'Mål',
    riskDescription: 'Risiko',
    riskScore: 'Før tiltak',
    riskResidual: 'Etter tiltak',
    riskAbove: 'over toleransen',
    accountsCaption: 'Bevilgning og regnskap per post (i 1000 kr)',
    accountsPost: 'Kap./post',
    accountsName: 'Betegnelse',
    accountsAppropriation: 'Bevilgning',
    accountsAccounts: 'Regnskap',
    accountsDifference: 'Differanse',
    accountsSum: 'Sum',
    signed: 'Signert {date}',
    unsigned: 'Ikke signert ennå.',
  },
  register: {
    sheet: 'Oppdrag',
    columns: {
      id: 'ID',
      year: 'År',
      agency: 'Virksomhet',
      title: 'Tittel',
      ownerDepartment: 'Eieravdeling',
      ownerPerson: 'Ansvarlig',
      status: 'Status',
      progress: 'Framdrift',
      progressReason: 'Begrunnelse',
      nextDeadline: 'Neste frist',
      overdue: 'Frist passert',
      document: 'Dokument',
    },
    status: {
      planned: 'Planlagt',
      'in-progress': 'Under arbeid',
      delivered: 'Levert',
      accepted: 'Godkjent',
      cancelled: 'Avlyst',
      merged: 'Slått sammen',
      'carried-over': 'Videreført',
    },
    progress: { 'on-track': 'I rute', 'at-risk': 'I risiko', 'off-track': 'Ute av rute' },
    yes: 'Ja',
  },
};
