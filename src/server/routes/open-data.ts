/**
 * Open data over HTTP (docs/open-data.md): `/api/open/v1/…`, public and read-only. Every route
 * reads as an anonymous visitor, whoever asks (a signed-in user gets the same bytes, so the
 * answers may be cached publicly); answers carry a strong ETag and Last-Modified and answer
 * conditional requests with 304; CORS lets any web page read them (no credentials); one rate
 * limit per caller for the whole prefix (every route and its HEAD twin spend the same budget),
 * a tighter one of its own for the bulk zip; the licence (NLOD 2.0) in a `Link` header on
 * every answer.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../contract/api';
import { DryRunOutput } from '../../contract/letter';
import {
  OPEN_DATA_LICENCE,
  OPEN_DATA_PREFIX,
  OpenAgency,
  OpenAgencyParam,
  OpenDataIndex,
  OpenLetterParam,
  OpenYear,
  OpenYearParam,
} from '../../contract/open-data';
import {
  etagOf,
  licenceText,
  openAgencyIndex,
  openBulk,
  openIndex,
  openLetter,
  openTable,
  openYearIndex,
  type OpenFile,
} from '../../services/open-data';
import { attachmentDisposition, sendError } from '../reply';
import { namedLimit } from '../auth/plugin';

/** Caches may keep a file five minutes, then ask again with its validators (a 304 is cheap). */
const CACHE_CONTROL = 'public, max-age=300';

const EXPOSED = [
  'ETag',
  'Last-Modified',
  'Link',
  'Content-Disposition',
  'Retry-After',
  'X-RateLimit-Limit',
  'X-RateLimit-Remaining',
  'X-RateLimit-Reset',
].join(', ');

/** Whether the client's copy is current (RFC 9110 13.1: If-None-Match before If-Modified-Since). */
function notModified(request: FastifyRequest, etag: string, lastModified: Date | null): boolean {
  const inm = request.headers['if-none-match'];
  if (typeof inm === 'string') {
    // Weak comparison, as for GET and HEAD: W/"x" matches "x".
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//u, ''))
      .some((t) => t === '*' || t === etag);
  }
  const ims = request.headers['if-modified-since'];
  if (typeof ims === 'string' && lastModified) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && lastModified.getTime() <= since;
  }
  return false;
}

type Static = Omit<OpenFile, 'lastModified'> & { lastModified: Date | null };

function sendOpen(
  request: FastifyRequest,
  reply: FastifyReply,
  file: OpenFile | Static | null,
  opts: { download?: boolean } = {},
) {
  if (!file) return sendError(reply, 404, 'not-found', 'No such open-data file');
  reply.header('etag', file.etag).header('cache-control', CACHE_CONTROL);
  if (file.lastModified) reply.header('last-modified', file.lastModified.toUTCString());
  if (notModified(request, file.etag, file.lastModified)) return reply.code(304).send();
  reply.header('content-type', file.contentType);
  if (opts.download) reply.header('content-disposition', attachmentDisposition(file.fileName));
  const body = typeof file.body === 'string' ? file.body : Buffer.from(file.body);
  return reply.send(body as never); // a string or Buffer body is sent as is
}

const staticFile = (body: string, contentType: string, fileName: string): Static => ({
  body,
  contentType,
  etag: etagOf(body),
  lastModified: null,
  fileName,
});

let letterSchema: Static | undefined;
/** The JSON Schema of a letter's file (what `tildel schema import` prints). */
const letterSchemaFile = () =>
  (letterSchema ??= staticFile(
    `${JSON.stringify(z.toJSONSchema(DryRunOutput, { target: 'draft-2020-12' }), null, 2)}\n`,
    'application/schema+json; charset=utf-8',
    'letter.schema.json',
  ));

const licenceFile = staticFile(licenceText(), 'text/plain; charset=utf-8', 'LISENS.txt');

const Table = z.enum(['appropriations', 'assignments']);

