/**
 * Signing in from tests through the real local sign-in flow: GET /logg-inn (form token and its
 * cookie) → POST /logg-inn (session cookie) → GET /api/me (CSRF token).
 */
import { eq } from 'drizzle-orm';
import { assignments, documents } from '../db/schema';
import type { App } from '../server/app';
import type { Role } from '../contract/enums';
import { ensureLocalUsers, LOCAL_USERS, SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../services/users';
import { buildAssignment, buildDocument, storeDocuments } from './factories';

export interface SignedIn {
  /** `tildel_session=…`, for the `cookie` header. */
  cookie: string;
  csrf: string;
  /** Headers for a write: cookie and x-csrf-token. */
  headers: { cookie: string; 'x-csrf-token': string };
  user: {
    id: string;
    name: string;
    roles: string[];
    organisation: { id: string; name: string } | null;
  };
}

/** Who to sign in as: a role (its first sample user) or a sample user's key. */
export type Who = Role | `user:${string}`;

const prepared = new WeakSet<App>();
const cached = new WeakMap<App, Map<string, SignedIn>>();

function setCookie(header: string | string[] | undefined, name: string): string | null {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  for (const c of all) {
    const [pair] = c.split(';');
    if (pair?.startsWith(`${name}=`) && pair.length > name.length + 1) return pair;
  }
  return null;
}

export function sampleUserKey(who: Who): string {
  if (who.startsWith('user:')) return who.slice(5);
  const spec = LOCAL_USERS.find((u) => u.roles.includes(who as Role));
  if (!spec) throw new Error(`No sample user has the role ${who}`);
  return spec.key;
}

/**
 * Signs in as `who`. Sessions are reused per app unless `fresh` (tests that sign out or
 * change a session should ask for a fresh one, which is not reused).
 */
export async function signIn(
  app: App,
  who: Who,
  opts: { fresh?: boolean } = {},
): Promise<SignedIn> {
  const key = sampleUserKey(who);
  const byKey = cached.get(app) ?? new Map<string, SignedIn>();
  cached.set(app, byKey);
  if (!opts.fresh) {
    const hit = byKey.get(key);
    if (hit) return hit;
  }
  if (!prepared.has(app)) {
    await ensureLocalUsers(app.database.db);
    prepared.add(app);
  }
  const page = await app.inject({ method: 'GET', url: '/logg-inn' });
  if (page.statusCode !== 200) throw new Error(`GET /logg-inn answered ${page.statusCode}`);
  const loginCookie = setCookie(page.headers['set-cookie'], 'tildel_login');
  const formToken = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!loginCookie || !formToken) throw new Error('The sign-in page has no form token');
  const post = await app.inject({
    method: 'POST',
    url: '/logg-inn',
    headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ user: key, csrf: formToken, returnTo: '/' }).toString(),
  });
  const cookie = setCookie(post.headers['set-cookie'], 'tildel_session');
  if (post.statusCode !== 303 || !cookie) {
    throw new Error(`Sign-in as ${key} failed: ${post.statusCode} ${post.body.slice(0, 200)}`);
  }
  const me = await app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
  const body = me.json() as { user: SignedIn['user'] | null; csrfToken: string | null };
  if (!body.user || !body.csrfToken) throw new Error('GET /api/me does not know the new session');
  const signedIn: SignedIn = {
    cookie,
    csrf: body.csrfToken,
    headers: { cookie, 'x-csrf-token': body.csrfToken },
    user: body.user,
  };
  if (!opts.fresh) byKey.set(key, signedIn);
  return signedIn;
}

let serial = 0;

/**
 * Stores a document of the sample ministry to `agency` with the given status and one
 * assignment (owner department HFA); returns their ids. Unique series per call.
 */
export async function storeScopedDocument(
  app: App,
  status: 'draft' | 'shared' | 'published',
  agency: string = SAMPLE_AGENCY,
  opts: { assignmentOwnerUserId?: string; year?: number } = {},
): Promise<{ documentId: string; assignmentId: string; agencyId: string; year: number }> {
  const db = app.database.db;
  const number = 500_000 + Math.floor(Math.random() * 400_000) + ++serial;
  const stored = await storeDocuments(db, [
    buildDocument({
      kind: 'supplement',
      number,
      year: opts.year ?? 2031,
      ministry: SAMPLE_MINISTRY,
      agency,
      title: `Tillegg nr. ${number} til tildelingsbrev for ${agency} (${status})`,
      assignments: [buildAssignment({ ownerDepartment: 'HFA', title: `Oppdrag ${number}` })],
    }),
  ]);
  const documentId = stored.documents[0]!.id;
  const [doc] = await db
    .update(documents)
    .set({ status })
    .where(eq(documents.id, documentId))
    .returning({ agencyId: documents.agencyId, year: documents.year });
  const [assignment] = await db
    .select({ id: assignments.id })
    .from(assignments)
    .where(eq(assignments.documentId, documentId));
  if (opts.assignmentOwnerUserId) {
    await db
      .update(assignments)
      .set({ ownerUserId: opts.assignmentOwnerUserId })
      .where(eq(assignments.id, assignment!.id));
  }
  return { documentId, assignmentId: assignment!.id, agencyId: doc!.agencyId!, year: doc!.year };
}
