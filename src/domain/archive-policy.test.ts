/** Who may export an agency-year's archive extract (policy `archive.export`). */
import { describe, expect, it } from 'vitest';
import type { Role } from '../contract/enums';
import { can, homeView, mayAttempt, type Actor } from './policy';

const MINISTRY = '00000000-0000-4000-8000-00000000a001';
const OTHER_MINISTRY = '00000000-0000-4000-8000-00000000a002';
const AGENCY = '00000000-0000-4000-8000-00000000a003';
const archive = { kind: 'archive', agencyId: AGENCY, ministryId: MINISTRY } as const;
const user = (organisationId: string, roles: Role[]): Actor => ({
  kind: 'user',
  id: '00000000-0000-4000-8000-00000000b001',
  name: 'Test',
  organisationId,
  roles,
});

describe('archive.export', () => {
  it("lets the agency's ministry's archivists, auditors and administrators export", () => {
    expect(can(user(MINISTRY, ['archivist']), 'archive.export', archive)).toBe(true);
    expect(can(user(OTHER_MINISTRY, ['auditor']), 'archive.export', archive)).toBe(true);
    expect(can(user(OTHER_MINISTRY, ['administrator']), 'archive.export', archive)).toBe(true);
    expect(can({ kind: 'system', name: 'cli' }, 'archive.export', archive)).toBe(true);
  });

  it("refuses another ministry's archivist, the agency's users and the ministry's other roles", () => {
    expect(can(user(OTHER_MINISTRY, ['archivist']), 'archive.export', archive)).toBe(false);
    expect(can(user(AGENCY, ['archivist']), 'archive.export', archive)).toBe(false);
    for (const role of ['agency-coordinator', 'agency-head', 'ministry-reader'] as const) {
      expect(can(user(AGENCY, [role]), 'archive.export', archive), role).toBe(false);
      expect(can(user(MINISTRY, [role]), 'archive.export', archive), role).toBe(false);
    }
    expect(can({ kind: 'anonymous' }, 'archive.export', archive)).toBe(false);
    expect(can(user(MINISTRY, ['archivist']), 'archive.export')).toBe(false);
    // No other rule reads an archive extract as a document.
    expect(can(user(MINISTRY, ['archivist']), 'documents.read', archive as never)).toBe(false);
  });

  it('lets archivists and auditors attempt it, and gives archivists the reader start page', () => {
    expect(mayAttempt(user(MINISTRY, ['archivist']), 'archive.export')).toBe(true);
    expect(mayAttempt(user(MINISTRY, ['auditor']), 'archive.export')).toBe(true);
    expect(mayAttempt(user(AGENCY, ['agency-coordinator']), 'archive.export')).toBe(false);
    expect(mayAttempt({ kind: 'anonymous' }, 'archive.export')).toBe(false);
    expect(homeView(user(MINISTRY, ['archivist']))).toBe('ministry-reader');
  });
});
