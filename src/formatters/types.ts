import type { AnalysisResult, ErrorRecord } from '../types';

export type OutputRecord = AnalysisResult | ErrorRecord;

export interface FormatOptions {
  /** Use ANSI colours. */
  color: boolean;
  /** Terminal width in cells for table output (default 100). */
  width?: number;
}

/**
 * A formatter turns records into text. It knows nothing about extraction. A formatter whose output is naturally
 * several files (CSV: one per record type) also has `files`, used for `--output-dir`: file name → content.
 */
export type Formatter = ((records: OutputRecord[], options: FormatOptions) => string) & {
  files?: (records: OutputRecord[], options: FormatOptions) => Record<string, string>;
};

export function isErrorRecord(record: OutputRecord): record is ErrorRecord {
  return 'error' in record;
}
