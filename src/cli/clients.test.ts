import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client';
import { issueToken } from '../services/api-clients';
import { root, tildelIn } from '../testing/cli';

// `tildel clients` in processes of its own over a PGlite directory of this test; the secrets
// it prints are then tried at the token grant, in this process, on the same directory.
describe('tildel clients', { timeout: 300_000 }, () => {
  it('registers a client (secret printed once), lists, rotates its secret and revokes it', async () => {
    const dir = mkdtempSync(resolve(tmpdir(), 'tildel-clients-'));
    const imported = await tildelIn(
      dir,
      'import',
      '--yes',
      resolve(root, 'sample-data/01-tildelingsbrev-2026.txt'),
    );
    expect(imported.code, imported.stderr).toBe(0);

    const refused = await tildelIn(
      dir,
      'clients',
      'add',
      '--name',
      'Ingen',
      '--organisation',
      'Finnes ikke',
      '--role',
      'agency-coordinator',
      '--scope',
      'register:read',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('No organisation Finnes ikke');

    const added = await tildelIn(
      dir,
      'clients',
      'add',
      '--name',
      'Arkivsystemet',
      '--organisation',
      'Havdatadirektoratet',
      '--role',
      'agency-coordinator',
      '--scope',
      'register:read',
      'reports:submit',
      '--client-id',
      'arkiv-2066',
      '--json',
    );
    expect(added.code, added.stderr).toBe(0);
    const { client, secret } = JSON.parse(added.stdout) as {
      client: { clientId: string; scopes: string[]; active: boolean };
      secret: string;
    };
    expect(client).toMatchObject({
      clientId: 'arkiv-2066',
      scopes: ['register:read', 'reports:submit'],
      active: true,
    });
    expect(secret.length).toBeGreaterThan(30);

    const listed = await tildelIn(dir, 'clients', 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/arkiv-2066\tactive\tArkivsystemet/);
    expect(listed.stdout).not.toContain(secret);

    const rotated = await tildelIn(dir, 'clients', 'rotate-secret', 'arkiv-2066');
    expect(rotated.code, rotated.stderr).toBe(0);
    const newSecret = /client_secret: (\S+)/.exec(rotated.stdout)![1]!;
    expect(newSecret).not.toBe(secret);

    let database = await openDatabase({ dataDir: `${dir}/pglite` });
    try {
      const old = await issueToken(database.db, { clientId: 'arkiv-2066', clientSecret: secret });
      expect(old.kind).toBe('invalid_client');
      const fresh = await issueToken(database.db, {
        clientId: 'arkiv-2066',
        clientSecret: newSecret,
      });
      expect(fresh.kind).toBe('issued');
    } finally {
      await database.close();
    }

    const hook = await tildelIn(
      dir,
      'clients',
      'webhook',
      'arkiv-2066',
      '--url',
      'https://arkiv.example/tildel',
      '--event',
      'letter.issued',
    );
    expect(hook.code, hook.stderr).toBe(0);
    const insecure = await tildelIn(
      dir,
      'clients',
      'webhook',
      'arkiv-2066',
      '--url',
      'http://arkiv.example/tildel',
      '--event',
      'letter.issued',
    );
    expect(insecure.code).toBe(1);
    expect(insecure.stderr).toContain('https://');
    const hooks = await tildelIn(dir, 'clients', 'webhooks', 'arkiv-2066');
    expect(hooks.code, hooks.stderr).toBe(0);
    expect(hooks.stdout).toMatch(/\tactive\thttps:\/\/arkiv\.example\/tildel\tletter\.issued\n/);
    expect(hooks.stdout).not.toContain('whsec_');

    const revoked = await tildelIn(dir, 'clients', 'revoke', 'arkiv-2066');
    expect(revoked.code, revoked.stderr).toBe(0);
    const after = await tildelIn(dir, 'clients', 'list');
    expect(after.stdout).toMatch(/arkiv-2066\trevoked/);

    database = await openDatabase({ dataDir: `${dir}/pglite` });
    try {
      const denied = await issueToken(database.db, {
        clientId: 'arkiv-2066',
        clientSecret: newSecret,
      });
      expect(denied.kind).toBe('invalid_client');
    } finally {
      await database.close();
    }
  });
});
