import * as fs from 'fs';
import * as path from 'path';
import type { Lexicon } from '../lexicon';

/**
 * A word list from `data/<name>.txt` in every lexicon directory (built-in first, then `--lexicon` dirs),
 * whitespace-separated, `#` lines are comments. Read once per lexicon and name. Longest words first, so a
 * prefix scan finds the longest match. Returns [] when no directory has the file.
 */
export function wordList(lexicon: Lexicon, name: string): string[] {
  let lists = cache.get(lexicon);
  if (!lists) cache.set(lexicon, (lists = new Map()));
  let words = lists.get(name);
  if (!words) {
    const found = new Set<string>();
    for (const dir of lexicon.dirs) {
      const file = path.join(dir, `${name}.txt`);
      if (!fs.existsSync(file)) continue;
      for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
        const trimmed = line.replace(/^\uFEFF/, '').trim();
        if (!trimmed || trimmed.startsWith('#')) continue;
        for (const word of trimmed.split(/\s+/)) found.add(word);
      }
    }
    words = [...found].sort((a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0));
    lists.set(name, words);
  }
  return words;
}

/** The same list as a set, for membership tests. */
export function wordSet(lexicon: Lexicon, name: string): Set<string> {
  let sets = setCache.get(lexicon);
  if (!sets) setCache.set(lexicon, (sets = new Map()));
  let set = sets.get(name);
  if (!set) sets.set(name, (set = new Set(wordList(lexicon, name))));
  return set;
}

/** A regular expression matching any word of the list at the end of a string (`(?:A|B)$`), for suffix tests. */
export function endsWithAny(lexicon: Lexicon, name: string): RegExp {
  let patterns = regexCache.get(lexicon);
  if (!patterns) regexCache.set(lexicon, (patterns = new Map()));
  let regex = patterns.get(name);
  if (!regex) {
    const words = wordList(lexicon, name).map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    regex = words.length ? new RegExp(`(?:${words.join('|')})$`) : /(?!)/;
    patterns.set(name, regex);
  }
  return regex;
}

const cache = new WeakMap<Lexicon, Map<string, string[]>>();
const setCache = new WeakMap<Lexicon, Map<string, Set<string>>>();
const regexCache = new WeakMap<Lexicon, Map<string, RegExp>>();
