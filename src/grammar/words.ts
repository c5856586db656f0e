import type { Lexicon } from '../lexicon';
import { escapeRegExp, perLexicon } from '../lexicon/word-lists';

/**
 * A regular expression matching any word of the lexicon list `data/<name>.txt` at the end of a string
 * (`(?:A|B)$`), for suffix tests such as "is this count preceded by a set verb". Built once per lexicon and list.
 */
export function endsWithAny(lexicon: Lexicon, name: string): RegExp {
  return perLexicon(lexicon, `endsWithAny:${name}`, () => {
    const words = lexicon.list(name);
    return words.length ? new RegExp(`(?:${words.map(escapeRegExp).join('|')})$`) : /(?!)/;
  });
}
