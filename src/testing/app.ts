/**
 * The real in-process server over the worker's test database, built once per worker.
 */
import { buildApp, type App } from '../server/app';
import { testDatabase } from '../db/testing';

let shared: Promise<App> | undefined;

export function testApp(): Promise<App> {
  shared ??= (async () => buildApp({ database: await testDatabase(), webDir: '/nonexistent' }))();
  return shared;
}
