/**
 * Word (.docx) text extraction, from the document's own XML: `word/document.xml` for the text,
 * `word/numbering.xml` and `word/styles.xml` for the numbers Word prints in front of numbered
 * headings and list items (`3.2`, `1.`, `a)`, `(i)`), which are not in the text. The result is
 * one line per paragraph and one line per table row (cells joined by CELL_SEPARATOR), bullet
 * items start with `• `, numbered paragraphs with their number and a space, blank paragraphs
 * are kept as ''. Headers, footers, footnotes and comments are not read.
 */
import { Parser } from 'htmlparser2';
import { romanNumeral } from '../../domain/numerals';
import type { ReadLimits } from './limits';
import { ImportRefusal, formatCount, formatMb, tooComplex } from './refusal';
import { readZipDirectory, unzipEntry } from './zip';

/** Separates table cells (and tab stops) in a line: the same convention as PDF columns. */
export const CELL_SEPARATOR = '  ';

type DocxLimits = Pick<
  ReadLimits,
  'maxUnpackedBytes' | 'maxZipEntries' | 'maxXmlElements' | 'maxChars'
>;

/** The unpacked XML parts (`.xml`, `.rels`) of an archive, by lower-case name (OPC names ignore case). */
type Parts = Map<string, Buffer>;

/**
 * Unpacks the archive within the limits before any XML is parsed, and counts its XML elements
 * and text: the bounds hold whatever the file claims. Returns the XML parts it unpacked.
 */
function checkArchive(file: string, bytes: Uint8Array, limits: DocxLimits): Parts {
  const entries = readZipDirectory(bytes, limits.maxZipEntries);
  if (!entries) {
    throw new ImportRefusal(
      file,
      'corrupt',
      'the Word file is damaged: its table of contents (the ZIP directory) cannot be read',
    );
  }
  if (entries.length > limits.maxZipEntries) {
    throw tooComplex(
      file,
      'zip-entries',
      null,
      limits.maxZipEntries,
      `the Word file has more than ${formatCount(limits.maxZipEntries)} parts`,
    );
  }
  const limitBytes = limits.maxUnpackedBytes;
  const claimed = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  const tooLarge = (sizeBytes?: number) =>
    new ImportRefusal(
      file,
      'too-large',
      sizeBytes === undefined
        ? `the Word file unpacks to more than the limit of ${formatMb(limitBytes)}`
        : `the Word file unpacks to ${formatMb(sizeBytes)}, more than the limit of ${formatMb(limitBytes)}`,
      sizeBytes === undefined ? { limitBytes } : { limitBytes, sizeBytes },
    );
  if (claimed > limitBytes) throw tooLarge(Number.isFinite(claimed) ? claimed : undefined);
  let unpacked = 0;
  let elements = 0;
  let textBytes = 0;
  const parts: Parts = new Map();
  for (const entry of entries) {
    if (entry.name.endsWith('/') && entry.uncompressedSize === 0) continue;
    const res = unzipEntry(bytes, entry, limitBytes - unpacked);
    if ('kind' in res) {
      if (res.kind === 'too-large') throw tooLarge();
      throw new ImportRefusal(
        file,
        'corrupt',
        res.kind === 'mismatch'
          ? `the Word file is damaged: ${res.entry} is not the size its header says`
          : `the Word file is damaged and cannot be read: ${res.detail}`,
      );
    }
    unpacked += res.data.length;
    if (/\.(xml|rels)$/i.test(entry.name)) {
      const counts = countXml(res.data);
      elements += counts.elements;
      textBytes += counts.textBytes;
      parts.set(entry.name.toLowerCase(), res.data);
    }
  }
  if (elements > limits.maxXmlElements) {
    throw tooComplex(
      file,
      'xml-elements',
      elements,
      limits.maxXmlElements,
      `the Word file has ${formatCount(elements)} XML elements (runs, paragraphs, …), more than the limit of ${formatCount(limits.maxXmlElements)}`,
    );
  }
  if (textBytes > limits.maxChars) {
    throw tooComplex(
      file,
      'characters',
      null,
      limits.maxChars,
      `the Word file has more than ${formatCount(limits.maxChars)} characters of text`,
    );
  }
  return parts;
}

/** Elements (start tags) and bytes outside tags in an XML part; linear, prefix-agnostic. */
function countXml(xml: Buffer): { elements: number; textBytes: number } {
  let elements = 0;
  let textBytes = 0;
  let pos = 0;
  for (;;) {
    const lt = xml.indexOf(0x3c, pos); // <
    if (lt < 0) {
      textBytes += xml.length - pos;
      break;
    }
    textBytes += lt - pos;
    const next = xml[lt + 1];
    if (next !== 0x2f && next !== 0x3f && next !== 0x21) elements++; // not </, <?, <!
    const gt = xml.indexOf(0x3e, lt + 1); // >
    if (gt < 0) break;
    pos = gt + 1;
  }
  return { elements, textBytes };
}

