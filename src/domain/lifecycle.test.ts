import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  checkTransition,
  commentRequired,
  isOpen,
  nextStatuses,
} from './lifecycle';
import { ASSIGNMENT_STATUSES, type AssignmentStatus } from '../contract/enums';

const req = (from: AssignmentStatus, to: AssignmentStatus, extra = {}) => ({
  assignmentId: 'a',
  from,
  to,
  side: 'ministry' as const,
  ...extra,
});

describe('assignment lifecycle', () => {
  it('follows planned → in-progress → delivered → accepted', () => {
    expect(checkTransition(req('planned', 'in-progress'))).toEqual({ ok: true });
    expect(checkTransition(req('in-progress', 'delivered', { deliveryRef: 'sak 24/123' }))).toEqual(
      {
        ok: true,
      },
    );
    expect(checkTransition(req('delivered', 'accepted'))).toEqual({ ok: true });
  });

  it('lets only the ministry reopen an accepted delivery, with a reason, and refuses no-op changes', () => {
    expect(nextStatuses('accepted')).toEqual(['in-progress']);
    for (const to of ASSIGNMENT_STATUSES.filter((s) => s !== 'in-progress')) {
      const r = checkTransition(req('accepted', to, { comment: 'x', mergedInto: 'b' }));
      expect(r.ok).toBe(false);
    }
    expect(checkTransition(req('accepted', 'in-progress'))).toMatchObject({
      error: 'comment-required',
    });
    expect(checkTransition(req('accepted', 'in-progress', { comment: 'Mangler vedlegg' })).ok).toBe(
      true,
    );
    expect(
      checkTransition({ ...req('accepted', 'in-progress', { comment: 'x' }), side: 'agency' }),
    ).toMatchObject({ ok: false, error: 'not-permitted' });
    expect(checkTransition(req('planned', 'planned'))).toMatchObject({
      ok: false,
      error: 'invalid-transition',
    });
  });

  it('refuses edges the lifecycle does not have', () => {
    expect(checkTransition(req('planned', 'accepted'))).toMatchObject({
      ok: false,
      error: 'invalid-transition',
    });
    expect(checkTransition(req('cancelled', 'delivered'))).toMatchObject({ ok: false });
  });

  it('lets the agency work the assignment but not decide on it', () => {
    const agency = (from: AssignmentStatus, to: AssignmentStatus) =>
      checkTransition({ ...req(from, to, { comment: 'fordi' }), side: 'agency' });
    expect(agency('planned', 'in-progress').ok).toBe(true);
    expect(agency('in-progress', 'delivered').ok).toBe(true);
    expect(agency('carried-over', 'delivered').ok).toBe(true);
    expect(agency('delivered', 'accepted')).toMatchObject({ ok: false, error: 'not-permitted' });
    // Withdrawing its own delivery before it is accepted: no reason needed.
    expect(checkTransition({ ...req('delivered', 'in-progress'), side: 'agency' })).toEqual({
      ok: true,
    });
    expect(agency('delivered', 'planned')).toMatchObject({ ok: false });
    expect(agency('planned', 'cancelled')).toMatchObject({ ok: false, error: 'not-permitted' });
    expect(agency('planned', 'carried-over')).toMatchObject({ ok: false, error: 'not-permitted' });
    expect(allowedTransitions('planned', 'agency')).toEqual(['in-progress', 'delivered']);
    expect(allowedTransitions('delivered', 'agency')).toEqual(['in-progress']);
    expect(allowedTransitions('accepted', 'agency')).toEqual([]);
    expect(allowedTransitions('delivered', 'ministry')).toEqual(['accepted', 'in-progress']);
  });

  it('needs a comment to cancel, return a delivery or reopen', () => {
    expect(commentRequired('planned', 'cancelled')).toBe(true);
    expect(checkTransition(req('planned', 'cancelled'))).toMatchObject({
      ok: false,
      error: 'comment-required',
    });
    expect(checkTransition(req('planned', 'cancelled', { comment: '   ' }))).toMatchObject({
      error: 'comment-required',
    });
    expect(checkTransition(req('planned', 'cancelled', { comment: 'Utgår' })).ok).toBe(true);
    expect(checkTransition(req('delivered', 'in-progress'))).toMatchObject({
      error: 'comment-required',
    });
    expect(checkTransition(req('cancelled', 'planned', { comment: 'Gjenopptas' })).ok).toBe(true);
    expect(commentRequired('planned', 'in-progress')).toBe(false);
  });

  it('needs a merge target that is not the assignment itself', () => {
    expect(checkTransition(req('planned', 'merged'))).toMatchObject({
      error: 'merged-into-required',
    });
    expect(checkTransition(req('planned', 'merged', { mergedInto: 'a' }))).toMatchObject({
      error: 'merged-into-self',
    });
    expect(checkTransition(req('planned', 'merged', { mergedInto: 'b' })).ok).toBe(true);
    expect(checkTransition(req('planned', 'in-progress', { mergedInto: 'b' }))).toMatchObject({
      error: 'unexpected-field',
    });
    expect(checkTransition(req('planned', 'in-progress', { deliveryRef: 'x' }))).toMatchObject({
      error: 'unexpected-field',
    });
  });

  it('reports the allowed changes with a refusal', () => {
    const r = checkTransition(req('delivered', 'planned'));
    expect(r).toMatchObject({ ok: false, allowed: ['accepted', 'in-progress'] });
  });

  it('knows which statuses are open', () => {
    expect(ASSIGNMENT_STATUSES.filter(isOpen)).toEqual(['planned', 'in-progress', 'carried-over']);
    expect(isOpen('nonsense')).toBe(false);
  });
});
