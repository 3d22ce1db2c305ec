/**
 * Whether the translations keep step with bokmål, as a pure function so its own test can show
 * that it fails (locales.test.ts): every locale has exactly the source's keys, no message is
 * empty, each message names the same `{placeholders}` as the source's, as often, and braces
 * are used for nothing else.
 */

/** The `{name}` placeholders of a message, sorted (a name used twice counts twice). */
export function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/**
 * What is wrong with each locale measured against `source`, one readable line per problem
 * (`nn: missing key 'x'`, `en: 'y' has {a} where bokmål has {a},{b}`); empty when all agree.
 * The source itself is checked for empty messages too when it is among `locales`.
 */
export function parityProblems(
  source: Readonly<Record<string, string>>,
  locales: Readonly<Record<string, Readonly<Record<string, unknown>>>>,
): string[] {
  const keys = Object.keys(source);
  const problems: string[] = [];
  for (const [code, messages] of Object.entries(locales)) {
    for (const key of keys) {
      if (!Object.prototype.hasOwnProperty.call(messages, key)) {
        problems.push(`${code}: missing key '${key}'`);
        continue;
      }
      const text = messages[key];
      if (typeof text !== 'string' || !text.trim()) {
        problems.push(`${code}: '${key}' is empty`);
        continue;
      }
      if (/[{}]/.test(text.replace(/\{\w+\}/g, ''))) {
        problems.push(`${code}: '${key}' has a brace that is no placeholder`);
      }
      const want = placeholdersOf(source[key]!).join(',');
      const have = placeholdersOf(text).join(',');
      if (have !== want) {
        problems.push(`${code}: '${key}' has {${have}} where the source has {${want}}`);
      }
    }
    for (const key of Object.keys(messages)) {
      if (!Object.prototype.hasOwnProperty.call(source, key)) {
        problems.push(`${code}: extra key '${key}'`);
      }
    }
  }
  return problems;
}
