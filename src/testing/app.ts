/**
 * The real in-process server over the worker's test database, built once per worker. Test
 * files share it, so its rate limits are raised far above what one worker sends; the limits
 * themselves are tested on an app of their own (auth.db.test.ts).
 */
import { buildApp, type App } from '../server/app';
import { testDatabase } from '../db/testing';

let shared: Promise<App> | undefined;

const generous = { max: 100_000, timeWindow: 60_000 };

export function testApp(): Promise<App> {
  shared ??= (async () =>
    buildApp({
      database: await testDatabase(),
      webDir: '/nonexistent',
      auth: {
        rateLimits: {
          signIn: generous,
          imports: generous,
          feeds: generous,
          openData: generous,
          openDataBulk: generous,
          token: generous,
        },
      },
    }))();
  return shared;
}
