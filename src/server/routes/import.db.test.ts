import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { testDatabaseKind } from '../../db/testing';
import { buildApp } from '../app';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { readSharedBytes } from '../../testing/shared';
import { SAMPLE_MINISTRY } from '../../services/users';
import { multipart, MULTIPART_TYPE } from '../../testing/multipart';

const randomLetters = () =>
  Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join(
    '',
  );

const seed004 = new Uint8Array(readSharedBytes('seeds/004_0eca73cba024b290.txt'));

describe(`POST /api/imports (${testDatabaseKind})`, () => {
  it('imports a letter after the person confirms what it creates, then reports it unchanged; dry runs store nothing', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    // A letter of the officer's own ministry to an agency Tildel does not know yet.
    const agency = `Prøve${randomLetters()}direktoratet`;
    const letter = new TextEncoder().encode(
      [
        `Tildelingsbrev til ${agency} for 2031`,
        '',
        `${SAMPLE_MINISTRY} viser til Prop. 1 S (2030–2031) og gir ${agency} midler for 2031.`,
        '',
        `Kap. 1480 ${agency} (i 1000 kr)`,
        'Post Betegnelse 2031',
        '01 Driftsutgifter 12 000',
        '',
      ].join('\n'),
    );
    const upload = (dryRun: boolean, confirm = '') =>
      app.inject({
        method: 'POST',
        url: `/api/imports?dryRun=${dryRun}${confirm ? `&confirm=${confirm}` : ''}`,
        headers: {
          ...officer.headers,
          'content-type': MULTIPART_TYPE,
        },
        payload: multipart([{ name: 'brev.txt', bytes: letter, type: 'text/plain' }]),
      });
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          app.database.db,
          sql`select count(*)::int as n from documents where agency_name = ${agency}`,
        )
      )[0]!.n;
    const dry = await upload(true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().files[0]).toMatchObject({
      status: 'imported',
      file: 'brev.txt',
      documents: [
        {
          outcome: 'dry-run',
          kind: 'allocation-letter',
          year: 2031,
          id: null,
          plan: {
            action: 'create',
            ministry: SAMPLE_MINISTRY,
            newOrganisations: [{ kind: 'agency', name: agency }],
            confirmation: { reasons: ['new-organisation'] },
          },
        },
      ],
    });
    const token = dry.json().files[0].documents[0].plan.confirmation.token as string;

    // Without the confirmation nothing is stored, and the answer says what waits.
    const unconfirmed = await upload(false);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().files[0]).toMatchObject({
      status: 'needs-confirmation',
      documents: [{ outcome: 'needs-confirmation', plan: { confirmation: { token } } }],
    });
    expect(await count()).toBe(0);

    const first = await upload(false, token);
    expect(first.statusCode).toBe(200);
    expect(first.json().files[0].documents[0].outcome).toBe('created');
    const again = await upload(false);
    expect(again.statusCode).toBe(200);
    expect(again.json().files[0].documents[0]).toMatchObject({
      outcome: 'unchanged',
      id: first.json().files[0].documents[0].id,
    });
    expect(await count()).toBe(1);
  });

  it('imports a Markdown letter through the upload route and keeps it as a Markdown source', async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const agency = `Prøve${randomLetters()}tilsynet`;
    const letter = new TextEncoder().encode(
      [
        `# **Tildelingsbrev til ${agency} for 2031**`,
        '',
        `${SAMPLE_MINISTRY} viser til Prop. 1 S (2030–2031).`,
        '',
        `| Kap. | Post | Betegnelse | 2031 |`,
        '|---|---|---|---|',
        '| 1481 | 01 | Driftsutgifter | 9 500 |',
        '',
      ].join('\n'),
    );
    const upload = (confirm: string) =>
      app.inject({
        method: 'POST',
        url: `/api/imports?dryRun=${confirm === ''}${confirm ? `&confirm=${confirm}` : ''}`,
        headers: {
          ...officer.headers,
          'content-type': MULTIPART_TYPE,
        },
        payload: multipart([{ name: 'brev.md', bytes: letter, type: 'text/markdown' }]),
      });
    const dry = await upload('');
    expect(dry.statusCode).toBe(200);
    const planned = dry.json().files[0].documents[0];
    expect(planned).toMatchObject({ outcome: 'dry-run', kind: 'allocation-letter', year: 2031 });
    const stored = await upload(planned.plan.confirmation.token as string);
    expect(stored.statusCode).toBe(200);
    const [file] = await queryRows<{ format: string; name: string }>(
      app.database.db,
      sql`select f.format, f.name from source_files f join documents d on d.source_file_id = f.id
          where d.agency_name = ${agency}`,
    );
    expect(file).toEqual({ format: 'md', name: 'brev.md' });
  });

  it("refuses an officer another ministry's letter with 403, the file name and the reason", async () => {
    const app = await testApp();
    const officer = await signIn(app, 'ministry-department-officer');
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...officer.headers, 'content-type': MULTIPART_TYPE },
      payload: multipart([{ name: '004.txt', bytes: seed004, type: 'text/plain' }]),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().files[0]).toMatchObject({
      status: 'refused',
      file: '004.txt',
      code: 'not-your-ministry',
    });
    expect(res.json().files[0].reason).toContain('Helse- og omsorgsdepartementet');
  });

  const refusals: [string, { name: string; bytes: Uint8Array }, number, string][] = [
    [
      'an image',
      {
        name: 'skann.png',
        bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
      },
      415,
      'unsupported-type',
    ],
    [
      'a corrupt PDF',
      { name: 'brev.pdf', bytes: new TextEncoder().encode(`%PDF-1.7\n${'x'.repeat(400)}`) },
      422,
      'corrupt',
    ],
  ];
  for (const [what, file, status, code] of refusals) {
    it(`refuses ${what} with ${status}, its name and the reason, storing nothing`, async () => {
      const app = await testApp();
      const officer = await signIn(app, 'ministry-department-officer');
      const [before] = await queryRows<{ n: number }>(
        app.database.db,
        sql`select count(*)::int as n from source_files where name = ${file.name}`,
      );
      const res = await app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: {
          ...officer.headers,
          'content-type': MULTIPART_TYPE,
        },
        payload: multipart([file]),
      });
      expect(res.statusCode).toBe(status);
      expect(res.json().files[0]).toMatchObject({ status: 'refused', file: file.name, code });
      expect(res.json().files[0].reason.length).toBeGreaterThan(10);
      const [after] = await queryRows<{ n: number }>(
        app.database.db,
        sql`select count(*)::int as n from source_files where name = ${file.name}`,
      );
      expect(after!.n).toBe(before!.n);
    });
  }

  it('refuses a file over the configured size with 413 and says the limit', async () => {
    const database = (await testApp()).database;
    const small = await buildApp({
      database,
      webDir: '/nonexistent',
      maxUploadBytes: 1024,
      auth: {
        rateLimits: {
          signIn: { max: 1000, timeWindow: 60_000 },
          imports: { max: 1000, timeWindow: 60_000 },
        },
      },
    });
    const officer = await signIn(small, 'ministry-department-officer');
    const res = await small.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...officer.headers, 'content-type': MULTIPART_TYPE },
      payload: multipart([{ name: 'stor.txt', bytes: seed004 }]),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().files[0]).toMatchObject({
      status: 'refused',
      file: 'stor.txt',
      code: 'too-large',
    });
    await small.close();
  });

  it('is denied to readers and anonymous callers', async () => {
    const app = await testApp();
    const reader = await signIn(app, 'ministry-reader');
    const headers = { 'content-type': MULTIPART_TYPE };
    const payload = multipart([{ name: '004.txt', bytes: seed004 }]);
    expect(
      (await app.inject({ method: 'POST', url: '/api/imports', headers, payload })).statusCode,
    ).toBe(403);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/imports',
          headers: { ...reader.headers, ...headers },
          payload,
        })
      ).statusCode,
    ).toBe(403);
  });
});
