import * as chardet from 'chardet';
import * as iconv from 'iconv-lite';
import { InputError } from '../errors';
import { commonChars } from './common-chars';
import type { Warning } from '../types';

export interface Decoded {
  text: string;
  /** Canonical encoding name: utf-8, utf-16le, utf-16be, utf-32le, utf-32be, gb18030, big5, … */
  encoding: string;
  /** Number of byte sequences that could not be decoded (replaced by U+FFFD). */
  invalidSequences: number;
  /** What the reader should know about the decoding: `invalid-bytes` (with the count), `mojibake`. */
  warnings: Warning[];
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

/** chardet names → the iconv-lite name we decode with. GBK and GB2312 are subsets of GB18030. */
const DETECTED: Record<string, string> = {
  'GB18030': 'gb18030',
  'GBK': 'gb18030',
  'GB2312': 'gb18030',
  'Big5': 'big5',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'EUC-JP': 'euc-jp',
  'Shift_JIS': 'shift_jis',
  'EUC-KR': 'euc-kr',
};

function countReplacement(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) count++;
  return count;
}

/** Share of bytes that are C0 control characters other than tab, CR, LF, FF, ESC. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12 && byte !== 27) control++;
  }
  return control > sample.length * 0.1;
}

function decodeAs(bytes: Uint8Array, encoding: string, skip = 0): Decoded {
  if (!iconv.encodingExists(encoding)) throw new InputError('BAD_ENCODING', `unknown encoding "${encoding}"`);
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.byteLength - skip), encoding, { stripBOM: true });
  return finish(text, encoding.toLowerCase(), countReplacement(text));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The decoded text with the warnings its decoding calls for. */
function finish(decoded: string, encoding: string, invalid: number): Decoded {
  // UTF-16 and UTF-32 files can hold unpaired surrogates: they cannot be written as UTF-8, so they count as invalid.
  let invalidSequences = invalid;
  const text = /[\ud800-\udfff]/.test(decoded)
    ? decoded.replace(LONE_SURROGATE, () => {
        invalidSequences++;
        return '\ufffd';
      })
    : decoded;
  const warnings: Warning[] = [];
  if (invalidSequences) warnings.push(invalidBytesWarning(invalidSequences, encoding));
  const mojibake = mojibakeOf(text);
  if (mojibake) {
    warnings.push({
      code: 'mojibake',
      message: `the text looks like Chinese ${mojibake} bytes read as Latin-1 (e.g. "${visibleSample(text)}"): it was saved with the wrong encoding; the analysis finds little in it`,
    });
  }
  return { text, encoding, invalidSequences, warnings };
}

/** The `invalid-bytes` warning, worded the same wherever bytes are decoded (files, stdin, JSONL records). */
export function invalidBytesWarning(count: number, encoding: string): Warning {
  return { code: 'invalid-bytes', message: `${count} byte sequence(s) could not be decoded as ${encoding} and were replaced by U+FFFD` };
}

/** Windows-1252's letters for bytes 0x80–0x9F (a byte Windows-1252 leaves undefined is read as the C1 control). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CP1252_BYTE = new Map(Array.from(CP1252_HIGH, (ch, i) => [ch, 0x80 + i] as const));

/** Runs of Latin-1 letters and Windows-1252 punctuation: what UTF-8 or GBK bytes turn into when read as Latin-1. */
const LATIN_RUN = /[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]{2,64}/g;

/** The bytes a Latin-1 / Windows-1252 reading turned into these characters (U+FFFD: a byte lost, kept as 0x81). */
function latinBytes(text: string): Buffer {
  const bytes = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[i] = CP1252_BYTE.get(text[i]) ?? (code <= 0xff ? code : 0x81);
  }
  return bytes;
}

/**
 * Chinese mis-decoded as Latin-1/Windows-1252 ("ä¼šè®®" for 会议): valid Unicode, so no byte is invalid, but the
 * analysis finds nothing. Runs of such letters are turned back into bytes and read as UTF-8 and as GBK; when much
 * of what comes back is common Chinese, the text is mojibake. Returns the encoding the bytes were in, or undefined.
 */
export function mojibakeOf(text: string): 'UTF-8' | 'GBK' | undefined {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  const runs = sample.match(LATIN_RUN);
  if (!runs) return undefined;
  const bytes = latinBytes(runs.join(' '));
  const chars = commonChars();
  const tally = (decoded: string) => {
    let common = 0;
    for (const ch of decoded) if (chars.has(ch)) common++;
    return common;
  };
  const asUtf8 = tally(iconv.decode(bytes, 'utf-8'));
  const asGbk = tally(iconv.decode(bytes, 'gb18030'));
  const best = Math.max(asUtf8, asGbk);
  // Bytes of Chinese give one common character per 2 (GBK) or 3 (UTF-8) letters; French or German text gives none.
  if (best < 4 || best * 5 < bytes.length) return undefined;
  return asUtf8 >= asGbk ? 'UTF-8' : 'GBK';
}

function visibleSample(text: string): string {
  LATIN_RUN.lastIndex = 0;
  const run = LATIN_RUN.exec(text.slice(0, 65536));
  LATIN_RUN.lastIndex = 0;
  return run ? run[0].slice(0, 12) : '';
}

/**
 * Decode file bytes: BOMs first, then strict UTF-8, then a detected legacy encoding
 * (GB18030/GBK, Big5, …). `declared` is a charset from an HTML meta tag; `forced` is `--encoding`.
 */
