import { describe, expect, it } from 'vitest';
import type { Role } from '../contract/enums';
import {
  can,
  importsForAnyMinistry,
  managesFeed,
  mayAttempt,
  seesAllFeeds,
  sideOf,
  subscribesForOthers,
  subscribesToCalendar,
  type Actor,
} from './policy';

const MINISTRY = '00000000-0000-4000-8000-000000000001';
const OTHER_MINISTRY = '00000000-0000-4000-8000-000000000002';
const AGENCY = '00000000-0000-4000-8000-000000000003';

const user = (
  organisationId: string,
  roles: Role[],
  departmentCode: string | null = null,
): Actor => ({
  kind: 'user',
  id: '00000000-0000-4000-8000-0000000000aa',
  name: 'Test',
  organisationId,
  roles,
  departmentCode,
});
const assignment = {
  status: 'published' as const,
  ministryId: MINISTRY,
  agencyId: AGENCY,
  ownerDepartment: 'FHA',
  ownerUserId: null,
};

describe('policy: sides and year-end decisions', () => {
  it("puts the document's ministry on the ministry side, administrators on the system's, others on the agency's", () => {
    expect(sideOf(user(MINISTRY, ['ministry-reader']), assignment)).toBe('ministry');
    expect(sideOf(user(OTHER_MINISTRY, ['ministry-department-officer']), assignment)).toBe(
      'agency',
    );
    expect(sideOf(user(AGENCY, ['agency-coordinator']), assignment)).toBe('agency');
    expect(sideOf(user(AGENCY, ['administrator']), assignment)).toBe('system');
    expect(sideOf({ kind: 'system', name: 'cli' }, assignment)).toBe('system');
    // An agency role held in the ministry's organisation does not make a ministry side.
    expect(sideOf(user(MINISTRY, ['agency-coordinator']), assignment)).toBe('agency');
  });

  it('lets only the owning department officer (and administrators) carry an assignment over', () => {
    expect(
      can(
        user(MINISTRY, ['ministry-department-officer'], 'FHA'),
        'assignments.carry-over',
        assignment,
      ),
    ).toBe(true);
    expect(
      can(
        user(MINISTRY, ['ministry-department-officer'], 'HFA'),
        'assignments.carry-over',
        assignment,
      ),
    ).toBe(false);
    expect(can(user(AGENCY, ['agency-coordinator']), 'assignments.carry-over', assignment)).toBe(
      false,
    );
    expect(can(user(AGENCY, ['agency-coordinator']), 'assignments.update', assignment)).toBe(true);
    expect(can(user(AGENCY, ['administrator']), 'assignments.carry-over', assignment)).toBe(true);
    expect(
      can(user(MINISTRY, ['ministry-department-officer'], 'FHA'), 'assignments.carry-over'),
    ).toBe(false);
    expect(mayAttempt(user(AGENCY, ['agency-coordinator']), 'assignments.carry-over')).toBe(false);
    expect(
      mayAttempt(user(MINISTRY, ['ministry-department-officer']), 'assignments.carry-over'),
    ).toBe(true);
  });

  it('lets administrators and the system import for any ministry, officers only for their own', () => {
    expect(importsForAnyMinistry(user(MINISTRY, ['administrator']))).toBe(true);
    expect(importsForAnyMinistry({ kind: 'system', name: 'cli' })).toBe(true);
    expect(importsForAnyMinistry(user(MINISTRY, ['ministry-department-officer']))).toBe(false);
  });

  it('lets signed-in users with a role, not anonymous visitors, keep calendar subscriptions', () => {
    expect(can({ kind: 'anonymous' }, 'calendar.feeds')).toBe(false);
    expect(can(user(AGENCY, []), 'calendar.feeds')).toBe(false);
    expect(can(user(AGENCY, ['agency-assignment-owner']), 'calendar.feeds')).toBe(true);
  });
});

describe('policy: calendar subscriptions', () => {
  const me = user(AGENCY, ['agency-assignment-owner']);
  it('lets anyone known subscribe, and only ministry staff, coordinators and administrators for others', () => {
    expect(subscribesToCalendar({ kind: 'anonymous' })).toBe(false);
    expect(subscribesToCalendar(me)).toBe(true);
    expect(subscribesForOthers(me)).toBe(false);
    expect(subscribesForOthers(user(AGENCY, ['agency-coordinator']))).toBe(true);
    expect(subscribesForOthers(user(MINISTRY, ['ministry-reader']))).toBe(true);
    expect(subscribesForOthers(user(AGENCY, ['administrator']))).toBe(true);
    expect(subscribesForOthers(user(AGENCY, ['auditor']))).toBe(false);
  });

  it('lets the creator and administrators revoke a subscription, nobody else', () => {
    const mine = { kind: 'user', id: (me as { id: string }).id };
    expect(managesFeed(me, mine)).toBe(true);
    expect(managesFeed(me, { kind: 'user', id: '00000000-0000-4000-8000-0000000000bb' })).toBe(
      false,
    );
    expect(managesFeed(me, { kind: 'system', id: mine.id })).toBe(false);
    expect(managesFeed(user(AGENCY, ['agency-coordinator']), { kind: 'system', id: 'cli' })).toBe(
      false,
    );
    expect(managesFeed(user(AGENCY, ['administrator']), mine)).toBe(true);
    expect(seesAllFeeds(me)).toBe(false);
    expect(seesAllFeeds({ kind: 'system', name: 'cli' })).toBe(true);
  });
});
