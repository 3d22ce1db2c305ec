/**
 * The governance calendar over HTTP: the calendar view, the deadline views and iCalendar
 * subscriptions (the feed itself is authorized by its secret token).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody, IdParam } from '../../contract/api';
import {
  CalendarQuery,
  Calendar,
  CreateFeedBody,
  CreatedFeed,
  DeadlinesQuery,
  DeadlinesView,
  FeedList,
  FeedTokenParam,
} from '../../contract/calendar';
import { calendarView, deadlinesView, osloToday } from '../../services/calendar';
import { presentEntry } from '../presenters/calendar';
import { createFeed, listFeeds, renderFeed, revokeFeed } from '../../services/ical';
import { sendError } from '../reply';

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/calendar',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary:
          "Governance calendar: the letters' calendar items and assignment deadlines in a period (at most a year, at most `limit` entries)",
        querystring: CalendarQuery,
        response: { 200: Calendar },
      },
    },
    async (request) => {
      const q = request.query;
      const entries = await calendarView(app.database.db, request.actor, q);
      const today = osloToday();
      return {
        from: q.from,
        to: q.to,
        items: entries.slice(0, q.limit).map((e) => presentEntry(e, today)),
        truncated: entries.length > q.limit,
      };
    },
  );

  app.get(
    '/api/deadlines',
    {
      config: { action: 'assignments.list' },
      schema: {
        summary: 'Deadlines: due in a period, overdue (relative to today, Europe/Oslo), or undated',
        querystring: DeadlinesQuery,
        response: { 200: DeadlinesView },
      },
    },
    async (request) => {
      const today = request.query.today ?? osloToday();
      const out = await deadlinesView(app.database.db, request.actor, {
        ...request.query,
        today,
      });
      const daysOverdue = request.query.view === 'overdue';
      return {
        view: request.query.view,
        today,
        ...out,
        items: out.items
          .slice(0, request.query.limit)
          .map((e) => presentEntry(e, today, { daysOverdue })),
        truncated: out.items.length > request.query.limit,
      };
    },
  );

  app.get(
    '/api/calendar/feeds',
    {
      config: { action: 'calendar.feeds' },
      schema: {
        summary: "The caller's iCalendar subscriptions (without their secrets)",
        response: { 200: FeedList },
      },
    },
    async (request) => ({ items: await listFeeds(app.database.db, request.actor) }),
  );

  app.post(
    '/api/calendar/feeds',
    {
      config: { action: 'calendar.feeds' },
      schema: {
        summary: 'Create an iCalendar subscription; the secret token is returned once',
        body: CreateFeedBody,
        response: { 201: CreatedFeed, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (request, reply) => {
      const out = await createFeed(app.database.db, request.actor, request.body);
      if (out.kind === 'forbidden') return sendError(reply, 403, 'forbidden', 'Not allowed');
      if (out.kind === 'invalid') {
        return sendError(reply, 400, 'validation', out.message);
      }
      return reply.code(201).header('cache-control', 'no-store').send(out.feed);
    },
  );

  app.delete(
    '/api/calendar/feeds/:id',
    {
      config: { action: 'calendar.feeds' },
      schema: {
        summary: 'Revoke an iCalendar subscription',
        params: IdParam,
        response: { 204: z.null(), 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const out = await revokeFeed(app.database.db, request.actor, request.params.id);
      if (out === 'forbidden') return sendError(reply, 403, 'forbidden', 'Not allowed');
      if (out === 'not-found') {
        return sendError(reply, 404, 'not-found', 'No such subscription');
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/calendar/feeds/:token.ics',
    {
      // The secret token in the path is the authorization.
      config: { action: 'public' },
      schema: {
        summary: 'The iCalendar feed of a subscription (text/calendar)',
        params: FeedTokenParam,
        produces: ['text/calendar'],
        // Sent as text/calendar, so never serialized by this schema (documentation).
        response: { 200: z.string().meta({ description: 'The feed (iCalendar, RFC 5545)' }) },
      },
    },
    async (request, reply) => {
      const body = await renderFeed(app.database.db, request.params.token);
      if (body === null) {
        return sendError(reply, 404, 'not-found', 'No such calendar');
      }
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .header('content-disposition', 'inline; filename="tildel.ics"')
        .send(body);
    },
  );
};
