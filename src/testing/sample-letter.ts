/**
 * Letters of the sample ministry to the sample agency as plain text, and importing one through
 * the real server as an officer, for the tests of imports under review and their corrections.
 */
import { expect } from 'vitest';
import type { App } from '../server/app';
import { SAMPLE_AGENCY, SAMPLE_MINISTRY } from '../services/users';
import { multipart, MULTIPART_TYPE } from './multipart';

/** Title, date, legal basis, a one-post appropriation table and the assignments' heading. */
export function sampleLetterOpening(year: number, amount = '12 000'): string[] {
  return [
    `Tildelingsbrev til ${SAMPLE_AGENCY} for ${year}`,
    '',
    `Oslo, 15. desember ${year - 1}`,
    '',
    `${SAMPLE_MINISTRY} viser til Prop. 1 S (${year - 1}–${year}) og gir ${SAMPLE_AGENCY} midler for ${year}.`,
    '',
    `Kap. 1480 ${SAMPLE_AGENCY} (i 1000 kr)`,
    `Post Betegnelse ${year}`,
    `01 Driftsutgifter ${amount}`,
    '',
    'Oppdrag',
    '',
  ];
}

/**
 * Imports `bytes` (a letter, as text unless `file` says otherwise) as the officer whose headers
 * are given, confirming what the import asks to be confirmed; `review` asks for it to be stored
 * for review (absent: the server's default). The first document of the answer.
 */
export async function importSampleLetter(
  app: App,
  headers: Record<string, string>,
  bytes: Uint8Array,
  query: { review?: boolean; file?: { name: string; type: string } } = {},
): Promise<{ id: string; status: string; outcome: string; version: number }> {
  const file = query.file ?? { name: 'brev.txt', type: 'text/plain' };
  const upload = (confirm: string) =>
    app.inject({
      method: 'POST',
      url: `/api/imports?${query.review === undefined ? '' : `review=${query.review}&`}confirm=${confirm}`,
      headers: { ...headers, 'content-type': MULTIPART_TYPE },
      payload: multipart([{ ...file, bytes }]),
    });
  let res = await upload('');
  if (res.statusCode === 409) {
    const tokens = (
      res.json().files[0].documents as { plan: { confirmation: { token: string } | null } }[]
    )
      .map((d) => d.plan.confirmation?.token)
      .filter(Boolean);
    res = await upload(tokens.join(','));
  }
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json().files[0].documents as {
      id: string;
      status: string;
      outcome: string;
      version: number;
    }[]
  )[0]!;
}
