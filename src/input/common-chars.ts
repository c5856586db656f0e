import * as fs from 'fs';
import * as path from 'path';

/** Shipped with the package in `<package>/data/common-chars.txt`. */
const FILE = path.resolve(__dirname, '..', '..', 'data', 'common-chars.txt');

let common: Set<string> | undefined;

/**
 * The ~1,000 most frequent Chinese characters in simplified form plus their traditional forms (data/common-chars.txt).
 * Used to tell which legacy decoding of a file is right: real text is mostly made of these, a wrong decoding (Big5
 * bytes read as GBK, or the reverse) mostly is not. Read on first use (only non-UTF-8 inputs need it).
 */
export function commonChars(): ReadonlySet<string> {
  if (!common) {
    const lines = fs.readFileSync(FILE, 'utf8').split(/\r?\n/).filter((line) => line && !line.startsWith('#'));
    common = new Set([...lines.join('')]);
  }
  return common;
}
