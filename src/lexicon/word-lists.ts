import type { Lexicon } from './index';

/**
 * A word list from the lexicon's data directories (`data/<name>`, `--lexicon` dirs add to it): `lexicon.list` with
 * the file name as written here (`meeting-nouns.txt`). Entries are split at whitespace; `#` lines are comments.
 */
export function wordList(lexicon: Lexicon, name: string): string[] {
  return [...lexicon.list(name.replace(/\.txt$/, ''))];
}

/** Escape a word for use inside a RegExp alternation. */
export function escapeRegExp(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An alternation of the words, longest first, as a RegExp source. */
export function alternation(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
}

/** `alternation(words)`, or a pattern that never matches when the list is empty (so `(?:…)` stays valid). */
export function anyOf(words: readonly string[]): string {
  return alternation(words) || '(?!)';
}

const memos = new WeakMap<Lexicon, Map<string, unknown>>();

/** Something built from a lexicon's lists (a compiled pattern, a sorted list), built once per lexicon. */
export function perLexicon<T>(lexicon: Lexicon, key: string, build: () => T): T {
  let memo = memos.get(lexicon);
  if (!memo) memos.set(lexicon, (memo = new Map()));
  if (!memo.has(key)) memo.set(key, build());
  return memo.get(key) as T;
}