export const openDataRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = { action: 'public' as const };
  const tags = ['open-data'];
  const db = () => app.database.db;

  // One budget per caller (rateLimitKey: an anonymous caller's address) for every route of the
  // prefix, HEAD twins included: one store, not one per route. A CORS preflight is not counted
  // (browsers cache it). The bulk zip spends this budget and one of its own, tighter.
  const limit = app.rateLimit(namedLimit('openData', app.auth.rateLimits.openData));
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'OPTIONS') await limit.call(app, request, reply);
  });
  const bulkLimit = app.createRateLimit(
    namedLimit('openDataBulk', app.auth.rateLimits.openDataBulk),
  );
  const bulkOnRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    const r = await bulkLimit(request);
    if (r.isAllowed || !r.isExceeded) return;
    reply
      .header('retry-after', r.ttlInSeconds)
      .header('x-ratelimit-limit', r.max)
      .header('x-ratelimit-remaining', 0)
      .header('x-ratelimit-reset', r.ttlInSeconds);
    // Answered by the app's error handler, as the plugin's own 429s are.
    throw Object.assign(
      new Error(`Rate limit exceeded for bulk files, retry in ${r.ttlInSeconds} seconds`),
      { statusCode: 429 },
    );
  };

  // On every answer of this scope (304, 404 and 429 too): readable from any origin.
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', EXPOSED);
    reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('link', `<${OPEN_DATA_LICENCE.url}>; rel="license"`);
    return payload;
  });

  // CORS preflight (a page that sends If-None-Match itself): GET and HEAD, those two headers.
  const preflight = (_request: FastifyRequest, reply: FastifyReply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match, If-Modified-Since')
      .header('access-control-max-age', '86400')
      .send();
  for (const url of [OPEN_DATA_PREFIX, `${OPEN_DATA_PREFIX}/*`]) {
    app.options(url, { config: { action: 'public' }, schema: { hide: true } }, preflight);
  }

  app.get(
    OPEN_DATA_PREFIX,
    {
      config,
      schema: {
        tags,
        summary: 'Open data: what there is, its licence (NLOD 2.0), the years with issued letters',
        response: { 200: OpenDataIndex },
      },
    },
    async (request, reply) => sendOpen(request, reply, await openIndex(db())),
  );

  app.get(
    `${OPEN_DATA_PREFIX}/licence`,
    {
      config,
      schema: {
        tags,
        summary: 'The licence statement (NLOD 2.0), as plain text',
        produces: ['text/plain'],
        response: { 200: z.any().meta({ description: 'The licence, as text' }) },
      },
    },
    async (request, reply) => sendOpen(request, reply, licenceFile),
  );

  app.get(
    `${OPEN_DATA_PREFIX}/schema/letter.json`,
    {
      config,
      schema: {
        tags,
        summary:
          "JSON Schema of a letter's file: the output of `tildel import --dry-run --json` (`tildel schema import`)",
        produces: ['application/json'],
        response: { 200: z.any().meta({ description: 'The JSON Schema (draft 2020-12)' }) },
      },
    },
    async (request, reply) => sendOpen(request, reply, letterSchemaFile()),
  );

  app.get(
    `${OPEN_DATA_PREFIX}/years/:year`,
    {
      config,
      schema: {
        tags,
        summary: "A year's agencies and their issued letters, with the year's files",
        params: OpenYearParam,
        response: { 200: OpenYear, 404: ErrorBody },
      },
    },
    async (request, reply) =>
      sendOpen(request, reply, await openYearIndex(db(), request.params.year)),
  );

  app.get(
    `${OPEN_DATA_PREFIX}/years/:year/bulk.zip`,
    {
      config,
      onRequest: bulkOnRequest,
      schema: {
        tags,
        summary:
          "The year in one zip: every letter's JSON, the two tables (CSV), an index, README and licence",
        params: OpenYearParam,
        produces: ['application/zip'],
        response: {
          200: z.any().meta({ description: 'The zip file' }),
          404: ErrorBody,
        },
      },
    },
    async (request, reply) =>
      sendOpen(request, reply, await openBulk(db(), request.params.year, request.log), {
        download: true,
      }),
  );

  app.get(
    `${OPEN_DATA_PREFIX}/years/:year/:table.csv`,
    {
      config,
      schema: {
        tags,
        summary:
          "The year's appropriations or assignments as CSV (UTF-8 with BOM, `;`, CRLF; columns in docs/open-data.md)",
        params: OpenYearParam.extend({ table: Table }),
        produces: ['text/csv'],
        response: {
          200: z.any().meta({ description: 'The table, as CSV' }),
          404: ErrorBody,
        },
      },
    },
    async (request, reply) =>
      sendOpen(request, reply, await openTable(db(), request.params.year, request.params.table), {
        download: true,
      }),
  );

  app.get(
    `${OPEN_DATA_PREFIX}/years/:year/agencies/:agency`,
    {
      config,
      schema: {
        tags,
        summary: "An agency's issued letters of a year, with its files",
        params: OpenAgencyParam,
        response: { 200: OpenAgency, 404: ErrorBody },
      },
    },
    async (request, reply) =>
      sendOpen(
        request,
        reply,
        await openAgencyIndex(db(), request.params.year, request.params.agency),
      ),
  );

  app.get(
    `${OPEN_DATA_PREFIX}/years/:year/agencies/:agency/:table.csv`,
    {
      config,
      schema: {
        tags,
        summary: "An agency's appropriations or assignments of a year as CSV",
        params: OpenAgencyParam.extend({ table: Table }),
        produces: ['text/csv'],
        response: {
          200: z.any().meta({ description: 'The table, as CSV' }),
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { year, agency, table } = request.params;
      return sendOpen(request, reply, await openTable(db(), year, table, agency), {
        download: true,
      });
    },
  );

  app.get(
    `${OPEN_DATA_PREFIX}/years/:year/agencies/:agency/letters/:letter.json`,
    {
      config,
      schema: {
        tags,
        summary:
          "A letter in the import's schema (`tildel schema import`); `tildel import --dry-run` reads it back",
        params: OpenLetterParam,
        response: { 200: DryRunOutput, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const { year, agency, letter } = request.params;
      return sendOpen(request, reply, await openLetter(db(), year, agency, letter, request.log));
    },
  );
};