export async function extractDocx(
  file: string,
  bytes: Uint8Array,
  limits: DocxLimits,
): Promise<string[]> {
  const parts = checkArchive(file, bytes, limits);
  const pkg = locateParts(file, parts);
  const styles = pkg.styles ? readStyles(file, pkg.styles) : emptyStyles();
  const numbering = pkg.numbering ? readNumbering(file, pkg.numbering) : emptyNumbering();
  const blocks = readBody(file, pkg.document);
  return new LineWriter(new Counter(numbering, styles)).write(blocks);
}

/* ------------------------------------------------------------------------------------------ */
/* The package: which parts hold the document, its numbering and its styles                    */

interface Part {
  name: string;
  xml: string;
}

/**
 * The main document part, as `_rels/.rels` names it (`word/document.xml` when it names none),
 * and the numbering and styles parts its own relationships name (else beside it, by their usual
 * names). Only the document part must exist.
 */
function locateParts(
  file: string,
  parts: Parts,
): { document: Part; numbering: Part | null; styles: Part | null } {
  const get = (name: string | null): Part | null => {
    const data = name === null ? undefined : parts.get(name.toLowerCase());
    return name === null || data === undefined ? null : { name, xml: decodeXml(data) };
  };
  const mainName =
    relationship(file, get('_rels/.rels'), '', 'officeDocument') ?? 'word/document.xml';
  const document = get(mainName);
  if (!document) {
    throw new ImportRefusal(
      file,
      'corrupt',
      `the Word file is damaged or not a Word document: it has no document part (${mainName})`,
    );
  }
  const slash = mainName.lastIndexOf('/');
  const dir = mainName.slice(0, slash + 1);
  const rels = get(`${dir}_rels/${mainName.slice(slash + 1)}.rels`);
  return {
    document,
    numbering: get(relationship(file, rels, dir, 'numbering') ?? `${dir}numbering.xml`),
    styles: get(relationship(file, rels, dir, 'styles') ?? `${dir}styles.xml`),
  };
}

/** The part a relationship of the given type points to, as a name in the archive. */
function relationship(file: string, rels: Part | null, dir: string, type: string): string | null {
  if (!rels) return null;
  let found: string | null = null;
  walkXml(file, rels, 'rel:Relationships', {
    open(name, attr) {
      if (found !== null || name !== 'rel:Relationship') return;
      if (attr.TargetMode === 'External') return;
      // Transitional and Strict relationship types differ but end alike (`…/officeDocument`).
      if (!attr.Type?.endsWith(`/${type}`) || attr.Target === undefined) return;
      found = resolvePartName(dir, attr.Target);
    },
  });
  return found;
}

/** A relationship's target, relative to the source part's folder, as a name in the archive. */
function resolvePartName(dir: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    // Not percent-encoded after all: use it as it is.
  }
  const segments = t.startsWith('/') ? [] : dir.split('/').filter((s) => s !== '');
  for (const s of t.split('/')) {
    if (s === '..') segments.pop();
    else if (s !== '.' && s !== '') segments.push(s);
  }
  return segments.join('/');
}

/** An XML part as text: UTF-8, or UTF-16 when it starts with that byte order mark. */
function decodeXml(data: Buffer): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  return new TextDecoder('utf-8').decode(data);
}

/* ------------------------------------------------------------------------------------------ */
/* XML with namespaces: element and attribute names as `w:p`, `mc:Choice`, whatever prefix    */
/* the file binds to those namespaces                                                          */

const NAMESPACES: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'rel',
};

