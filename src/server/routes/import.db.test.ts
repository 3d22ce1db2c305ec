import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { testDatabaseKind } from '../../db/testing';
import { buildApp } from '../app';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';

const boundary = 'tildel-upload-test';
function multipart(files: { name: string; bytes: Uint8Array; type?: string }[]) {
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${f.name}"\r\nContent-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    ]),
  );
  return Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]);
}
const seed004 = new Uint8Array(
  readFileSync(resolve(import.meta.dirname, '../../../../shared/seeds/004_0eca73cba024b290.txt')),
);

describe(`POST /api/imports (${testDatabaseKind})`, () => {
  it('imports a letter after the person confirms what it creates, then reports it unchanged; dry runs store nothing', async () => {
    const app = await testApp();
    // The seed is another ministry's letter: an administrator imports it.
    const admin = await signIn(app, 'administrator');
    const upload = (dryRun: boolean, confirm = '') =>
      app.inject({
        method: 'POST',
        url: `/api/imports?dryRun=${dryRun}${confirm ? `&confirm=${confirm}` : ''}`,
        headers: {
          ...admin.headers,
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: multipart([{ name: '004.txt', bytes: seed004, type: 'text/plain' }]),
      });
    const count = async () =>
      (
        await queryRows<{ n: number }>(
          app.database.db,
          sql`select count(*)::int as n from documents`,
        )
      )[0]!.n;
    const stored = await count();
    const dry = await upload(true);
    expect(dry.statusCode).toBe(200);
    expect(dry.json().files[0]).toMatchObject({
      status: 'imported',
      file: '004.txt',
      documents: [
        {
          outcome: 'dry-run',
          kind: 'supplement',
          number: 10,
          year: 2022,
          id: null,
          plan: { action: 'create', confirmation: { reasons: ['new-organisation'] } },
        },
      ],
    });
    const plan = dry.json().files[0].documents[0].plan;
    expect(plan.newOrganisations.map((o: { kind: string }) => o.kind)).toEqual([
      'ministry',
      'agency',
    ]);

    // Without the confirmation nothing is stored, and the answer says what waits.
    const unconfirmed = await upload(false);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().files[0]).toMatchObject({
      status: 'needs-confirmation',
      documents: [
        {
          outcome: 'needs-confirmation',
          plan: { confirmation: { token: plan.confirmation.token } },
        },
      ],
    });
    expect(await count()).toBe(stored);

    const first = await upload(false, plan.confirmation.token);
    expect(first.statusCode).toBe(200);
    expect(first.json().files[0].documents[0].outcome).toBe('created');
    const again = await upload(false);
    expect(again.statusCode).toBe(200);
    expect(again.json().files[0].documents[0]).toMatchObject({
      outcome: 'unchanged',
      id: first.json().files[0].documents[0].id,
    });
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
          'content-type': `multipart/form-data; boundary=${boundary}`,
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
      headers: { ...officer.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
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
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
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
