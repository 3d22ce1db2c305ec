/**
 * Hostile uploads against the real server: each is refused with its name and reason (or
 * imported) while the server keeps answering its health check; a client that goes away stops
 * the reading.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKind } from '../../db/testing';
import { readPool } from '../../import/read-pool';
import {
  docxWithBody,
  pdfOfLines,
  pdfOfPages,
  txtAssignments,
  txtLetterWith,
} from '../../testing/hostile-files';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildApp, type App } from '../app';
import { multipart, MULTIPART_TYPE } from '../../testing/multipart';

async function upload(
  app: App,
  files: { name: string; bytes: Uint8Array }[],
  dryRun = true,
  confirm: string[] = [],
) {
  const officer = await signIn(app, 'ministry-department-officer');
  const confirmed = confirm.length > 0 ? `&confirm=${confirm.join(',')}` : '';
  return app.inject({
    method: 'POST',
    url: `/api/imports?dryRun=${dryRun}${confirmed}`,
    headers: { ...officer.headers, 'content-type': MULTIPART_TYPE },
    payload: multipart(files),
  });
}

const generous = { max: 1000, timeWindow: 60_000 };

describe(`hostile uploads (${testDatabaseKind})`, () => {
  // The database and a warm reader first: the tests time the uploads, not the set-up.
  beforeAll(async () => {
    const app = await testApp();
    await signIn(app, 'ministry-department-officer');
    await upload(app, [{ name: 'varm.txt', bytes: txtLetterWith('') }]);
  });

  it('refuses a PDF of 20 000 pages and a Word file of 2 million runs while health keeps answering', async () => {
    const app = await testApp();
    const files = [
      { name: 'sider.pdf', bytes: pdfOfPages(20_000) },
      {
        name: 'runs.docx',
        bytes: docxWithBody(`<w:p>${'<w:r><w:t>x</w:t></w:r>'.repeat(2_000_000)}</w:p>`),
      },
    ];
    let done = false;
    const importing = upload(app, files).finally(() => (done = true));
    // Health is asked while the files are being read; every answer must come, and be 200.
    let answeredDuringImport = 0;
    while (!done) {
      const health = await app.inject({ method: 'GET', url: '/api/health' });
      expect(health.statusCode).toBe(200);
      if (!done) answeredDuringImport++;
      await new Promise((r) => setTimeout(r, 50));
    }
    const res = await importing;
    expect(res.statusCode).toBe(422);
    expect(res.json().files).toMatchObject([
      { status: 'refused', file: 'sider.pdf', code: 'too-complex', params: { what: 'pages' } },
      { status: 'refused', file: 'runs.docx', code: 'too-complex' },
    ]);
    expect(res.json().files[0].reason).toContain('20 000 pages');
    // The reading ran off the event loop: health was answered while it went on. How fast
    // (latency beside an idle server's) is measured in `npm run bench` (hostile files).
    expect(answeredDuringImport).toBeGreaterThan(0);
  });

  it('stores a PDF with NUL characters in its text, and a letter with a 30-digit amount', async () => {
    const app = await testApp();
    const tag = Math.random().toString(36).slice(2, 8);
    const pdf = pdfOfLines([
      `Tildelingsbrev til Direktoratet\\000 for nul${tag} for 2020`,
      'Bevilgninger',
      'Kap. 744 Direktoratet (i 1000 kr)',
    ]);
    const files = [
      { name: `nul-${tag}.pdf`, bytes: pdf },
      {
        name: `stor-${tag}.txt`,
        bytes: txtLetterWith('01  Driftsutgifter  123456789012345678901234567890'),
      },
    ];
    // The letters name agencies Tildel does not know: the dry run asks, the import confirms.
    const planned = (await upload(app, files)).json() as {
      files: { documents?: { plan: { confirmation: { token: string } | null } | null }[] }[];
    };
    const tokens = planned.files.flatMap((f) =>
      (f.documents ?? []).flatMap((d) => (d.plan?.confirmation ? [d.plan.confirmation.token] : [])),
    );
    const res = await upload(app, files, false, tokens);
    expect(res.statusCode).toBe(200);
    const [nul, big] = res.json().files;
    expect(nul).toMatchObject({ status: 'imported', file: `nul-${tag}.pdf` });
    expect(big).toMatchObject({ status: 'imported', file: `stor-${tag}.txt` });
    expect(big.documents[0].warnings.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(figure-too-long|amount-missing)$/)]),
    );
  });

  it('says a file over the limit is over it, with the size of the upload, not the limit as its size', async () => {
    const database = (await testApp()).database;
    const small = await buildApp({
      database,
      webDir: '/nonexistent',
      maxUploadBytes: 10_000,
      auth: { rateLimits: { signIn: generous, imports: generous } },
    });
    const res = await upload(small, [{ name: 'stor.txt', bytes: Buffer.alloc(30_000, 0x41) }]);
    expect(res.statusCode).toBe(413);
    const file = res.json().files[0];
    expect(file).toMatchObject({ status: 'refused', file: 'stor.txt', code: 'too-large' });
    expect(file.reason).toMatch(
      /^the file is larger than the limit of 0\.0095 MB \(the upload is 0\.029 MB\)$/,
    );
    expect(file.params.limitBytes).toBe(10_000);
    expect(file.params.uploadBytes).toBeGreaterThan(30_000);
    expect(file.params.sizeBytes).toBeUndefined();
    await small.close();
  });

  it('stops reading a file when the client goes away', async () => {
    const database = (await testApp()).database;
    const app = await buildApp({
      database,
      webDir: '/nonexistent',
      auth: { rateLimits: { signIn: generous, imports: generous } },
    });
    const officer = await signIn(app, 'ministry-department-officer');
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const body = multipart([{ name: 'lang.txt', bytes: txtAssignments(40_000) }]);
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/imports?dryRun=true',
      headers: {
        ...officer.headers,
        'content-type': MULTIPART_TYPE,
        'content-length': body.length,
      },
    });
    req.on('error', () => {});
    req.end(body);
    const until = async (what: () => boolean, ms: number) => {
      const end = performance.now() + ms;
      while (!what() && performance.now() < end) await new Promise((r) => setTimeout(r, 20));
      return what();
    };
    expect(await until(() => readPool().active === 1, 10_000)).toBe(true);
    req.destroy();
    expect(await until(() => readPool().active === 0, 5_000)).toBe(true);
    await app.close();
  });
});
