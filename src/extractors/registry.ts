import type { Extractor } from '../pipeline/context';
import { directives } from './directives';
import { enumerations } from './enumerations';
import { frameworks } from './frameworks';
import { industries } from './industries';
import { keywords } from './keywords';
import { meeting } from './meeting';
import { officials } from './officials';
import { people } from './people';
import { quantities } from './quantities';
import { slogans } from './slogans';
import { title } from './title';

/**
 * Extractors in the order they run. Later ones may read earlier results from `ctx.found`
 * (enumerations skip framework components; industries read enumeration items; people skip officials).
 */
export const EXTRACTORS: readonly Extractor[] = [
  title,
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
