import { loadLexicon } from './lexicon';
import type { Engines } from './analyze-text';
import { createJiebaSegmenter } from './segment/jieba';

const cache = new Map<string, Engines>();

/**
 * The built-in lexicon (plus `lexiconDirs`, read from disk once per directory list) and the nodejieba
 * segmenter (its dictionary loads lazily on the first cut). Throws LexiconError for a bad lexicon directory.
 */
export function defaultEngines(lexiconDirs: string[] = []): Engines {
  const key = lexiconDirs.join('\0');
  let engines = cache.get(key);
  if (!engines) {
    const lexicon = loadLexicon(lexiconDirs);
    engines = { lexicon, segmenter: createJiebaSegmenter(lexicon) };
    cache.set(key, engines);
  }
  return engines;
}
