/**
 * The Noark 5 writer on records written here: escaping, determinism, the systemIDs, the order
 * of the journal; validated by the real xmllint against ../shared/standards/noark5-v5.0, and an
 * extract with a required element removed refused by it (the validation bites).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksumMismatches, writeExtract, xmllint } from '../testing/noark';
import {
  archiveExtractFiles,
  arkivstrukturXml,
  caseNumber,
  endringsloggXml,
  noarkMetadataName,
  recordSystemId,
  sha256Hex,
  systemId,
  type NoarkExtract,
  type NoarkRecord,
} from './noark';

const at = (iso: string) => new Date(iso);
const bytes = (s: string) => new Uint8Array(Buffer.from(s));

function record(key: string, over: Partial<NoarkRecord> = {}): NoarkRecord {
  return {
    key,
    title: `Brev ${key}`,
    description: null,
    direction: 'outgoing',
    journalDate: '2068-02-01',
    documentDate: '2068-01-31',
    received: null,
    sent: null,
    createdAt: at('2068-02-01T09:00:00Z'),
    createdBy: 'Saksbehandler',
    archivedAt: at('2068-02-01T09:00:00Z'),
    archivedBy: 'Saksbehandler',
    correspondent: { id: 'agency-1', name: 'Prøveetaten', orgNr: null },
    documents: [
      {
        title: `Brev ${key}`,
        type: 'Brev',
        attachedAs: 'Hoveddokument',
        author: 'Prøvedepartementet',
        createdAt: at('2068-02-01T09:00:00Z'),
        createdBy: 'Saksbehandler',
        files: [
          {
            path: `dokumenter/${key}.pdf`,
            bytes: bytes(`%PDF-1.7 ${key}`),
            version: 1,
            variant: 'Arkivformat',
            format: 'fmt/276',
            formatDetails: null,
            createdAt: at('2068-02-01T09:00:00Z'),
            createdBy: 'Saksbehandler',
            conversion: null,
          },
        ],
      },
    ],
    ...over,
  };
}

function extract(over: Partial<NoarkExtract> = {}): NoarkExtract {
  return {
    ministry: { id: 'ministry-1', name: 'Prøvedepartementet', orgNr: '974760673' },
    agency: { id: 'agency-1', name: 'Prøveetaten', orgNr: null },
    year: 2068,
    system: 'Tildel',
    records: [
      record('a'),
      record('b', {
        direction: 'incoming',
        title: 'Rapport <1> & "status" for \'2068\'',
        received: at('2068-03-01T10:30:00Z'),
        journalDate: '2068-03-01',
      }),
    ],
    changes: [
      {
        recordKey: 'b',
        metadata: 'report.status',
        at: at('2068-03-02T08:00:00Z'),
        by: 'Revisor & co',
        before: 'status: submitted',
        after: 'status: accepted',
      },
    ],
    ...over,
  };
}

describe('Noark 5 archive extract writer', () => {
  it('writes an extract xmllint validates against the v5.0 schemas', async () => {
    const dir = writeExtract(archiveExtractFiles(extract()));
    expect((await xmllint(resolve(dir, 'arkivstruktur.xml'), 'arkivstruktur')).ok).toBe(true);
    expect((await xmllint(resolve(dir, 'endringslogg.xml'), 'endringslogg')).ok).toBe(true);
  });

  it('is refused by xmllint when a required element is missing or out of order', async () => {
    const xml = arkivstrukturXml(extract());
    const dir = writeExtract([]);
    const withoutStatus = resolve(dir, 'uten-journalstatus.xml');
    writeFileSync(withoutStatus, xml.replace(/\s*<journalstatus>[^<]*<\/journalstatus>/, ''));
    const missing = await xmllint(withoutStatus, 'arkivstruktur');
    expect(missing.ok).toBe(false);
    expect(missing.output).toMatch(/journaldato|journalstatus/);
    // A checksum element after the size: the sequence's order is part of the schema.
    const swapped = resolve(dir, 'bytt-rekkefolge.xml');
    writeFileSync(
      swapped,
      xml.replace(
        /(<sjekksum>[^<]*<\/sjekksum>)(\s*)(<sjekksumAlgoritme>[^<]*<\/sjekksumAlgoritme>)/,
        '$3$2$1',
      ),
    );
    expect((await xmllint(swapped, 'arkivstruktur')).ok).toBe(false);
    const badId = resolve(dir, 'ugyldig-systemid.xml');
    writeFileSync(badId, xml.replace(/<systemID>[^<]*<\/systemID>/, '<systemID>42</systemID>'));
    expect((await xmllint(badId, 'arkivstruktur')).ok).toBe(false);
    const emptyLog = resolve(dir, 'tom-endringslogg.xml');
    writeFileSync(emptyLog, endringsloggXml(extract()).replace(/<endring>[\s\S]*<\/endring>/, ''));
    expect((await xmllint(emptyLog, 'endringslogg')).ok).toBe(false);
  });

  it('escapes text, and gives the same bytes for the same records', () => {
    const xml = arkivstrukturXml(extract());
    expect(xml).toContain('<tittel>Rapport &lt;1&gt; &amp; "status" for \'2068\'</tittel>');
    expect(endringsloggXml(extract())).toContain('<endretAv>Revisor &amp; co</endretAv>');
    const one = archiveExtractFiles(extract());
    const two = archiveExtractFiles(extract());
    expect(one.map((f) => sha256Hex(f.bytes))).toEqual(two.map((f) => sha256Hex(f.bytes)));
  });

  it('derives systemIDs (UUID v5) from the records, and names the change log after them', () => {
    expect(systemId('x')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(systemId('x')).toBe(systemId('x'));
    expect(systemId('x')).not.toBe(systemId('y'));
    const log = endringsloggXml(extract());
    expect(log).toContain(`<referanseArkivenhet>${recordSystemId('b')}</referanseArkivenhet>`);
    expect(arkivstrukturXml(extract())).toContain(`<systemID>${recordSystemId('b')}</systemID>`);
  });

  it('numbers the journal in the order given, outgoing letters and incoming reports', () => {
    const xml = arkivstrukturXml(extract());
    expect([...xml.matchAll(/<journalpostnummer>(\d+)</g)].map((m) => m[1])).toEqual(['1', '2']);
    expect([...xml.matchAll(/<journalposttype>([^<]+)</g)].map((m) => m[1])).toEqual([
      'Utgående dokument',
      'Inngående dokument',
    ]);
    expect([...xml.matchAll(/<korrespondanseparttype>([^<]+)</g)].map((m) => m[1])).toEqual([
      'Mottaker',
      'Avsender',
    ]);
  });

  it('writes checksums from the bytes, and refuses two different files at one path', () => {
    const files = archiveExtractFiles(extract());
    const dir = writeExtract(files);
    expect(checksumMismatches(dir, arkivstrukturXml(extract()))).toEqual([]);
    // An XML without a single dokumentobjekt is not "no mismatches": the check refuses it.
    const none = arkivstrukturXml(extract({ records: [] }));
    expect(() => checksumMismatches(dir, none)).toThrow(/No dokumentobjekt/);
    const clash = extract({ records: [record('a'), record('a2')] });
    clash.records[1]!.documents[0]!.files[0]!.path = 'dokumenter/a.pdf';
    expect(() => archiveExtractFiles(clash)).toThrow(/Two different files at dokumenter\/a.pdf/);
  });

  it('logs each record as archived when the audit trail holds no change (the schema wants one)', async () => {
    const log = endringsloggXml(extract({ changes: [] }));
    expect(log.match(/<endring>/g)).toHaveLength(2);
    const dir = writeExtract([{ path: 'endringslogg.xml', bytes: bytes(log) }]);
    expect((await xmllint(resolve(dir, 'endringslogg.xml'), 'endringslogg')).ok).toBe(true);
  });

  it('gives each agency-year its own arkiv, saksmappe and registreringsIDs', () => {
    const ids = (e: NoarkExtract) => {
      const xml = arkivstrukturXml(e);
      const all = [...xml.matchAll(/<systemID>([^<]+)<\/systemID>/g)].map((m) => m[1]);
      return {
        arkiv: all[0],
        arkivdel: all[1],
        mappe: /<mappeID>([^<]+)</.exec(xml)![1],
        seq: /<sakssekvensnummer>([^<]+)</.exec(xml)![1],
        registrering: [...xml.matchAll(/<registreringsID>([^<]+)</g)].map((m) => m[1]),
      };
    };
    const one = ids(extract());
    // Same ministry, another agency (with an org.nr), and the first agency another year.
    const other = ids(
      extract({ agency: { id: 'agency-2', name: 'Annen etat', orgNr: '987654321' } }),
    );
    const later = ids(extract({ year: 2069 }));
    for (const x of [other, later]) {
      expect(x.arkiv).not.toBe(one.arkiv);
      expect(x.arkivdel).not.toBe(one.arkivdel);
    }
    expect(other.mappe).toBe('2068/987654321');
    expect(other.seq).toBe('987654321');
    expect(one.mappe).toBe(`2068/${caseNumber({ id: 'agency-1', orgNr: null })}`);
    expect(one.mappe).not.toBe(other.mappe);
    expect(one.seq).toBe(String(caseNumber({ id: 'agency-1', orgNr: null })));
    expect(caseNumber({ id: 'agency-1', orgNr: null })).toBeLessThan(268_435_456);
    expect(caseNumber({ id: 'agency-1', orgNr: null })).not.toBe(
      caseNumber({ id: 'agency-3', orgNr: null }),
    );
    expect(one.registrering).toEqual([`${one.mappe}-1`, `${one.mappe}-2`]);
    expect(new Set([...one.registrering, ...other.registrering]).size).toBe(4);
  });

  it('logs changes under Noark metadata names where Noark has one', () => {
    expect(noarkMetadataName('import.create')).toBe('versjonsnummer');
    expect(noarkMetadataName('draft.issue')).toBe('sendtDato');
    expect(noarkMetadataName('report.status')).toBe('dokumentstatus');
    expect(noarkMetadataName('report.sign')).toBe('report.sign');
    expect(arkivstrukturXml(extract())).toContain('<format>fmt/276</format>');
  });
});
