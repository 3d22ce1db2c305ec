/**
 * The state bodies of the data file (data/organisations.json): their names and other names, as
 * they may be printed. Pure.
 */
import organisations from './data/organisations.json';

type Kind = 'ministry' | 'agency' | 'enterprise' | 'other';

/** Every name and other name of the bodies of these kinds (all when none given), longest first. */
export function organisationNames(kinds?: readonly Kind[]): string[] {
  return organisations.organisations
    .filter((o: { kind: string }) => !kinds || (kinds as readonly string[]).includes(o.kind))
    .flatMap((o: { name: string; aliases?: string[] }) => [o.name, ...(o.aliases ?? [])])
    .sort((a: string, b: string) => b.length - a.length);
}
