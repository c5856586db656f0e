import type { Extractor } from '../pipeline/context';
import { directives } from './directives';
import { enumerations } from './enumerations';
import { frameworks } from './frameworks';
import { industries } from './industries';
import { keywords } from './keywords';
import { meeting } from './meeting';
import { officials } from './officials';
import { people } from './people';
import { published } from './published';
import { quantities } from './quantities';
import { slogans } from './slogans';
import { title } from './title';

/**
 * Check an extractor list: ids unique, every field provided once, every need provided by an extractor earlier
 * in the list. Throws an Error naming the extractor and the field.
 */
export function checkRegistry(extractors: readonly Extractor[]): void {
  const ids = new Set<string>();
  const provided = new Map<string, string>();
  for (const extractor of extractors) {
    if (ids.has(extractor.id)) throw new Error(`extractor registry: id ${extractor.id} appears twice`);
    ids.add(extractor.id);
    for (const need of extractor.needs) {
      if (!provided.has(need)) throw new Error(`extractor registry: ${extractor.id} needs ${need}, which no earlier extractor provides`);
    }
    for (const field of extractor.provides) {
      const other = provided.get(field);
      if (other) throw new Error(`extractor registry: ${field} is provided by both ${other} and ${extractor.id}`);
      provided.set(field, extractor.id);
    }
  }
}

/** Extractors in the order they run; each reads only the fields it declares in `needs`. */
export const EXTRACTORS: readonly Extractor[] = [
  title,
  published,
  meeting,
  officials,
  people,
  frameworks,
  enumerations,
  industries,
  slogans,
  quantities,
  directives,
  keywords,
];

checkRegistry(EXTRACTORS);
