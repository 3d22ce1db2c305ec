/**
 * `tildel clients`: API clients of integrating systems (docs/machine-access.md) — register one
 * (its secret printed once), list them, revoke one, give one a new secret, add a webhook. Each
 * change is in the audit trail, as the system (`system:cli`).
 */
import { Option, type Command } from 'commander';
import { API_SCOPES, ROLES, WEBHOOK_EVENTS, type ApiScope, type Role } from '../contract/enums';
import type { Actor } from '../domain/policy';
import { withCliDatabase } from './database';

const cliActor: Actor = { kind: 'system', name: 'cli' };

const fail = (message: string, code = 1) => {
  console.error(message);
  process.exitCode = code;
};

export function registerClientsCommand(program: Command): void {
  const clients = program
    .command('clients')
    .description('API clients of integrating systems (OAuth 2.0 client credentials, webhooks)');

  clients
    .command('add')
    .description('Register a client; its secret is printed once and stored only hashed')
    .requiredOption('--name <name>', 'what the client is (the integrating system)')
    .requiredOption('--organisation <ref>', 'its organisation: id, org.nr or exact name')
    .addOption(
      new Option('--role <roles...>', 'the roles it acts with in its organisation')
        .choices(ROLES.filter((r) => r !== 'administrator'))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--scope <scopes...>', 'what its tokens may be used for')
        .choices([...API_SCOPES])
        .makeOptionMandatory(),
    )
    .option('--client-id <id>', 'the public client id (default: generated)')
    .option('--expires <date>', 'when the client stops working (ISO date or date-time)')
    .option('--external-issuer <url>', 'issuer of external tokens for it (Maskinporten)')
    .option('--external-client-id <id>', 'its client id at the external issuer (`client_id`)')
    .option('--no-secret', 'no secret (a client of the external issuer only)')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        name: string;
        organisation: string;
        role: Role[];
        scope: ApiScope[];
        clientId?: string;
        expires?: string;
        externalIssuer?: string;
        externalClientId?: string;
        secret: boolean;
        json?: boolean;
      }) => {
        const expiresAt = opts.expires ? new Date(opts.expires) : null;
        if (expiresAt && Number.isNaN(expiresAt.getTime())) {
          return fail('--expires must be a date (YYYY-MM-DD) or an ISO date-time', 2);
        }
        const { createClient } = await import('../services/api-clients');
        const { ambiguousOrganisation, resolveOrganisation } =
          await import('../services/organisations');
        const { presentApiClient } = await import('../server/presenters/api-client');
        await withCliDatabase(async (database) => {
          const found = await resolveOrganisation(database.db, opts.organisation);
          if (found.kind === 'none') return fail(`No organisation ${opts.organisation}`);
          if (found.kind === 'ambiguous') {
            return fail(ambiguousOrganisation(opts.organisation, found.candidates));
          }
          const organisationId = found.organisation.id;
          const out = await createClient(database.db, cliActor, {
            name: opts.name,
            organisationId,
            roles: opts.role,
            scopes: opts.scope,
            clientId: opts.clientId,
            expiresAt,
            withSecret: opts.secret,
            externalIssuer: opts.externalIssuer ?? null,
            externalClientId: opts.externalClientId ?? null,
          });
          if (out.kind === 'not-found') return fail(`No organisation ${opts.organisation}`);
          if (out.kind === 'refused') return fail(out.message);
          if (opts.json) {
            const client = presentApiClient(out.client);
            console.log(JSON.stringify({ client, secret: out.secret }, null, 2));
            return;
          }
          console.log(`client_id:     ${out.client.clientId}`);
          if (out.secret) {
            console.log(`client_secret: ${out.secret}`);
            console.log('The secret is shown this once; Tildel keeps only its hash.');
          }
        });
      },
    );

  clients
    .command('list')
    .description('Every registered client (never a secret)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const { listClients } = await import('../services/api-clients');
      const { presentApiClient } = await import('../server/presenters/api-client');
      await withCliDatabase(async (database) => {
        const items = (await listClients(database.db)).map((r) => presentApiClient(r));
        if (opts.json) {
          console.log(JSON.stringify({ items }, null, 2));
          return;
        }
        for (const c of items) {
          const state = c.revokedAt ? 'revoked' : c.active ? 'active' : 'expired';
          console.log(
            `${c.clientId}\t${state}\t${c.name}\t${c.roles.join(',')}\t${c.scopes.join(' ')}`,
          );
        }
      });
    });

  clients
    .command('revoke')
    .description('Revoke a client: its tokens stop working at once')
    .argument('<client>', 'client id (or its row id)')
    .action(async (client: string) => {
      const { revokeClient } = await import('../services/api-clients');
      await withCliDatabase(async (database) => {
        const out = await revokeClient(database.db, cliActor, client);
        if (out.kind !== 'saved') return fail(`No client ${client}`);
        console.log(`${out.client.clientId} revoked`);
      });
    });

  clients
    .command('rotate-secret')
    .description('Give a client a new secret (printed once); the old one stops working')
    .argument('<client>', 'client id (or its row id)')
    .action(async (client: string) => {
      const { rotateSecret } = await import('../services/api-clients');
      await withCliDatabase(async (database) => {
        const out = await rotateSecret(database.db, cliActor, client);
        if (out.kind === 'not-found') return fail(`No client ${client}`);
        if (out.kind === 'refused') return fail(out.message);
        console.log(`client_id:     ${out.client.clientId}`);
        console.log(`client_secret: ${out.secret}`);
        console.log('The secret is shown this once; Tildel keeps only its hash.');
      });
    });

  clients
    .command('webhook')
    .description('Add a webhook to a client; its signing secret is printed once')
    .argument('<client>', 'client id (or its row id)')
    .requiredOption('--url <url>', 'where deliveries are POSTed (https://…)')
    .addOption(
      new Option('--event <events...>', 'the events it receives')
        .choices([...WEBHOOK_EVENTS])
        .makeOptionMandatory(),
    )
    .action(
      async (client: string, opts: { url: string; event: (typeof WEBHOOK_EVENTS)[number][] }) => {
        const { createWebhook } = await import('../services/webhooks');
        const { loadConfig } = await import('../config');
        const allowInsecure = loadConfig().TILDEL_WEBHOOK_ALLOW_INSECURE;
        await withCliDatabase(async (database) => {
          const out = await createWebhook(
            database.db,
            cliActor,
            client,
            { url: opts.url, events: opts.event },
            { allowInsecure },
          );
          if (out.kind === 'not-found') return fail(`No client ${client}`);
          if (out.kind === 'refused') return fail(out.message);
          console.log(`webhook:        ${out.webhook.id}`);
          console.log(`signing secret: ${out.secret}`);
          console.log('The secret is shown this once (Tildel keeps it to sign deliveries).');
        });
      },
    );

  clients
    .command('webhooks')
    .description("A client's webhooks, the stopped ones too (never a secret)")
    .argument('<client>', 'client id (or its row id)')
    .option('--json', 'print JSON')
    .action(async (client: string, opts: { json?: boolean }) => {
      const { listWebhooks } = await import('../services/webhooks');
      const { presentWebhook } = await import('../server/presenters/api-client');
      await withCliDatabase(async (database) => {
        const rows = await listWebhooks(database.db, client);
        if (!rows) return fail(`No client ${client}`);
        const items = rows.map((r) => presentWebhook(r));
        if (opts.json) {
          console.log(JSON.stringify({ items }, null, 2));
          return;
        }
        for (const w of items) {
          const state = w.disabledAt ? 'stopped' : 'active';
          console.log(`${w.id}\t${state}\t${w.url}\t${w.events.join(' ')}`);
        }
      });
    });
}
