/**
 * The register's filter choices (`GET /api/assignments/facets`): the years and the ministry
 * owner departments the reader's documents hold, so a picker offers every one of them rather
 * than those on the first page of a list. Bounded: more years or department codes than these
 * cannot occur (a year a century; a code per office of every ministry).
 */
import { z } from 'zod';

/** The most years the answer lists. */
export const FACET_MAX_YEARS = 300;
/** The most department codes the answer lists. */
export const FACET_MAX_DEPARTMENTS = 2000;

export const Facets = z.object({
  /** The years of the current documents the reader may read, the newest first. */
  years: z.array(z.int()).max(FACET_MAX_YEARS),
  /** The owner departments of the register's assignments in those documents, in code order. */
  departments: z.array(z.string()).max(FACET_MAX_DEPARTMENTS),
});
export type Facets = z.infer<typeof Facets>;
