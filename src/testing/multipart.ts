/** A multipart/form-data body for requests from tests: form fields, then files. */

/** The boundary every test body uses; send `MULTIPART_TYPE` as its content type. */
export const MULTIPART_BOUNDARY = 'tildel-test-boundary';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`;

export interface TestFile {
  name: string;
  bytes: Uint8Array;
  /** The part's Content-Type (default application/octet-stream). */
  type?: string;
}

export function multipart(files: readonly TestFile[], fields: Record<string, string> = {}): Buffer {
  const b = MULTIPART_BOUNDARY;
  return Buffer.concat([
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ),
    ...files.map((f) =>
      Buffer.concat([
        Buffer.from(
          `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        Buffer.from(f.bytes),
        Buffer.from('\r\n'),
      ]),
    ),
    Buffer.from(`--${b}--\r\n`),
  ]);
}
