/**
 * Goals (`HOVEDMÅL 1:` + title line, `Mål 4: …`) with their evaluation criteria
 * (`Vurderingskriterier:` i., ii., …), steering parameters (`Styringsparametere:`) and key
 * figures (`Nøkkeltall:`). Pure.
 */
import type { Goal, SteeringParameter } from '../../contract/letter';
import { linesToText, startsLower, type Line } from './assign-text';
import { span } from './assign-items';
import type { Region } from './assign-sections';
import { alternation, GOAL_LIST_LABELS } from './vocabulary';

type ListKind = SteeringParameter['kind'];

const label = (words: readonly string[]) => new RegExp(`^(?:${alternation(words)})\\s*:?$`, 'iu');

const LIST_HEADINGS: [RegExp, ListKind][] = [
  [label(GOAL_LIST_LABELS.styringsparameter), 'styringsparameter'],
  [label(GOAL_LIST_LABELS.nøkkeltall), 'nøkkeltall'],
  [/^vurderingskriteri(?:er|um|ene)\s*:?$/i, 'vurderingskriterium'],
];

/** Boilerplate sentences that introduce the lists. */
const INTRO =
  /^(?:vurdering av måloppnåelse|virkemidler og aktiviteter|følgende vurderingskriterier|vurderingskriteriene? under|for rapportering på måloppnåelsen|nøkkeltall som er aktuelle)/i;

function listHeading(line: Line): ListKind | null {
  return LIST_HEADINGS.find(([re]) => re.test(line.text))?.[1] ?? null;
}

/** The goal of a goal region, its lists, and the lines read. */
export function extractGoal(region: Region): {
  goal: Goal;
  parameters: SteeringParameter[];
  used: Line[];
} {
  const code = region.code;
  const parameters: SteeringParameter[] = [];
  const used: Line[] = [...region.headingLines];
  let kind: ListKind | null = null;
  let current: Line[] | null = null;
  const flush = () => {
    if (kind && current && current.length > 0) {
      parameters.push({
        text: linesToText(stripMarker(current)),
        goal: code,
        kind,
        provenance: span(current),
      });
    }
    current = null;
  };
  for (const line of region.lines) {
    const heading = listHeading(line);
    if (heading) {
      flush();
      kind = heading;
      used.push(line);
      continue;
    }
    if (kind && line.marker && line.marker.level === 1) {
      flush();
      current = [line];
    } else if (current && (line.marker || !line.gap || startsLower(line.text))) {
      current.push(line);
    } else if (kind) {
      flush();
      if (!INTRO.test(line.text)) break;
    }
    used.push(line);
  }
  flush();
  const criteria = parameters.filter((p) => p.kind === 'vurderingskriterium').map((p) => p.text);
  const goal: Goal = {
    code,
    title: region.title,
    area: region.area,
    evaluationCriteria: criteria,
    provenance: span(used),
  };
  return { goal, parameters, used };
}

function stripMarker(lines: Line[]): Line[] {
  return [{ ...lines[0]!, marker: null }, ...lines.slice(1)];
}
