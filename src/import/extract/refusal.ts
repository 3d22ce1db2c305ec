/** Why an uploaded file was refused. Stable codes for the API and UI; `reason` is for people. */
export type RefusalCode =
  'too-large' | 'unsupported-type' | 'corrupt' | 'encrypted' | 'no-text-layer' | 'empty';

/**
 * A file the importer will not read. The message is `${file}: ${reason}`, in English, and says
 * what the user can do about it where there is something to do.
 */
export class ImportRefusal extends Error {
  constructor(
    public file: string,
    public code: RefusalCode,
    public reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'ImportRefusal';
  }
}

const MB = 1024 * 1024;

/** Bytes as megabytes for messages: "20 MB", "25.3 MB", "0.0012 MB". */
export function formatMb(bytes: number): string {
  const mb = bytes / MB;
  if (Number.isInteger(mb)) return `${mb} MB`;
  if (mb >= 0.1) return `${Number(mb.toFixed(1))} MB`;
  return `${Number(mb.toPrecision(2))} MB`;
}
