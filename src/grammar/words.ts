import type { Lexicon } from '../lexicon';

const regexCache = new WeakMap<Lexicon, Map<string, RegExp>>();

/**
 * A regular expression matching any word of the lexicon list `data/<name>.txt` at the end of a string
 * (`(?:A|B)$`), for suffix tests such as "is this count preceded by a set verb". Built once per lexicon and list.
 */
export function endsWithAny(lexicon: Lexicon, name: string): RegExp {
  let patterns = regexCache.get(lexicon);
  if (!patterns) regexCache.set(lexicon, (patterns = new Map()));
  let regex = patterns.get(name);
  if (!regex) {
    const words = lexicon.list(name).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    regex = words.length ? new RegExp(`(?:${words.join('|')})$`) : /(?!)/;
    patterns.set(name, regex);
  }
  return regex;
}
