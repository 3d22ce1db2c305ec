/**
 * Checking an archive extract as an archive would: validated by the real `xmllint` (Debian
 * libxml2-utils, installed by .ci/run) against the Noark 5 v5.0 schemas in
 * ../shared/standards/noark5-v5.0, and every dokumentobjekt's checksum and size recomputed from
 * its file. A missing xmllint or schema fails the test (never a skip).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sharedPath } from './shared';

const run = promisify(execFile);

export const noarkSchema = (name: 'arkivstruktur' | 'endringslogg') =>
  sharedPath(`standards/noark5-v5.0/${name}.xsd`);

/** `xmllint --noout --schema <xsd> <file>`: whether it validates, and what xmllint said. */
export async function xmllint(
  file: string,
  schema: 'arkivstruktur' | 'endringslogg',
): Promise<{ ok: boolean; output: string }> {
  try {
    const { stderr } = await run('xmllint', ['--noout', '--schema', noarkSchema(schema), file]);
    return { ok: true, output: stderr };
  } catch (err) {
    const e = err as { code?: unknown; stderr?: string; message: string };
    if (e.code === 'ENOENT') {
      throw new Error('xmllint is not installed (apt-get install libxml2-utils; .ci/run does)');
    }
    return { ok: false, output: e.stderr ?? e.message };
  }
}

/** Writes files (path → bytes) under a new temporary folder; returns the folder. */
export function writeExtract(files: ReadonlyArray<{ path: string; bytes: Uint8Array }>): string {
  const dir = mkdtempSync(resolve(tmpdir(), 'tildel-noark-'));
  for (const f of files) {
    const to = resolve(dir, f.path);
    mkdirSync(dirname(to), { recursive: true });
    writeFileSync(to, f.bytes);
  }
  return dir;
}

export interface ObjectEntry {
  file: string;
  checksum: string;
  algorithm: string;
  size: number;
}

/** Every dokumentobjekt's file reference, checksum, algorithm and size, as written. */
export function documentObjects(xml: string): ObjectEntry[] {
  const out: ObjectEntry[] = [];
  for (const m of xml.matchAll(/<dokumentobjekt>([\s\S]*?)<\/dokumentobjekt>/g)) {
    const body = m[1]!;
    const get = (name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1] ?? '';
    out.push({
      file: get('referanseDokumentfil'),
      checksum: get('sjekksum'),
      algorithm: get('sjekksumAlgoritme'),
      size: Number(get('filstoerrelse')),
    });
  }
  return out;
}

/**
 * Recomputes each object's SHA-256 and size from its file in `dir`: the mismatches (none: []).
 * Throws when the XML names no dokumentobjekt at all, so "no mismatches" cannot pass vacuously.
 */
export function checksumMismatches(dir: string, xml: string): string[] {
  const objects = documentObjects(xml);
  if (objects.length === 0) throw new Error('No dokumentobjekt in the XML: nothing to check');
  return objects.flatMap((o) => {
    const bytes = readFileSync(resolve(dir, o.file));
    const sha = createHash('sha256').update(bytes).digest('hex');
    const wrong: string[] = [];
    if (o.algorithm !== 'SHA256') wrong.push(`${o.file}: algorithm ${o.algorithm}`);
    if (sha !== o.checksum) wrong.push(`${o.file}: checksum ${o.checksum} ≠ ${sha}`);
    if (bytes.byteLength !== o.size) wrong.push(`${o.file}: size ${o.size} ≠ ${bytes.byteLength}`);
    return wrong;
  });
}
