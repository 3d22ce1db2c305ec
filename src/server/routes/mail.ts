/**
 * E-mail seen from the web: the unsubscribe link every mail carries (no sign-in; its token is
 * the authorization) and a person's own settings of what Tildel sends them.
 *
 * GET of the link shows a page with a button and changes nothing (mail scanners open links);
 * POST turns e-mail off: from that page's form, or as a mail client's one-click unsubscribe
 * (RFC 8058: `List-Unsubscribe=One-Click` posted to the link, urlencoded or multipart).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contract/api';
import type { Language } from '../../contract/enums';
import {
  UnsubscribePost,
  UnsubscribeQuery,
  UserSettings,
  UserSettingsUpdate,
} from '../../contract/settings';
import { renderUnsubscribePage } from '../../locales/mail';
import { validUnsubscribeToken } from '../../services/mail';
import {
  languageOf,
  readSettings,
  unsubscribe,
  updateSettings,
} from '../../services/user-settings';
import { sendError } from '../reply';

const UNSUBSCRIBE = '/api/mail/unsubscribe';

function page(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

/**
 * The unsubscribe routes answer with an HTML page (sent as text/html, so never serialized by
 * this schema). Not for 400: an invalid link's page is HTML too, but a request the server
 * refuses before the handler (NUL in the query) is the JSON error body, which a string schema
 * would turn into a 500.
 */
const pages = {
  200: z.string().meta({
    description:
      'The page: a button to confirm, or that it is done (an invalid or expired link answers 400 with a page saying so)',
  }),
};

/**
 * Settings are a signed-in person's own: anyone may attempt `me.read`, so a visitor is refused
 * here, before the body is parsed or validated (as the policy refuses elsewhere).
 */
async function signedInOnly(request: FastifyRequest, reply: FastifyReply) {
  if (request.actor.kind !== 'user') {
    return sendError(reply, 403, 'forbidden', 'Sign in to see or change your settings');
  }
}

export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  /** The secret of unsubscribe links; without mail settings no link is valid. */
  const secret = () => app.appOptions.mail?.secret ?? null;

  // One-click unsubscribes may come as multipart/form-data: the person and token are in the
  // link's query, so the body is read and dropped (only on these routes).
  app.addContentTypeParser('multipart/form-data', (_request, payload, done) => {
    payload.on('data', () => undefined);
    payload.on('end', () => done(null, {}));
    payload.on('error', (err) => done(err, undefined));
  });

  app.get(
    UNSUBSCRIBE,
    {
      // The signed token in the link is the authorization.
      config: { action: 'public' },
      schema: {
        summary: 'The page of an e-mail’s unsubscribe link (text/html, with a button)',
        querystring: UnsubscribeQuery,
        produces: ['text/html'],
        response: pages,
      },
    },
    async (request, reply) => {
      const { u, t } = request.query;
      const key = secret();
      if (!key || !validUnsubscribeToken(key, u, t)) {
        return page(reply, 400, renderUnsubscribePage('nb', 'invalid'));
      }
      const lang: Language = await languageOf(db, u);
      return page(
        reply,
        200,
        renderUnsubscribePage(lang, 'confirm', { action: UNSUBSCRIBE, u, t }),
      );
    },
  );

  app.post(
    UNSUBSCRIBE,
    {
      // The token is the proof, not a session: no CSRF header is asked for ('form').
      config: { action: 'public', csrf: 'form' },
      schema: {
        summary: 'Turns the person’s e-mail off (the page’s form, or one-click, RFC 8058)',
        consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
        querystring: UnsubscribeQuery.partial(),
        body: UnsubscribePost.optional(),
        produces: ['text/html'],
        response: pages,
      },
    },
    async (request, reply) => {
      const u = request.body?.u ?? request.query.u;
      const t = request.body?.t ?? request.query.t;
      const key = secret();
      const outcome = key && u && t ? await unsubscribe(db, key, u, t) : 'invalid';
      if (outcome === 'invalid') return page(reply, 400, renderUnsubscribePage('nb', 'invalid'));
      return page(reply, 200, renderUnsubscribePage(await languageOf(db, u!), 'done'));
    },
  );

  app.get(
    '/api/me/settings',
    {
      config: { action: 'me.read' },
      preParsing: signedInOnly,
      schema: {
        summary: 'The signed-in person’s settings: language, reminder days, digest, e-mail',
        signedInOnly: true,
        response: { 200: UserSettings, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const found = actor.kind === 'user' ? await readSettings(db, actor.id) : null;
      if (!found) return sendError(reply, 403, 'forbidden', 'Sign in to see your settings');
      reply.header('cache-control', 'no-store');
      return found;
    },
  );

  app.put(
    '/api/me/settings',
    {
      config: { action: 'me.read' },
      preParsing: signedInOnly,
      schema: {
        summary: 'Changes the signed-in person’s own settings',
        signedInOnly: true,
        body: UserSettingsUpdate,
        response: { 200: UserSettings, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const saved = actor.kind === 'user' ? await updateSettings(db, actor, request.body) : null;
      if (!saved) return sendError(reply, 403, 'forbidden', 'Sign in to change your settings');
      return saved;
    },
  );
};
