import type { Formatter } from './types';

/**
 * JSON.stringify escapes only C0 controls. DEL, C1 controls (U+009B is a one-byte CSI on some terminals), bidi
 * overrides and the JS line separators are escaped too, so raw JSON printed to a terminal is inert. Such characters
 * only occur inside strings, where \uXXXX is the same value.
 */
const UNSAFE = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const stringify = (value: unknown, indent?: number) =>
  JSON.stringify(value, null, indent).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** One object for one input, an array for several. */
export const json: Formatter = (records) => `${stringify(records.length === 1 ? records[0] : records, 2)}\n`;

/** One compact object per line. */
export const jsonl: Formatter = (records) => records.map((record) => `${stringify(record)}\n`).join('');
