/**
 * The archive extract of an agency-year (Noark 5 v5.0, docs/archive.md): what to ask for. The
 * answer is a zip file (arkivstruktur.xml, endringslogg.xml, info.xml, dokumenter/…).
 */
import { z } from 'zod';

export const ArchiveExtractQuery = z.object({
  /** The agency: its id, its organisation number (9 digits) or its name. */
  agency: z.string().trim().min(1).max(200),
  year: z.coerce.number().int().min(1900).max(2200),
});
export type ArchiveExtractQuery = z.infer<typeof ArchiveExtractQuery>;
