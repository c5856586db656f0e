import * as fs from 'fs';
import * as path from 'path';
import { bisect } from '../util/search';

/** Built-in data files ship in `<package>/data`; this file sits two levels below the package root. */
export const BUILTIN_DATA_DIR = path.resolve(__dirname, '..', '..', 'data');

export interface BoilerplatePattern {
  reason: string;
  regex: RegExp;
}

export interface RolePattern {
  role: string;
  regex: RegExp;
}

export interface Lexicon {
  /** Title heads, longest first. */
  titles: string[];
  surnames: Set<string>;
  compoundSurnames: Set<string>;
  roles: RolePattern[];
  roleBoundaries: string[];
  notNames: string[];
  industries: string[];
  measureWords: string[];
  stopwords: Set<string>;
  /** [long form, short form] pairs. */
  aliases: Array<[string, string]>;
  boilerplate: BoilerplatePattern[];
  /** jieba user dictionary files, joined with `|` as cppjieba expects. */
  userDictPaths: string[];
  /** Directories the lexicon was read from (built-in first). */
  dirs: string[];
  /**
   * Any word list by file name without `.txt` (`list('boundary-words')` reads `boundary-words.txt` from every
   * lexicon directory: words split at whitespace, `#` lines are comments), longest first. Unknown names give [].
   */
  list(name: string): readonly string[];
  /** The same list as a Set, for membership tests. */
  set(name: string): ReadonlySet<string>;
}

/** Thrown for an unreadable or malformed lexicon file; names the file, and the line (1-based) when known. */
export class LexiconError extends Error {
  constructor(readonly file: string, cause: string, readonly line?: number) {
    super(`${file}${line ? `:${line}` : ''}: ${cause}`);
    this.name = 'LexiconError';
  }
}

/** The entry lines of a list file with their 1-based line numbers (blank and `#` lines left out). */
function readNumberedLines(file: string): Array<{ text: string; line: number }> {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((text, i) => ({ text: text.replace(/^\uFEFF/, '').trim(), line: i + 1 }))
    .filter(({ text }) => text !== '' && !text.startsWith('#'));
}

function readLines(file: string): string[] {
  return readNumberedLines(file).map(({ text }) => text);
}

/** 1-based line of a character offset in a text. */
function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * Where JSON.parse fails in `text`: the shortest prefix that fails for a reason other than ending too soon (V8's
 * messages do not always give a position). Binary search: a prefix before the fault only ever "ends too soon".
 */
function jsonErrorOffset(text: string): number {
  const endsTooSoon = (length: number) => {
    try {
      JSON.parse(text.slice(0, length));
      return true;
    } catch (error) {
      return /Unexpected end of JSON input|Unterminated string/.test((error as Error).message);
    }
  };
  return bisect(text.length, (i) => endsTooSoon(i + 1));
}

function filesNamed(dirs: string[], name: string): string[] {
  const files = dirs.map((dir) => path.join(dir, name)).filter((file) => fs.existsSync(file));
  // A folder (or a device) where a word list is expected would fail later with a bare EISDIR naming no file.
  for (const file of files) if (!fs.statSync(file).isFile()) throw new LexiconError(file, 'is not a regular file (a directory?)');
  return files;
}

function wordList(dirs: string[], name: string): string[] {
  const words = new Set<string>();
  for (const file of filesNamed(dirs, name)) {
    for (const line of readLines(file)) for (const word of line.split(/\s+/)) words.add(word);
  }
  return [...words];
}

function compileRegex(file: string, source: string, flags = '', line?: number): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    throw new LexiconError(file, `bad pattern ${JSON.stringify(source)}: ${(error as Error).message}`, line);
  }
}

function readRoles(dirs: string[]): RolePattern[] {
  const roles: RolePattern[] = [];
  for (const file of filesNamed(dirs, 'roles.txt')) {
    for (const { text, line } of readNumberedLines(file)) {
      const [role, ...forms] = text.split('\t').map((part) => part.trim()).filter(Boolean);
      for (const form of forms.length ? forms : [role]) roles.push({ role, regex: compileRegex(file, form, '', line) });
    }
  }
  return roles;
}