interface XmlHandler {
  /** `attr` has the attributes by qualified name (`w:val`); unprefixed ones as they are. */
  open(name: string, attr: Record<string, string | undefined>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/**
 * Parses a part with htmlparser2's XML tokenizer and reports elements by qualified names.
 * Refuses the file when the part is not well-formed (an element with content left open or
 * closed out of order) or when its root is not `root`.
 */
function walkXml(file: string, part: Part, root: string, handler: XmlHandler): void {
  type Scope = Map<string, string>;
  const scopes: Scope[] = [new Map([['xml', 'xml']])];
  const names: string[] = [];
  const hasContent: boolean[] = [];
  let rootName: string | null = null;
  let malformed = false;
  const qualify = (raw: string, scope: Scope, element: boolean): string => {
    const colon = raw.indexOf(':');
    if (colon < 0) {
      const ns = element ? scope.get('') : undefined;
      return ns === undefined ? raw : `${ns}:${raw}`;
    }
    const prefix = raw.slice(0, colon);
    return `${scope.get(prefix) ?? prefix}:${raw.slice(colon + 1)}`;
  };
  const parser = new Parser(
    {
      onopentag(raw, attribs) {
        let scope = scopes[scopes.length - 1]!;
        for (const [k, v] of Object.entries(attribs)) {
          if (k !== 'xmlns' && !k.startsWith('xmlns:')) continue;
          if (scope === scopes[scopes.length - 1]) scope = new Map(scope);
          scope.set(k === 'xmlns' ? '' : k.slice(6), NAMESPACES[v] ?? `{${v}}`);
        }
        const name = qualify(raw, scope, true);
        const attr: Record<string, string> = {};
        for (const [k, v] of Object.entries(attribs)) {
          if (k !== 'xmlns' && !k.startsWith('xmlns:')) attr[qualify(k, scope, false)] = v;
        }
        if (hasContent.length > 0) hasContent[hasContent.length - 1] = true;
        if (names.length === 0) rootName ??= name;
        scopes.push(scope);
        names.push(name);
        hasContent.push(false);
        handler.open(name, attr);
      },
      onclosetag(_raw, isImplied) {
        // A self-closed element is also reported as implied; one with content is not.
        if (isImplied && hasContent[hasContent.length - 1]) malformed = true;
        scopes.pop();
        hasContent.pop();
        const name = names.pop();
        if (name !== undefined) handler.close?.(name);
      },
      ontext(text) {
        if (hasContent.length > 0) hasContent[hasContent.length - 1] = true;
        handler.text?.(text);
      },
    },
    { xmlMode: true },
  );
  parser.end(part.xml);
  if (malformed || rootName !== root) {
    throw new ImportRefusal(
      file,
      'corrupt',
      malformed
        ? `the Word file is damaged: ${part.name} is not well-formed XML`
        : `the Word file is damaged or not a Word document: ${part.name} is not a ${root} part`,
    );
  }
}

/** An on/off value (`<w:vanish/>` is on, `<w:vanish w:val="false"/>` off); absent is `absent`. */
const isOn = (value: string | undefined, absent = true): boolean =>
  value === undefined ? absent : !['0', 'false', 'off'].includes(value);

/** A whole number attribute, or undefined. */
function intAttr(v: string | undefined): number | undefined {
  if (v === undefined || !/^\s*[-+]?\d+\s*$/.test(v)) return undefined;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

/* ------------------------------------------------------------------------------------------ */
/* Styles: which paragraph styles carry numbering                                              */

interface Style {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
  /** A heading style: an outline level, or a name Word and LibreOffice give headings. */
  heading?: boolean;
}

/** Style names of headings and titles (Word's built-in names, and LibreOffice's, localised). */
const HEADING_STYLE_NAME = /^(?:heading|overskrift|title|tittel|subtitle|undertittel)\b/i;

interface Styles {
  byId: Map<string, Style>;
  /** The paragraph style of paragraphs that name none. */
  defaultParagraph?: string;
}

const emptyStyles = (): Styles => ({ byId: new Map() });

function readStyles(file: string, part: Part): Styles {
  const styles = emptyStyles();
  let style: Style | null = null;
  const path: string[] = [];
  walkXml(file, part, 'w:styles', {
    open(name, attr) {
      const parent = path[path.length - 1];
      path.push(name);
      if (name === 'w:style' && parent === 'w:styles') {
        const id = attr['w:styleId'];
        style = {};
        if (id !== undefined) {
          styles.byId.set(id, style);
          if (attr['w:type'] === 'paragraph' && isOn(attr['w:default'], false))
            styles.defaultParagraph = id;
        }
      } else if (style && name === 'w:basedOn' && parent === 'w:style') {
        style.basedOn = attr['w:val'];
      } else if (style && name === 'w:name' && parent === 'w:style') {
        if (HEADING_STYLE_NAME.test(attr['w:val'] ?? '')) style.heading = true;
      } else if (style && name === 'w:outlineLvl' && parent === 'w:pPr') {
        if (path[path.length - 3] === 'w:style' && (intAttr(attr['w:val']) ?? 9) < 9)
          style.heading = true;
      } else if (style && parent === 'w:numPr' && path[path.length - 3] === 'w:pPr') {
        if (path[path.length - 4] !== 'w:style') return;
        if (name === 'w:numId') style.numId = attr['w:val'];
        if (name === 'w:ilvl') style.ilvl = intAttr(attr['w:val']);
      }
    },
    close(name) {
      path.pop();
      if (name === 'w:style') style = null;
    },
  });
  return styles;
}

/** A paragraph style and the styles it is based on, nearest first (cycles cut). */
function styleChain(styles: Styles, id: string | undefined): { id: string; style: Style }[] {
  const chain: { id: string; style: Style }[] = [];
  const seen = new Set<string>();
  for (let s = id ?? styles.defaultParagraph; s !== undefined && !seen.has(s);) {
    seen.add(s);
    const style = styles.byId.get(s);
    if (!style) break;
    chain.push({ id: s, style });
    s = style.basedOn;
  }
  return chain;
}

/* ------------------------------------------------------------------------------------------ */
/* Numbering definitions                                                                       */

interface Level {
  start: number;
  /** `decimal`, `lowerLetter`, `bullet`, `none`, … */
  format: string;
  /** `%1.`, `%1.%2`, `(%1)`; null when the level gives none. */
  text: string | null;
  /** `w:lvlRestart`: 0 never restarts, k restarts after level k (1-based) is used. */
  restart?: number;
  /** `w:isLgl`: the numbers of all levels print as decimals. */
  legal: boolean;
  /** The paragraph style this level is linked to. */
  style?: string;
  /** The left indent of the level's text, in twentieths of a point. */
  indent?: number;
}

interface AbstractNum {
  id: string;
  levels: Map<number, Level>;
  /** The numbering style this definition defines (`w:styleLink`). */
  styleLink?: string;
  /** The numbering style whose definition this one stands for (`w:numStyleLink`). */
  numStyleLink?: string;
}

interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

interface Numbering {
  abstracts: Map<string, AbstractNum>;
  nums: Map<string, Num>;
}

const emptyNumbering = (): Numbering => ({ abstracts: new Map(), nums: new Map() });

function readNumbering(file: string, part: Part): Numbering {
  const numbering = emptyNumbering();
  let abstract: AbstractNum | null = null;
  let num: Num | null = null;
  let override: { start?: number; level?: Level } | null = null;
  let level: Level | null = null;
  const path: string[] = [];
  walkXml(file, part, 'w:numbering', {
    open(name, attr) {
      const parent = path[path.length - 1];
      path.push(name);
      const val = attr['w:val'];
      if (parent === 'w:numbering') {
        if (name === 'w:abstractNum' && attr['w:abstractNumId'] !== undefined) {
          abstract = { id: attr['w:abstractNumId'], levels: new Map() };
          numbering.abstracts.set(abstract.id, abstract);
        } else if (name === 'w:num' && attr['w:numId'] !== undefined) {
          num = { abstractId: '', overrides: new Map() };
          numbering.nums.set(attr['w:numId'], num);
        }
      } else if (name === 'w:lvl' && (parent === 'w:abstractNum' || parent === 'w:lvlOverride')) {
        const ilvl = intAttr(attr['w:ilvl']);
        if (ilvl === undefined) return;
        level = { start: 0, format: 'decimal', text: null, legal: false };
        if (parent === 'w:abstractNum') abstract?.levels.set(ilvl, level);
        else if (override) override.level = level;
      } else if (level && parent === 'w:lvl') {
        if (name === 'w:start') level.start = intAttr(val) ?? 0;
        else if (name === 'w:numFmt') level.format = val ?? 'decimal';
        else if (name === 'w:lvlText') level.text = val ?? null;
        else if (name === 'w:lvlRestart') level.restart = intAttr(val);
        else if (name === 'w:isLgl') level.legal = isOn(val);
        else if (name === 'w:pStyle') level.style = val;
      } else if (
        level &&
        name === 'w:ind' &&
        parent === 'w:pPr' &&
        path[path.length - 3] === 'w:lvl'
      ) {
        level.indent = intAttr(attr['w:left'] ?? attr['w:start']);
      } else if (abstract && parent === 'w:abstractNum') {
        if (name === 'w:styleLink') abstract.styleLink = val;
        else if (name === 'w:numStyleLink') abstract.numStyleLink = val;
      } else if (num && parent === 'w:num') {
        if (name === 'w:abstractNumId') num.abstractId = val ?? '';
        else if (name === 'w:lvlOverride') {
          const ilvl = intAttr(attr['w:ilvl']);
          if (ilvl === undefined) return;
          override = {};
          num.overrides.set(ilvl, override);
        }
      } else if (override && parent === 'w:lvlOverride' && name === 'w:startOverride') {
        override.start = intAttr(val);
      }
    },
    close(name) {
      path.pop();
      if (name === 'w:abstractNum') abstract = null;
      else if (name === 'w:num') num = null;
      else if (name === 'w:lvlOverride') override = null;
      else if (name === 'w:lvl') level = null;
    },
  });
  return numbering;
}

/**
 * Word's list counters. A list is counted per abstract definition, so two `w:num`s that share
 * one continue each other's numbers; a `w:startOverride` restarts its level the first time its
 * `w:num` is used there. Using a level resets the deeper ones (as `w:lvlRestart` says).
 */
class Counter {
  private readonly counts = new Map<string, (number | undefined)[]>();
  private readonly overridden = new Set<string>();

  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Styles,
  ) {}

  /** Whether a paragraph is a heading (by its own outline level or its style's). */
  isHeading(p: Para): boolean {
    return p.heading ?? styleChain(this.styles, p.style).some((c) => c.style.heading);
  }

  /** Whether a paragraph is numbered or bulleted (without counting it). */
  isNumbered(p: Para): boolean {
    const numId =
      p.numId ??
      styleChain(this.styles, p.style).find((c) => c.style.numId !== undefined)?.style.numId;
    return numId !== undefined && numId !== '0' && this.numbering.nums.has(numId);
  }

  /** Where a list item's text starts: its own indent, else its level's (twips; 0 unknown). */
  textIndent(p: Para): number {
    if (p.indent !== undefined) return p.indent;
    const at = this.place(p);
    return (at && at.levelOf(at.ilvl)?.indent) ?? 0;
  }

  /**
   * Where a numbered paragraph sits in Word's numbering: its instance, definition and level (its
   * own, its style's, or the level linked to its style), or null when it is not numbered.
   */
  private place(p: Para): {
    numId: string;
    num: Num;
    abstract: AbstractNum;
    ilvl: number;
    levelOf: (k: number) => Level | undefined;
  } | null {
    const chain = styleChain(this.styles, p.style);
    const numId = p.numId ?? chain.find((c) => c.style.numId !== undefined)?.style.numId;
    if (numId === undefined || numId === '0') return null;
    const num = this.numbering.nums.get(numId);
    const abstract = num && this.abstractOf(num);
    if (!num || !abstract) return null;
    const ilvl =
      p.ilvl ??
      chain.find((c) => c.style.ilvl !== undefined)?.style.ilvl ??
      [...abstract.levels].find(([, l]) => chain.some((c) => c.id === l.style))?.[0] ??
      0;
    const levelOf = (k: number): Level | undefined =>
      num.overrides.get(k)?.level ?? abstract.levels.get(k);
    return { numId, num, abstract, ilvl, levelOf };
  }

  /** The label a paragraph prints before its text (`3.2 `, `a) `, `• `), or ''. */
  label(p: Para): string {
    const at = this.place(p);
    if (!at) return '';
    const { numId, num, abstract, ilvl, levelOf } = at;
    const level = levelOf(ilvl);
    if (!level || ilvl < 0 || ilvl > 8) return '';

    let counts = this.counts.get(abstract.id);
    if (!counts) this.counts.set(abstract.id, (counts = []));
    const start = num.overrides.get(ilvl)?.start;
    const key = `${numId}:${ilvl}`;
    if (start !== undefined && !this.overridden.has(key)) {
      this.overridden.add(key);
      counts[ilvl] = start;
    } else {
      const n = counts[ilvl];
      counts[ilvl] = n === undefined ? level.start : n + 1;
    }
    for (let d = ilvl + 1; d <= 8; d++) {
      const restart = levelOf(d)?.restart;
      const after = restart === undefined || restart > d ? d : restart;
      if (after !== 0 && ilvl < after) counts[d] = undefined;
    }

    if (level.format === 'bullet') return level.text === '' ? '' : '• ';
    if (level.text === null) return '';
    const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const at = Number(k) - 1;
      const shown = levelOf(at);
      const n = counts[at] ?? shown?.start ?? 1;
      return formatListNumber(
        n,
        level.legal && at < ilvl ? 'decimal' : (shown?.format ?? 'decimal'),
      );
    });
    const label = text.trim();
    return label === '' ? '' : `${label} `;
  }

