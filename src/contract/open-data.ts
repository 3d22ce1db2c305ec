/**
 * Open data (åpne data): the public, read-only API of issued letters under `/api/open/v1`
 * (docs/open-data.md). Its index documents are described here; a letter is published in the
 * import's own schema (`DryRunOutput` of letter.ts, `tildel schema import`), so that
 * `tildel import --dry-run` reads it back; the tables are CSV files whose columns are named
 * here, once, for the server, the documentation page and the tests.
 */
import { z } from 'zod';
import { DocumentKind } from './enums';

/** Where the open-data API lives; the `v1` changes only with an incompatible change. */
export const OPEN_DATA_PREFIX = '/api/open/v1';

/** The web client's page about open data (for people: what there is, how to use it). */
export const OPEN_DATA_PAGE = '/apne-data';

/** The licence every open-data file is published under. */
export const OPEN_DATA_LICENCE = {
  name: 'Norsk lisens for offentlige data (NLOD) 2.0',
  id: 'NLOD-2.0',
  url: 'https://data.norge.no/nlod/no/2.0',
} as const;

/** The columns of `appropriations.csv`, in order (one row per printed appropriation line). */
export const APPROPRIATION_COLUMNS = [
  'aar',
  'departement',
  'virksomhet',
  'virksomhet_orgnr',
  'brev',
  'dokument',
  'dokumenttype',
  'tillegg_nr',
  'dokumentdato',
  'kapittel',
  'kapittelnavn',
  'post',
  'postnavn',
  'belop_kr',
  'belop_1000_kr',
  'merknader',
  'kommentar',
] as const;

/** The columns of `assignments.csv`, in order (one row per assignment of a letter). */
export const ASSIGNMENT_COLUMNS = [
  'aar',
  'departement',
  'virksomhet',
  'virksomhet_orgnr',
  'brev',
  'dokument',
  'dokumenttype',
  'tillegg_nr',
  'oppdrag_id',
  'id_tildelt_av_tildel',
  'eieravdeling',
  'tittel',
  'status',
  'presiserer',
  'frister',
  'fristtekst',
] as const;

/** The paths of the open-data API (for the server, its files' links and the web page). */
export const openDataPaths = {
  index: () => OPEN_DATA_PREFIX,
  licence: () => `${OPEN_DATA_PREFIX}/licence`,
  letterSchema: () => `${OPEN_DATA_PREFIX}/schema/letter.json`,
  year: (year: number) => `${OPEN_DATA_PREFIX}/years/${year}`,
  bulk: (year: number) => `${OPEN_DATA_PREFIX}/years/${year}/bulk.zip`,
  yearTable: (year: number, table: OpenTable) => `${OPEN_DATA_PREFIX}/years/${year}/${table}.csv`,
  agency: (year: number, agency: string) => `${OPEN_DATA_PREFIX}/years/${year}/agencies/${agency}`,
  agencyTable: (year: number, agency: string, table: OpenTable) =>
    `${OPEN_DATA_PREFIX}/years/${year}/agencies/${agency}/${table}.csv`,
  letter: (year: number, agency: string, letter: string) =>
    `${OPEN_DATA_PREFIX}/years/${year}/agencies/${agency}/letters/${letter}.json`,
};

/** The two tables of a year or an agency-year. */
export type OpenTable = 'appropriations' | 'assignments';

const Url = z.string().meta({ description: 'Absolute path of a file or listing in this API' });

export const OpenDataLicence = z.object({
  name: z.string(),
  id: z.string(),
  url: z.string(),
});

export const OpenLetterRef = z.object({
  /** The letter's stable name within its agency-year: `tildelingsbrev`, `tillegg-3`. */
  name: z.string(),
  kind: DocumentKind,
  number: z.int().nullable(),
  title: z.string(),
  date: z.string().nullable(),
  ministry: z.string().nullable(),
  /** Its JSON in the import's schema (`tildel schema import`). */
  url: Url,
});
export type OpenLetterRef = z.infer<typeof OpenLetterRef>;

export const OpenAgency = z.object({
  /** The agency's stable key in URLs (its name in lower-case ASCII). */
  slug: z.string(),
  name: z.string(),
  orgNr: z.string().nullable(),
  url: Url,
  letters: z.array(OpenLetterRef),
  files: z.object({ appropriations: Url, assignments: Url }),
});
export type OpenAgency = z.infer<typeof OpenAgency>;

export const OpenYear = z.object({
  year: z.int(),
  /** When a letter of the year was last issued or changed (ISO 8601, UTC). */
  lastModified: z.string(),
  licence: OpenDataLicence,
  agencies: z.array(OpenAgency),
  files: z.object({ appropriations: Url, assignments: Url, bulk: Url }),
});
export type OpenYear = z.infer<typeof OpenYear>;

export const OpenYearRef = z.object({
  year: z.int(),
  agencies: z.int(),
  letters: z.int(),
  lastModified: z.string(),
  url: Url,
  bulk: Url,
});
export type OpenYearRef = z.infer<typeof OpenYearRef>;

export const OpenDataIndex = z.object({
  name: z.string(),
  description: z.string(),
  licence: OpenDataLicence,
  /** The JSON Schema of a letter's file. */
  letterSchema: Url,
  documentation: Url,
  years: z.array(OpenYearRef),
});
export type OpenDataIndex = z.infer<typeof OpenDataIndex>;

export const OpenYearParam = z.object({ year: z.coerce.number().int().min(1900).max(2999) });
export const OpenAgencyParam = OpenYearParam.extend({
  agency: z.string().regex(/^[a-z0-9-]{1,120}$/, 'an agency key: a-z, 0-9 and -'),
});
export const OpenLetterParam = OpenAgencyParam.extend({
  letter: z.string().regex(/^[a-z0-9-]{1,160}$/, 'a letter name: a-z, 0-9 and -'),
});
