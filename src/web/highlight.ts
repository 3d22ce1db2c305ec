/**
 * Search headlines: the server marks hits with « and ». They are split into plain and marked
 * segments so the page renders them as text inside <mark>, never as HTML.
 */
export interface Segment {
  text: string;
  marked: boolean;
}

export function splitHeadline(headline: string): Segment[] {
  const segments: Segment[] = [];
  let marked = false;
  let current = '';
  const flush = () => {
    if (current) segments.push({ text: current, marked });
    current = '';
  };
  for (const ch of headline) {
    if (ch === '«' && !marked) {
      flush();
      marked = true;
    } else if (ch === '»' && marked) {
      flush();
      marked = false;
    } else {
      current += ch;
    }
  }
  // An unclosed mark is shown as plain text with its opening sign, not silently marked.
  if (marked && current) segments.push({ text: `«${current}`, marked: false });
  else flush();
  return segments;
}
