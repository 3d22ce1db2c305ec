/**
 * An annual report as the API presents it (contract `Report`), built without a database: for
 * the tests of its layout (src/render/annual-report.test.ts). Fictional agency, text written
 * for the tests.
 */
import type { Report } from '../contract/report';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function buildAnnualReport(overrides: Partial<Report> = {}): Report {
  const off = ID(11);
  const done = ID(12);
  const param = ID(21);
  return {
    id: ID(1),
    agencyId: ID(2),
    agencyName: 'Havdatadirektoratet',
    ministryId: ID(3),
    year: 2061,
    kind: 'annual',
    periodYear: 2060,
    title: 'Årsrapport for 2060',
    source: 'calendar',
    calendarItemId: null,
    dueDate: '2061-03-01',
    status: 'submitted',
    version: 5,
    revision: 1,
    late: false,
    submittedAt: '2061-02-20T10:00:00.000Z',
    submittedHash: 'a'.repeat(64),
    reviewComment: null,
    signatures: [
      {
        part: 'leader',
        userId: ID(31),
        name: 'Dag Dybdahl',
        title: 'direktør',
        signedAt: '2061-02-18T09:00:00.000Z',
      },
    ],
    riskTolerance: 9,
    effectiveRiskTolerance: 9,
    published: false,
    publicView: false,
    allowedTransitions: [],
    abilities: { update: false, submit: false, review: false, readVersions: true, sign: false },
    content: {
      assignments: [
        {
          assignmentId: off,
          deviation: 'Portalen kom i november.',
          cause: 'Leverandøren var sen.',
          measures: 'Ny plan.',
        },
      ],
      budget: [],
      risks: [],
      steeringParameters: [],
      annual: {
        leader: 'Et år med ny portal.\n\nVi takker de ansatte.',
        introduction: 'Direktoratet har 140 årsverk.',
        activities: 'Portalen ble levert.',
        governance: '',
        outlook: 'Flere brukere venter.',
        accounts: 'Regnskapet er avlagt.',
      },
    },
    derived: {
      assignments: [
        {
          assignmentId: off,
          registerId: 'TB2060-01',
          title: 'Bygge havdataportalen',
          status: 'delivered',
          progress: 'off-track',
          progressReason: null,
          deviationRequired: true,
          entry: {
            assignmentId: off,
            deviation: 'Portalen kom i november.',
            cause: 'Leverandøren var sen.',
            measures: 'Ny plan.',
          },
        },
        {
          assignmentId: done,
          registerId: 'TB2060-02',
          title: 'Kartlegge tareskog',
          status: 'accepted',
          progress: 'on-track',
          progressReason: null,
          deviationRequired: false,
          entry: null,
        },
      ],
      budget: [],
      risks: [
        {
          goal: 'Mål 1',
          description: 'Kommunene tar ikke katalogen i bruk.',
          likelihood: 4,
          consequence: 4,
          measures: 'Kurs.',
          residualLikelihood: 2,
          residualConsequence: 5,
          score: 16,
          residualScore: 10,
          aboveTolerance: true,
        },
      ],
      steeringParameters: [
        {
          steeringParameterId: param,
          kind: 'nøkkeltall',
          goal: 'Mål 1',
          text: 'Andel åpne datasett',
          value: 78,
          unit: 'prosent',
          comment: 'Opp fra 64.',
          target: null,
          outcome: 'unknown',
          ministryComment: '',
        },
      ],
      problems: [],
      annual: {
        appropriationTotal: 218_200,
        accounts: [
          {
            chapter: 1480,
            post: 1,
            postName: 'Driftsutgifter',
            appropriation: 200_000,
            accounts: 198_650,
            difference: -1_350,
          },
          {
            chapter: 4480,
            post: 2,
            postName: 'Salg av datatjenester',
            appropriation: 18_200,
            accounts: null,
            difference: null,
          },
        ],
        accountsTotal: { appropriation: 218_200, accounts: 198_650, difference: -1_350 },
      },
    },
    ...overrides,
  };
}
