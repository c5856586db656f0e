import type { Formatter } from './types';

/** One object for one input, an array for several. */
export const json: Formatter = (records) => `${JSON.stringify(records.length === 1 ? records[0] : records, null, 2)}\n`;

/** One compact object per line. */
export const jsonl: Formatter = (records) => records.map((record) => `${JSON.stringify(record)}\n`).join('');
