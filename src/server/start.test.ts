/**
 * `npm start` is one process tree that a signal stops: SIGTERM to npm reaches the server, which
 * closes, and nothing keeps the port. Runs the real command (it builds the web client first
 * when dist/web is missing or stale).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(import.meta.dirname, '../..');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => (socket.destroy(), done(true)));
    socket.on('error', () => done(false));
  });

/** Whether any process of the group is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tildel-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops the server on SIGTERM to npm and frees the port', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--silent'], {
      cwd: repo,
      detached: true, // its own process group, to see whether anything outlives npm
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        TILDEL_DATA_DIR: dataDir,
        TILDEL_SAMPLE_DATA: 'off',
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
      },
    });
    let output = '';
    npm.stdout.on('data', (d) => (output += String(d)));
    npm.stderr.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((done) => npm.on('exit', (code) => done(code)));
    try {
      let healthy = false;
      for (let i = 0; i < 560 && !healthy && npm.exitCode === null; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/api/health`)
          .then((r) => r.ok)
          .catch(() => false);
        if (!healthy) await sleep(500);
      }
      expect(healthy, output).toBe(true);
      // The web client is there (built now, or before, from the same sources).
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);

      process.kill(npm.pid!, 'SIGTERM');
      await exited;
      for (let i = 0; i < 40 && (groupAlive(npm.pid!) || (await portOpen(port))); i++) {
        await sleep(250);
      }
      expect(groupAlive(npm.pid!), output).toBe(false);
      expect(await portOpen(port)).toBe(false);
    } finally {
      if (groupAlive(npm.pid!)) process.kill(-npm.pid!, 'SIGKILL');
    }
  });
});
