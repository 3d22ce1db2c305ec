/**
 * Requirements (fellesføringer and the ministry's own føringer) and mandate appendices. Pure.
 */
import type { CommonRequirement, Mandate } from '../../contract/letter';
import { span } from './assign-items';
import { isShapeHeading, linesToText, type Line } from './assign-text';
import type { Region } from './assign-sections';

/** Words of the government-wide requirements (inclusion, climate, consultants, apprentices …). */
export const COMMON_REQUIREMENT_WORDS =
  /inkludering|funksjonsnedsettelse|klima|energibruk|konsulent|lærling|likestilling|aktivitets- og redegjørelsesplikt|mangfold|språklov|universell utforming/i;

export interface Block {
  heading: Line | null;
  lines: Line[];
}

/** Splits lines at headings recognised by their shape (un-numbered templates). */
export function blocksByShapeHeading(lines: Line[]): Block[] {
  const blocks: Block[] = [{ heading: null, lines: [] }];
  lines.forEach((line, i) => {
    if (isShapeHeading(lines[i - 1], line, lines[i + 1])) blocks.push({ heading: line, lines: [] });
    else blocks[blocks.length - 1]!.lines.push(line);
  });
  return blocks.filter((b) => b.heading || b.lines.length > 0);
}

export function requirementFromBlock(
  block: Block,
  fallbackTitle: string,
): CommonRequirement | null {
  const all = [...(block.heading ? [block.heading] : []), ...block.lines];
  if (all.length === 0 || block.lines.length === 0) return null;
  return {
    title: block.heading?.text ?? fallbackTitle,
    text: linesToText(block.lines),
    provenance: span(all),
  };
}

/**
 * The requirements of a føringer region: a numbered region (`4.1.3 Redusere konsulentbruken`)
 * is one requirement; an un-numbered one is split at its sub-headings.
 */
export function extractRequirements(region: Region): { items: CommonRequirement[]; used: Line[] } {
  const blocks: Block[] = region.code
    ? [{ heading: null, lines: region.lines }]
    : blocksByShapeHeading(region.lines);
  const items = blocks.flatMap((b) => requirementFromBlock(b, region.title) ?? []);
  const used = [...region.headingLines, ...(items.length > 0 ? region.lines : [])];
  return { items, used };
}

export function extractMandate(region: Region): Mandate | null {
  if (region.lines.length === 0) return null;
  return {
    title: region.title,
    text: linesToText(region.lines),
    provenance: span([...region.headingLines, ...region.lines]),
  };
}
