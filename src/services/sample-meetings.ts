/**
 * The sample's governance meetings (sample-data/meetings.json, written for this project): the
 * first meeting of the sample agency's year is held by the ministry's department officer, with
 * points of the ministry's own, minutes and decisions, one of which becomes an assignment of a
 * supplement being written. Done as the sample user through the meetings service, so every
 * step is audited and the agenda is what the record gives.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DecisionResponsible } from '../contract/meeting';
import type { Db } from '../db/client';
import { osloToday } from './calendar';
import {
  addDecision,
  decisionToDraft,
  holdMeeting,
  listMeetings,
  updateMeeting,
  type DecisionDraftOutcome,
  type MeetingOutcome,
} from './meetings';
import { findOrganisation } from './organisations';
import { SAMPLE_DIR } from './sample-data';
import { actorFromUser, findLocalUser } from './users';

const MeetingsSample = z.object({
  about: z.string(),
  agency: z.string(),
  year: z.int(),
  /** The start of the date of the meeting that is held (`2026-05`). */
  meeting: z.string(),
  /** The sample user who holds it (`local:{officer}`). */
  officer: z.string(),
  points: z.array(z.string()),
  minutes: z.string(),
  decisions: z.array(
    z.object({
      text: z.string(),
      responsible: DecisionResponsible,
      deadline: z.string(),
      /** Made an assignment of the supplement being written. */
      draft: z.boolean(),
    }),
  ),
});

/**
 * Holds the sample agency's first meeting of the year as the sample officer. Needs the sample
 * letters, users and reports: call once, after loadSampleReports (and the sample tolerance).
 * Returns the number of decisions written.
 */
export async function loadSampleMeetings(db: Db, dir = SAMPLE_DIR): Promise<number> {
  const path = resolve(dir, 'meetings.json');
  if (!existsSync(path)) return 0;
  const sample = MeetingsSample.parse(JSON.parse(readFileSync(path, 'utf8')));
  const agency = await findOrganisation(db, 'agency', sample.agency);
  if (!agency.id) throw new Error(`${path}: no agency ${sample.agency} in the sample data`);
  const user = await findLocalUser(db, sample.officer);
  if (!user) throw new Error(`${path}: no sample user ${sample.officer}`);
  const officer = actorFromUser(user);
  const today = osloToday();
  const { rows } = await listMeetings(db, officer, { agency: agency.id, year: sample.year });
  const chosen = rows.find((r) => r.row.date?.startsWith(sample.meeting));
  if (!chosen) throw new Error(`${path}: no meeting in ${sample.meeting} in the calendar`);
  const step = (what: string, out: MeetingOutcome) => {
    if (out.kind !== 'saved') {
      throw new Error(`${path}: ${what} failed: ${'message' in out ? out.message : out.kind}`);
    }
    return out.meeting;
  };
  const id = chosen.row.id;
  let meeting = step(
    'adding the ministry’s points',
    await updateMeeting(
      db,
      officer,
      id,
      {
        expectedVersion: chosen.row.version,
        ministryPoints: sample.points.map((text) => ({ text })),
      },
      today,
    ),
  );
  meeting = step('holding it', await holdMeeting(db, officer, id, meeting.row.version, today));
  meeting = step(
    'writing the minutes',
    await updateMeeting(
      db,
      officer,
      id,
      { expectedVersion: meeting.row.version, minutes: sample.minutes },
      today,
    ),
  );
  for (const d of sample.decisions) {
    meeting = step(
      'writing a decision',
      await addDecision(
        db,
        officer,
        id,
        {
          expectedVersion: meeting.row.version,
          text: d.text,
          responsible: d.responsible,
          deadline: d.deadline,
        },
        today,
      ),
    );
    if (!d.draft) continue;
    const decision = meeting.decisions.at(-1)!.row;
    const out: DecisionDraftOutcome = await decisionToDraft(
      db,
      officer,
      id,
      decision.id,
      { expectedVersion: meeting.row.version },
      today,
    );
    if (out.kind !== 'linked') {
      throw new Error(
        `${path}: making a decision a draft assignment failed: ${'message' in out ? out.message : out.kind}`,
      );
    }
    meeting = out.meeting;
  }
  return sample.decisions.length;
}
