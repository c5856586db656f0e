import { perLexicon, wordList } from '../lexicon/word-lists';
import type { Lexicon } from '../lexicon';
import { foldWidth } from './fold';
import type { TextView } from './text-view';

/** Share of Chinese characters that must be traditional-only for a text to read as traditional, and the fewest. */
const TRADITIONAL_SHARE = 0.05;
const MIN_TRADITIONAL = 3;
const SAMPLE = 20000;

const CJK_FIRST = 0x3400;
const CJK_LAST = 0x9fff;

/**
 * data/traditional-chars.txt (any number of characters per line) as a table over the Chinese range the check
 * counts: 1 where the character is traditional-only. A typed-array look-up per character instead of a Set probe.
 */
function traditionalTable(lexicon: Lexicon): Uint8Array {
  return perLexicon(lexicon, 'traditional-chars-table', () => {
    const chars = wordList(lexicon, 'traditional-chars.txt').join('').replace(/\s+/g, '');
    const table = new Uint8Array(CJK_LAST - CJK_FIRST + 1);
    for (const ch of chars) {
      const code = ch.charCodeAt(0);
      if (code >= CJK_FIRST && code <= CJK_LAST) table[code - CJK_FIRST] = 1;
    }
    return table;
  });
}

/**
 * True when traditional-only characters make at least 5 % of the Chinese characters (and 3 or more) in the first
 * 20,000 characters: a three-line traditional article is caught, a simplified text quoting one old name is not.
 */
export function looksTraditional(text: string, lexicon: Lexicon): boolean {
  const table = traditionalTable(lexicon);
  let chinese = 0;
  let traditional = 0;
  const limit = Math.min(text.length, SAMPLE);
  for (let i = 0; i < limit; i++) {
    // Char codes, not text[i]: that allocates a string for every CJK character.
    const code = text.charCodeAt(i);
    if (code < CJK_FIRST || code > CJK_LAST) continue;
    chinese++;
    traditional += table[code - CJK_FIRST];
  }
  return traditional >= MIN_TRADITIONAL && traditional >= chinese * TRADITIONAL_SHARE;
}

/**
 * The simplified form of a short piece (a title) when it holds a traditional-only character, else the piece itself:
 * a key under which 管委會主任 and 管委会主任, written both ways in one mixed text, are the same title.
 */
export function simplifiedKey(piece: string, lexicon: Lexicon): string {
  const table = traditionalTable(lexicon);
  for (let i = 0; i < piece.length; i++) {
    const code = piece.charCodeAt(i);
    if (code >= CJK_FIRST && code <= CJK_LAST && table[code - CJK_FIRST]) return simplifyKeepingLength(piece);
  }
  return piece;
}

type Convert = (text: string) => string;
let toSimplified: Convert | undefined;

/** opencc-js's converter costs ~60 ms to build: only when a traditional text shows up. */
function simplifier(): Convert {
  if (!toSimplified) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const OpenCC = require('opencc-js/t2cn') as { Converter(options: { from: string; to: string }): Convert };
    toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  }
  return toSimplified;
}

/** Convert to simplified keeping the length, so offsets stay valid: phrase conversions that change length fall back to character by character. */
export function simplifyKeepingLength(text: string): string {
  const convert = simplifier();
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  return text
    .split(/(?<=\n)/)
    .map((line) => {
      const converted = convert(line);
      if (converted.length === line.length) return converted;
      return Array.from(line, (ch) => {
        const single = convert(ch);
        return single.length === ch.length ? single : ch;
      }).join('');
    })
    .join('');
}

export interface Normalized {
  view: TextView;
  traditional: boolean;
}

/** Produce the matching form: full-width folded, traditional converted to simplified. `raw` is kept as written. */
export function normalize(view: TextView, lexicon: Lexicon): Normalized {
  // The cleaner's working text is folded already (then this is one scan, no copy); a view built otherwise is folded here.
  let text = foldWidth(view.text);
  const traditional = looksTraditional(text, lexicon);
  if (traditional) text = simplifyKeepingLength(text);
  else text = simplifyTraditionalLines(text, lexicon);
  return { view: { ...view, text }, traditional };
}

/** A line of a mostly simplified text that is itself written in traditional characters: at least this share, and this many. */
const LINE_TRADITIONAL_SHARE = 0.2;
const LINE_MIN_TRADITIONAL = 3;

/**
 * A simplified text with a line or paragraph in traditional script (a quoted notice, a pasted passage) gets those lines
 * converted for matching, so 縣長周汎之主持會議 inside a simplified article reads like 县长…; a line with one old
 * character (a name) is left alone. Length is kept, so offsets stay valid.
 */
function simplifyTraditionalLines(text: string, lexicon: Lexicon): string {
  const table = traditionalTable(lexicon);
  let out: string | undefined;
  let lineStart = 0;
  let chinese = 0;
  let traditional = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (code === 10) {
      if (traditional >= LINE_MIN_TRADITIONAL && traditional >= chinese * LINE_TRADITIONAL_SHARE) {
        out ??= text;
        out = out.slice(0, lineStart) + simplifyKeepingLength(text.slice(lineStart, i)) + out.slice(i);
      }
      lineStart = i + 1;
      chinese = 0;
      traditional = 0;
      continue;
    }
    if (code < CJK_FIRST || code > CJK_LAST) continue;
    chinese++;
    traditional += table[code - CJK_FIRST];
  }
  return out ?? text;
}