function readBoilerplate(dirs: string[]): BoilerplatePattern[] {
  const patterns: BoilerplatePattern[] = [];
  for (const file of filesNamed(dirs, 'boilerplate.json')) {
    const source = fs.readFileSync(file, 'utf8');
    let data: { patterns?: Array<{ reason?: unknown; pattern?: unknown; flags?: unknown }> };
    try {
      data = JSON.parse(source);
    } catch (error) {
      throw new LexiconError(file, `not valid JSON: ${(error as Error).message}`, lineAt(source, jsonErrorOffset(source)));
    }
    let searchFrom = 0;
    (data.patterns ?? []).forEach((entry, i) => {
      // The line of the entry: where its pattern string is written, searching on from the previous entry.
      const written = typeof entry.pattern === 'string' ? source.indexOf(JSON.stringify(entry.pattern), searchFrom) : -1;
      if (written >= 0) searchFrom = written + 1;
      const line = written >= 0 ? lineAt(source, written) : undefined;
      if (typeof entry.reason !== 'string' || typeof entry.pattern !== 'string') {
        throw new LexiconError(file, `patterns[${i}] needs a string "reason" and "pattern"`, line);
      }
      const flags = typeof entry.flags === 'string' ? entry.flags : '';
      patterns.push({ reason: entry.reason, regex: compileRegex(file, entry.pattern, flags, line) });
    });
  }
  return patterns;
}

function readPairs(dirs: string[], name: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const file of filesNamed(dirs, name)) {
    for (const line of readLines(file)) {
      const [long, short] = line.split('\t').map((part) => part.trim());
      if (long && short) pairs.push([long, short]);
    }
  }
  return pairs;
}

const byLengthDesc = (a: string, b: string) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);

const cache = new Map<string, Lexicon>();

/**
 * Read the built-in lexicon plus any extra directories (`--lexicon <dir>`). A file in an extra
 * directory with a built-in file's name adds to it. Results are cached per directory list.
 */
export function loadLexicon(extraDirs: string[] = []): Lexicon {
  const dirs = [BUILTIN_DATA_DIR, ...extraDirs.map((dir) => path.resolve(dir))];
  const key = dirs.join('\0');
  const cached = cache.get(key);
  if (cached) return cached;
  for (const dir of dirs.slice(1)) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new LexiconError(dir, 'lexicon directory not found');
  }
  const surnameWords = wordList(dirs, 'surnames.txt');
  // Generic lists are read on first use and kept with the lexicon.
  const lists = new Map<string, { list: string[]; set: Set<string> }>();
  const namedList = (name: string) => {
    let entry = lists.get(name);
    if (!entry) {
      const list = wordList(dirs, `${name}.txt`).sort(byLengthDesc);
      entry = { list, set: new Set(list) };
      lists.set(name, entry);
    }
    return entry;
  };
  const lexicon: Lexicon = {
    titles: wordList(dirs, 'titles.txt').sort(byLengthDesc),
    surnames: new Set(surnameWords.filter((word) => word.length === 1)),
    compoundSurnames: new Set(surnameWords.filter((word) => word.length > 1)),
    roles: readRoles(dirs),
    roleBoundaries: wordList(dirs, 'role-boundaries.txt').sort(byLengthDesc),
    notNames: wordList(dirs, 'not-names.txt'),
    industries: wordList(dirs, 'industries.txt').sort(byLengthDesc),
    measureWords: wordList(dirs, 'measure-words.txt').sort(byLengthDesc),
    stopwords: new Set(wordList(dirs, 'stopwords.txt')),
    aliases: readPairs(dirs, 'aliases.txt'),
    boilerplate: readBoilerplate(dirs),
    userDictPaths: filesNamed(dirs, 'userdict.utf8'),
    dirs,
    list: (name) => namedList(name).list,
    set: (name) => namedList(name).set,
  };
  cache.set(key, lexicon);
  return lexicon;
}
