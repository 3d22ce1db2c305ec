/**
 * A letter's language, through the real server and database: a draft made in nynorsk keeps it
 * (content `language`), one made without is bokmål, the editor may change it; the issued letter
 * prints nynorsk headings and reads back through the importer the same as written.
 */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { DocumentDetail } from '../../contract/document';
import type { Draft } from '../../contract/draft';
import { readLetterFile } from '../../import';
import { SAMPLE_AGENCY } from '../../services/users';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildDraftContent } from '../../testing/builders';
import { readPart } from '../../testing/documents';

/** Years no other test file uses (the database is shared per worker). */
const YEAR = 2073;

describe("a letter's language", () => {
  it('a draft in nynorsk is issued with nynorsk headings and reads back as written', async () => {
    const app = await testApp();
    const author = await signIn(app, 'ministry-department-officer');
    const second = await signIn(app, 'ministry-budget-officer');
    const orgs = (
      await app.inject({ url: '/api/organisations', headers: author.headers })
    ).json() as { items: { id: string; name: string }[] };
    const agencyId = orgs.items.find((o) => o.name === SAMPLE_AGENCY)!.id;
    const create = (language?: 'nb' | 'nn') =>
      app.inject({
        method: 'POST',
        url: '/api/drafts',
        headers: author.headers,
        payload: {
          agencyId,
          year: YEAR,
          kind: 'allocation-letter',
          from: 'empty',
          ...(language ? { language } : {}),
        },
      });

    const plain = await create();
    expect(plain.statusCode).toBe(201);
    expect((plain.json() as Draft).content.language).toBe('nb');
    const bad = await app.inject({
      method: 'POST',
      url: '/api/drafts',
      headers: author.headers,
      payload: { agencyId, year: YEAR, kind: 'allocation-letter', from: 'empty', language: 'en' },
    });
    expect(bad.statusCode).toBe(400);

    const created = await create('nn');
    expect(created.statusCode).toBe(201);
    let draft = created.json() as Draft;
    expect(draft.content.language).toBe('nn');

    // The editor writes the letter (and could switch its language back and forth).
    const content = buildDraftContent({ language: 'nn', calendar: [] });
    content.appropriations[1]!.notes = ['kan overførast'];
    const saved = await app.inject({
      method: 'PUT',
      url: `/api/drafts/${draft.id}`,
      headers: author.headers,
      payload: { expectedVersion: draft.version, content },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    draft = saved.json() as Draft;
    expect(draft.content.language).toBe('nn');
    const approved = await app.inject({
      method: 'POST',
      url: `/api/drafts/${draft.id}/approve`,
      headers: second.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    draft = approved.json() as Draft;
    const issued = await app.inject({
      method: 'POST',
      url: `/api/drafts/${draft.id}/issue`,
      headers: author.headers,
      payload: { expectedVersion: draft.version },
    });
    expect(issued.statusCode, issued.body).toBe(200);
    draft = issued.json() as Draft;

    const doc = (
      await app.inject({ url: `/api/documents/${draft.issuedDocumentId}` })
    ).json() as DocumentDetail;
    expect(doc.status).toBe('published');
    const appropriations = await readPart(app, doc.id, 'appropriations');
    expect(appropriations.map((a) => [a.post, a.amount])).toEqual([
      [1, 120_500],
      [21, 14_250],
      [70, 8_000],
    ]);
    expect((await readPart(app, doc.id, 'assignments')).map((a) => a.registerId)).toEqual([
      `TB${YEAR}-01`,
      `TB${YEAR}-02`,
    ]);

    const file = await app.inject({
      url: `/api/drafts/${draft.id}/letter.docx`,
      headers: author.headers,
    });
    expect(file.statusCode).toBe(200);
    const read = (await readLetterFile('brev.docx', new Uint8Array(file.rawPayload))).documents[0]!;
    const xml = strFromU8(unzipSync(new Uint8Array(file.rawPayload))['word/document.xml']!);
    for (const printed of ['Løyvingar', 'Nemning', 'Styringsparametrar:', 'Med helsing']) {
      expect(xml).toContain(printed);
    }
    expect(xml).not.toContain('Bevilgninger');
    // `Post Nemning`, `Styringsparametrar:`, `Nøkkeltal:` and `Med helsing` read as in bokmål.
    expect(read.appropriations.map((a) => [a.postName, a.notes])).toEqual([
      ['Driftsutgifter', []],
      ['Spesielle driftsutgifter', ['kan overførast']],
      ['Tilskudd til kommuner', ['kan overføres', 'kan nyttes under post 21']],
    ]);
    expect(read.signatories.map((p) => p.name)).toEqual(['Per Prøve']);
    expect(read.steeringParameters.map((p) => p.kind)).toEqual(['styringsparameter', 'nøkkeltall']);
  });
});
