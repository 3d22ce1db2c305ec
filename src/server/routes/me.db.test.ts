/**
 * GET /api/me tells the web client what the user may do (abilities from policy.ts, so the
 * client shows only what it allows), the limits it checks before sending anything, and the
 * language the person chose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../db/testing';
import { DEFAULT_MAX_BYTES } from '../../import/extract';
import { testApp } from '../../testing/app';
import { signIn } from '../../testing/auth';
import { buildApp, type App } from '../app';

describe('GET /api/me', () => {
  let app: App;
  beforeAll(async () => {
    app = await testApp();
  });

  it('tells a ministry officer that they may import, and the upload limit', async () => {
    const s = await signIn(app, 'ministry-department-officer');
    const me = (await app.inject({ url: '/api/me', headers: { cookie: s.cookie } })).json();
    expect(me.abilities.import).toBe(true);
    expect(me.limits).toEqual({ maxUploadBytes: DEFAULT_MAX_BYTES });
  });

  it('tells the public and readers that they may not import', async () => {
    const anonymous = (await app.inject({ url: '/api/me' })).json();
    expect(anonymous.abilities.import).toBe(false);
    expect(anonymous.limits.maxUploadBytes).toBe(DEFAULT_MAX_BYTES);
    for (const role of ['ministry-reader', 'agency-coordinator', 'auditor'] as const) {
      const s = await signIn(app, role);
      const me = (await app.inject({ url: '/api/me', headers: { cookie: s.cookie } })).json();
      expect(me.abilities.import, role).toBe(false);
    }
  });

  it('carries the person’s language, which is their setting (the web client speaks it)', async () => {
    expect((await app.inject({ url: '/api/me' })).json().user).toBeNull();
    const s = await signIn(app, 'auditor', { fresh: true });
    const me = async () =>
      (await app.inject({ url: '/api/me', headers: { cookie: s.cookie } })).json().user;
    const { email: _email, ...original } = (
      await app.inject({ url: '/api/me/settings', headers: s.headers })
    ).json();
    const put = (language: string) =>
      app.inject({
        method: 'PUT',
        url: '/api/me/settings',
        headers: s.headers,
        payload: { ...original, language },
      });
    try {
      expect((await me()).language).toBe(original.language);
      for (const language of ['en', 'nn']) {
        expect((await put(language)).statusCode).toBe(200);
        expect((await me()).language).toBe(language);
      }
    } finally {
      expect((await put(original.language)).statusCode).toBe(200);
    }
  });

  describe('with a configured limit', () => {
    let small: App;
    beforeAll(async () => {
      small = await buildApp({
        database: await testDatabase(),
        webDir: '/nonexistent',
        maxUploadBytes: 5 * 1024 * 1024,
      });
    });
    afterAll(async () => {
      await small?.close();
    });

    it('sends the server’s own limit', async () => {
      const me = (await small.inject({ url: '/api/me' })).json();
      expect(me.limits).toEqual({ maxUploadBytes: 5 * 1024 * 1024 });
    });
  });
});
