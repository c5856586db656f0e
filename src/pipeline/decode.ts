import * as chardet from 'chardet';
import * as iconv from 'iconv-lite';
import { InputError } from '../errors';
import { commonChars } from './common-chars';

export interface Decoded {
  text: string;
  /** Canonical encoding name: utf-8, utf-16le, utf-16be, gb18030, big5, … */
  encoding: string;
  /** Number of byte sequences that could not be decoded (replaced by U+FFFD). */
  invalidSequences: number;
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
  return { text, encoding: encoding.toLowerCase(), invalidSequences: countReplacement(text) };
}

/**
 * Decode file bytes: BOMs first, then strict UTF-8, then a detected legacy encoding
 * (GB18030/GBK, Big5, …). `declared` is a charset from an HTML meta tag; `forced` is `--encoding`.
 */
export function decodeBytes(bytes: Uint8Array, options: { forced?: string; declared?: string } = {}): Decoded {
  if (bytes.length === 0) throw new InputError('EMPTY', 'file is empty');
  if (options.forced) return decodeAs(bytes, options.forced);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeAs(bytes, 'utf-8', 3);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeAs(bytes, 'utf-16le', 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeAs(bytes, 'utf-16be', 2);
  if (looksBinary(bytes)) throw new InputError('BINARY', 'binary file (control or NUL bytes), not text');
  try {
    return { text: utf8Strict.decode(bytes), encoding: 'utf-8', invalidSequences: 0 };
  } catch {
    // Not valid UTF-8: fall through to a declared or detected legacy encoding.
  }
  // A charset the page declares (<meta charset>) beats detection: GBK pages are often mostly ASCII.
  const declared = canonicalCharset(options.declared);
  if (declared && declared !== 'utf-8') return decodeAs(bytes, declared);
  // A few broken sequences in otherwise valid UTF-8 (a truncated download) stay UTF-8, with a count.
  const lenient = decodeAs(bytes, 'utf-8');
  if (lenient.invalidSequences <= Math.max(2, lenient.text.length / 1000)) return lenient;
  return decodeAs(bytes, bestLegacyEncoding(bytes) ?? 'utf-8');
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
  const common = commonChars();
  for (const encoding of candidates) {
    const text = iconv.decode(Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength), encoding);
    let score = 0;
    for (const ch of text) {
      if (ch === '\uFFFD') score -= 4;
      else if (common.has(ch)) score += 1;
    }
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