  /** The definition a `w:num` uses, following a numbering style link to the real one. */
  private abstractOf(num: Num): AbstractNum | undefined {
    let abstract = this.numbering.abstracts.get(num.abstractId);
    for (let hops = 0; abstract?.numStyleLink !== undefined && hops < 4; hops++) {
      const styleNum = this.styles.byId.get(abstract.numStyleLink)?.numId;
      const linked = styleNum && this.numbering.nums.get(styleNum);
      const next = linked ? this.numbering.abstracts.get(linked.abstractId) : undefined;
      if (!next || next === abstract) break;
      abstract = next;
    }
    return abstract;
  }
}

/** A counter as a numbering format prints it; formats not listed print as decimals. */
export function formatListNumber(n: number, format: string): string {
  switch (format) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'lowerLetter':
    case 'upperLetter': {
      // Word's letters: a … z, then aa … zz, aaa, … (a start value may be any number: bounded).
      if (n < 1 || n > 26 * 30) return String(n);
      const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      if (n < 1 || n >= 4000) return String(n);
      return format === 'upperRoman' ? romanNumeral(n).toUpperCase() : romanNumeral(n);
    }
    default:
      return String(n);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The document body                                                                           */

interface Para {
  kind: 'p';
  /** The paragraph's text, split at its line breaks. */
  lines: string[];
  style?: string;
  numId?: string;
  ilvl?: number;
  /** Its paragraph mark is a tracked deletion: the paragraph runs on into the next one. */
  markDeleted: boolean;
  /** A page or column break waits: it starts a new line if text follows on this one. */
  pendingBreak: boolean;
  /** The paragraphs of text boxes anchored in this paragraph, read after it. */
  after: Block[];
  /** Its own outline level makes it a heading. */
  heading?: boolean;
  /** Its own left indent, in twentieths of a point. */
  indent?: number;
}

interface Cell {
  blocks: Block[];
  /** A vertically merged cell that continues the one above: empty. */
  merged: boolean;
}

interface Row {
  cells: Cell[];
  deleted: boolean;
}

interface Table {
  kind: 'table';
  rows: Row[];
}

type Block = Para | Table;

/** Subtrees that hold no text of the document as it reads now. */
const SKIPPED = new Set([
  'w:del', // tracked deletion
  'w:moveFrom', // tracked move, the old place
  'w:delText',
  'w:instrText', // a field's instruction (its result is read)
  'w:delInstrText',
  'w:pPrChange', // the properties before a tracked change
  'w:rPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:sectPrChange',
  'w:numberingChange',
  'w:sdtPr', // a content control's properties (its content is read)
  'w:sdtEndPr',
  'w:sectPr',
  'w:fldData',
  'w:footnoteReference', // the marks of notes and comments (their text is not read)
  'w:endnoteReference',
  'w:commentReference',
  'w:footnoteRef',
  'w:endnoteRef',
  'w:annotationRef',
  'w:sym', // a symbol font's glyph
]);

/**
 * The body of the main document part as paragraphs and tables. Text boxes (`w:txbxContent`)
 * are read as paragraphs after the paragraph that holds them, as a PDF of the page shows their
 * text; of `mc:AlternateContent`, only the first `mc:Choice` (else the `mc:Fallback`) is read,
 * since they hold the same content twice.
 */
function readBody(file: string, part: Part): Block[] {
  const body: Block[] = [];
  let sawBody = false;
  const containers: Block[][] = [body];
  const paras: Para[] = [];
  const tables: Table[] = [];
  const rows: Row[] = [];
  const path: string[] = [];
  const alternatives: boolean[] = []; // per open mc:AlternateContent: whether one was read
  /** Per field open (`w:fldChar` begin … end), whether its result is being read. */
  const fields: boolean[] = [];
  let skipDepth = 0; // > 0 inside a skipped subtree
  let inText = false;
  let hidden = false;

  const para = (): Para | undefined => paras[paras.length - 1];
  const container = (): Block[] => containers[containers.length - 1]!;
  const add = (text: string): void => {
    const p = para();
    if (!p || hidden || fields.some((result) => !result)) return;
    if (p.pendingBreak && text !== '') {
      if (p.lines[p.lines.length - 1] !== '') p.lines.push('');
      p.pendingBreak = false;
    }
    p.lines[p.lines.length - 1] += text;
  };

  walkXml(file, part, 'w:document', {
    open(name, attr) {
      if (skipDepth > 0) {
        skipDepth++;
        return;
      }
      const parent = path[path.length - 1];
      const grandparent = path[path.length - 2];
      path.push(name);
      // Properties that mark deletions, read before their subtree is skipped.
      if (name === 'w:del' && parent === 'w:trPr') {
        const row = rows[rows.length - 1];
        if (row) row.deleted = true;
      } else if (
        (name === 'w:del' || name === 'w:moveFrom') &&
        parent === 'w:rPr' &&
        grandparent === 'w:pPr'
      ) {
        const p = para();
        if (p) p.markDeleted = true;
      }
      if (SKIPPED.has(name)) {
        path.pop();
        skipDepth = 1;
        return;
      }
      switch (name) {
        case 'w:body':
          sawBody = true;
          break;
        case 'mc:AlternateContent':
          alternatives.push(false);
          break;
        case 'mc:Choice':
        case 'mc:Fallback':
          if (parent === 'mc:AlternateContent' && alternatives[alternatives.length - 1]) {
            path.pop();
            skipDepth = 1;
          } else if (parent === 'mc:AlternateContent') {
            alternatives[alternatives.length - 1] = true;
          }
          break;
        case 'w:p': {
          const p: Para = {
            kind: 'p',
            lines: [''],
            markDeleted: false,
            pendingBreak: false,
            after: [],
          };
          container().push(p);
          paras.push(p);
          break;
        }
        case 'w:pStyle':
          if (parent === 'w:pPr' && grandparent === 'w:p') {
            const p = para();
            if (p) p.style = attr['w:val'];
          }
          break;
        case 'w:ind':
          if (parent === 'w:pPr' && grandparent === 'w:p') {
            const p = para();
            if (p) p.indent = intAttr(attr['w:left'] ?? attr['w:start']);
          }
          break;
        case 'w:outlineLvl':
          if (parent === 'w:pPr' && grandparent === 'w:p') {
            const p = para();
            if (p) p.heading = (intAttr(attr['w:val']) ?? 9) < 9;
          }
          break;
        case 'w:numId':
        case 'w:ilvl':
          if (parent === 'w:numPr' && grandparent === 'w:pPr') {
            const p = para();
            if (p && name === 'w:numId') p.numId = attr['w:val'];
            else if (p) p.ilvl = intAttr(attr['w:val']);
          }
          break;
        case 'w:r':
          hidden = false;
          break;
        case 'w:vanish':
          if (parent === 'w:rPr' && grandparent === 'w:r') hidden = isOn(attr['w:val']);
          break;
        case 'w:t':
          inText = parent === 'w:r';
          break;
        case 'w:tab':
        case 'w:ptab':
          if (parent === 'w:r') add('\t');
          break;
        case 'w:noBreakHyphen':
          if (parent === 'w:r') add('-');
          break;
        case 'w:br':
        case 'w:cr': {
          const p = para();
          if (parent !== 'w:r' || !p || hidden || fields.some((result) => !result)) break;
          const type = attr['w:type'];
          if (name === 'w:br' && (type === 'page' || type === 'column')) p.pendingBreak = true;
          else p.lines.push('');
          break;
        }
        case 'w:fldChar': {
          const type = attr['w:fldCharType'];
          if (type === 'begin') fields.push(false);
          else if (type === 'separate' && fields.length > 0) fields[fields.length - 1] = true;
          else if (type === 'end') fields.pop();
          break;
        }
        case 'w:txbxContent': {
          const p = para();
          containers.push(p ? p.after : container());
          break;
        }
        case 'w:tbl': {
          const table: Table = { kind: 'table', rows: [] };
          container().push(table);
          tables.push(table);
          break;
        }
        case 'w:tr': {
          const row: Row = { cells: [], deleted: false };
          tables[tables.length - 1]?.rows.push(row);
          rows.push(row);
          break;
        }
        case 'w:tc': {
          const cell: Cell = { blocks: [], merged: false };
          rows[rows.length - 1]?.cells.push(cell);
          containers.push(cell.blocks);
          break;
        }
        case 'w:vMerge':
        case 'w:hMerge':
          if (parent === 'w:tcPr' && (attr['w:val'] ?? 'continue') === 'continue') {
            const row = rows[rows.length - 1];
            const cell = row?.cells[row.cells.length - 1];
            if (cell) cell.merged = true;
          }
          break;
      }
    },
    close(name) {
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      path.pop();
      switch (name) {
        case 'mc:AlternateContent':
          alternatives.pop();
          break;
        case 'w:p':
          paras.pop();
          break;
        case 'w:t':
          inText = false;
          break;
        case 'w:txbxContent':
        case 'w:tc':
          containers.pop();
          break;
        case 'w:tbl':
          tables.pop();
          break;
        case 'w:tr':
          rows.pop();
          break;
      }
    },
    text(text) {
      if (skipDepth === 0 && inText) add(text);
    },
  });
  if (!sawBody) {
    throw new ImportRefusal(
      file,
      'corrupt',
      `the Word file is damaged or not a Word document: ${part.name} has no document body`,
    );
  }
  return body;
}

/* ------------------------------------------------------------------------------------------ */
/* Lines                                                                                       */

/** A line holding one space ends a block, as in the Markdown reader's lines. */
const BLOCK_END = ' ';

type Kind = 'table' | 'heading' | 'item' | 'text' | 'empty';

/** How much less than an item's text a paragraph may be indented and still be the item's (twips). */
const INDENT_TOLERANCE = 60;

/** Blocks → lines, numbering paragraphs in document order. */
class LineWriter {
  private readonly lines: string[] = [];

  constructor(private readonly counter: Counter) {}

  write(blocks: Block[]): string[] {
    this.blocks(blocks);
    if (this.lines[this.lines.length - 1] === BLOCK_END) this.lines.pop();
    return this.lines;
  }

  /**
   * Writes blocks, with a blank line (one space, as the Markdown reader writes it) where a block
   * ends: after a heading, a paragraph and a table, and after a list, but not between a list's
   * items nor before the unnumbered paragraphs that stand between two of them (an item's own
   * paragraphs, such as its deadline). Empty paragraphs, Word's way of spacing, give nothing.
   */
  private blocks(blocks: Block[]): void {
    const all = paragraphsJoined(blocks);
    const kinds = all.map((b) => this.kindOf(b));
    // For each block, the kind of the first block after it that is neither empty nor
    // unnumbered text: whether a run of paragraphs leads on to another item of a list.
    const ahead: (Kind | undefined)[] = new Array(all.length);
    for (let i = all.length - 1, seen: Kind | undefined; i >= 0; i--) {
      ahead[i] = seen;
      if (kinds[i] !== 'empty' && kinds[i] !== 'text') seen = kinds[i];
    }
    // The first block after each that is not an empty paragraph.
    const following: (Block | undefined)[] = new Array(all.length);
    for (let i = all.length - 1, seen: Block | undefined; i >= 0; i--) {
      following[i] = seen;
      if (kinds[i] !== 'empty') seen = all[i];
    }
    let inList = false;
    let itemIndent = 0;
    all.forEach((p, i) => {
      const kind = kinds[i]!;
      if (kind === 'empty') return;
      if (p.kind === 'table') {
        for (const row of p.rows) {
          if (row.deleted) continue;
          const cells = row.cells.map((c) =>
            c.merged ? '' : this.cellText(c.blocks).replace(/\s+/g, ' ').trim(),
          );
          if (cells.some((c) => c !== '')) this.lines.push(cells.join(CELL_SEPARATOR).trimEnd());
        }
      } else {
        const label = this.counter.label(p);
        p.lines.forEach((line, j) => {
          const text = j === 0 ? label + line : line;
          this.lines.push(text.replace(/\t/g, CELL_SEPARATOR).trimEnd());
        });
        this.blocks(p.after);
      }
      inList = kind === 'item' || (inList && kind === 'text');
      if (kind === 'item' && p.kind === 'p') itemIndent = this.counter.textIndent(p);
      // Within a list, an item's own paragraphs run on until the next item, as does a paragraph
      // indented to the item's text; a list ends at anything else (a heading, a table, or
      // paragraphs after which no item follows).
      const after = following[i];
      const indented =
        after?.kind === 'p' &&
        this.kindOf(after) === 'text' &&
        itemIndent > 0 &&
        (after.indent ?? 0) >= itemIndent - INDENT_TOLERANCE;
      const continues = inList && (ahead[i] === 'item' || indented);
      if (!continues) this.blockEnd();
    });
  }

  private kindOf(b: Block): Kind {
    if (b.kind === 'table') return 'table';
    if (b.lines.every((l) => l.trim() === '') && b.after.length === 0) return 'empty';
    if (this.counter.isHeading(b)) return 'heading';
    return this.counter.isNumbered(b) ? 'item' : 'text';
  }

  private blockEnd(): void {
    if (this.lines.length > 0 && this.lines[this.lines.length - 1] !== BLOCK_END)
      this.lines.push(BLOCK_END);
  }

  /** A cell's text on one line: its paragraphs, nested tables and text boxes joined by spaces. */
  private cellText(blocks: Block[]): string {
    const out: string[] = [];
    for (const p of paragraphsJoined(blocks)) {
      if (p.kind === 'table') {
        for (const row of p.rows) {
          if (!row.deleted)
            for (const c of row.cells) if (!c.merged) out.push(this.cellText(c.blocks));
        }
        continue;
      }
      out.push(this.counter.label(p) + p.lines.join(' '));
      out.push(this.cellText(p.after));
    }
    return out.join(' ');
  }
}

/**
 * The blocks with each paragraph whose mark is deleted (a tracked deletion) run on into the
 * next paragraph, as Word shows them; one with no text left is dropped, so that a deleted list
 * item does not count.
 */
function paragraphsJoined(blocks: Block[]): Block[] {
  const out: Block[] = [];
  let carry: Para | null = null;
  for (const b of blocks) {
    if (b.kind === 'p' && b.markDeleted) {
      carry = carry ? join(carry, b) : b;
      continue;
    }
    if (carry && b.kind === 'p') {
      out.push(join(carry, b));
      carry = null;
      continue;
    }
    if (carry) out.push(...flushed(carry));
    carry = null;
    out.push(b);
  }
  if (carry) out.push(...flushed(carry));
  return out;
}

/** `a` run on into `b`, with `b`'s properties (its paragraph mark survives). */
function join(a: Para, b: Para): Para {
  const lines = [
    ...a.lines.slice(0, -1),
    (a.lines[a.lines.length - 1] ?? '') + b.lines[0],
    ...b.lines.slice(1),
  ];
  return { ...b, lines, after: [...a.after, ...b.after] };
}

/** A deleted-mark paragraph with nothing after it: kept as a plain paragraph if it has text. */
function flushed(p: Para): Block[] {
  const hasText = p.lines.some((l) => l.trim() !== '');
  const rest = p.after;
  return hasText ? [{ ...p, markDeleted: false }, ...rest] : rest;
}