export function decodeBytes(bytes: Uint8Array, options: { forced?: string; declared?: string } = {}): Decoded {
  if (bytes.length === 0) throw new InputError('EMPTY', 'file is empty');
  if (options.forced) return decodeAs(bytes, options.forced);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes, 'utf-8', 3);
  // UTF-32 before UTF-16: the UTF-32LE BOM starts with the UTF-16LE one.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) return decodeAs(bytes, 'utf-32le', 4);
  if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) return decodeAs(bytes, 'utf-32be', 4);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes, 'utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes, 'utf-16be', 2);
  if (looksBinary(bytes)) throw new InputError('BINARY', 'binary file (control or NUL bytes), not text');
  try {
    return finish(utf8Strict.decode(bytes), 'utf-8', 0);
  } catch {
    // Not valid UTF-8: fall through to a declared or detected legacy encoding.
  }
  // Mostly UTF-8 with some other bytes (a GBK footer a site appended, a truncated download): the encoding that
  // decodes most of the file wins, the rest is counted as invalid bytes. GBK or Big5 read as UTF-8 gives far more
  // broken sequences than characters (one of their characters in a dozen happens to form a UTF-8 pair).
  const lenient = decodeAs(bytes, 'utf-8');
  if (lenient.invalidSequences <= Math.max(2, lenient.text.length / 1000) || validNonAscii(lenient.text) > lenient.invalidSequences) return lenient;
  const detected = bestLegacyEncoding(bytes) ?? 'utf-8';
  const declared = canonicalCharset(options.declared);
  if (!declared || declared === 'utf-8' || declared === detected) return decodeAs(bytes, detected);
  // A charset the page declares (<meta charset>) beats detection (GBK pages are often mostly ASCII), unless the
  // bytes say otherwise. The <meta> tag was read as ASCII, so a charset that does not write ASCII as ASCII
  // (UTF-16, UTF-32, UTF-7, base64) cannot be the page's; and a declaration whose decoding reads much less like
  // Chinese than the detected one is wrong (a GBK page copied from a Big5 template). Either way the bytes win,
  // with a warning that says so.
  const mismatch = (why: string) => {
    const decoded = decodeAs(bytes, detected);
    decoded.warnings.push({ code: 'charset-mismatch', message: `the page declares charset=${options.declared}, ${why}: decoded as ${detected}, which its bytes read as` });
    return decoded;
  };
  if (!asciiCompatible(declared)) return mismatch('which cannot be: its <meta> tag is written in ASCII bytes');
  const asDeclared = decodeAs(bytes, declared);
  const declaredScore = chineseScore(asDeclared.text.slice(0, 65536));
  const detectedScore = chineseScore(iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 65536)), detected));
  if (detectedScore > declaredScore + Math.max(8, Math.abs(declaredScore) / 4)) return mismatch('but its bytes are not that charset');
  return asDeclared;
}

const ASCII_PROBE = '<meta charset="x"> A-z 0-9';

/** Whether an encoding writes ASCII as the same bytes (so a <meta> tag read as ASCII could be in it). */
function asciiCompatible(encoding: string): boolean {
  try {
    return iconv.encode(ASCII_PROBE, encoding).toString('latin1') === ASCII_PROBE;
  } catch {
    return false;
  }
}

/** How much a decoding reads like Chinese: common characters, minus four per undecodable sequence. */
function chineseScore(text: string): number {
  const common = commonChars();
  let score = 0;
  for (const ch of text) {
    if (ch === '\uFFFD') score -= 4;
    else if (common.has(ch)) score += 1;
  }
  return score;
}

/** Characters beyond ASCII that decoded (not U+FFFD). */
function validNonAscii(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80 && code !== 0xfffd) count++;
  }
  return count;
}

/** iconv-lite name for a declared charset, or undefined when unknown. GBK and GB2312 decode as GB18030 (a superset). */
export function canonicalCharset(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const lower = name.trim().toLowerCase();
  if (/^utf-?8$/.test(lower)) return 'utf-8';
  if (/^(?:gb2312|gbk|gb_2312-80|x-gbk|cp936|gb18030)$/.test(lower)) return 'gb18030';
  if (/^(?:big5|big5-hkscs|x-x-big5|cp950)$/.test(lower)) return 'big5';
  return iconv.encodingExists(lower) ? lower : undefined;
}

/**
 * Pick the legacy encoding whose decoding reads most like Chinese: chardet's guesses plus GB18030 and Big5,
 * scored on the first 64 KiB by common characters minus undecodable sequences. chardet alone mistakes short
 * Big5 texts for Shift_JIS or GBK.
 */
function bestLegacyEncoding(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, 65536);
  const guesses = chardet.analyse(sample).map((match) => DETECTED[match.name]).filter(Boolean);
  const candidates = [...new Set(['gb18030', 'big5', ...guesses])];
  let best: string | undefined;
  let bestScore = -Infinity;
  for (const encoding of candidates) {
    const score = chineseScore(iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength), encoding));
    if (score > bestScore) {
      best = encoding;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The charset an HTML page declares in its first bytes (<meta charset="gb2312"> or
 * <meta http-equiv="Content-Type" content="text/html; charset=gbk">). The bytes are read as latin1, so this works
 * before the encoding is known; the scan is bounded to the first 4 KiB and uses no nested quantifiers.
 */
export function sniffDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  const match = /<meta\b[^>]{0,300}?charset\s{0,4}=\s{0,4}["']?\s{0,4}([A-Za-z0-9_:.-]{1,40})/i.exec(head);
  return match ? match[1] : undefined;
}

/** Decode then reject text that has nothing in it. */
export function decodeText(bytes: Uint8Array, options: { forced?: string; declared?: string } = {}): Decoded {
  const decoded = decodeBytes(bytes, options);
  if (decoded.text.trim() === '') throw new InputError('EMPTY', 'file contains only whitespace');
  return decoded;
}
