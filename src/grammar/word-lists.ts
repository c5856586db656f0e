import * as fs from 'fs';
import * as path from 'path';
import type { Lexicon } from '../lexicon';

const cache = new WeakMap<Lexicon, Map<string, string[]>>();

/**
 * A one-entry-per-line word list from the lexicon's data directories (built-in first, `--lexicon` dirs add to it).
 * Lines starting with `#` are comments; a tab separates an entry from its fields. Missing files give [].
 * Uses `lexicon.list` when the lexicon provides it.
 */
export function wordList(lexicon: Lexicon, name: string): string[] {
  const own = (lexicon as Lexicon & { list?: (name: string) => string[] }).list;
  if (typeof own === 'function') return own.call(lexicon, name);
  let lists = cache.get(lexicon);
  if (!lists) cache.set(lexicon, (lists = new Map()));
  const hit = lists.get(name);
  if (hit) return hit;
  const entries = new Set<string>();
  for (const dir of lexicon.dirs) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    for (const raw of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
      const line = raw.replace(/^\uFEFF/, '').trim();
      if (line && !line.startsWith('#')) entries.add(line);
    }
  }
  const list = [...entries];
  lists.set(name, list);
  return list;
}

/** Escape a word for use inside a RegExp alternation. */
export function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of the words, longest first, as a RegExp source. */
export function alternation(words: string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}
