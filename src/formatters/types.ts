import type { AnalysisResult, ErrorRecord } from '../types';

export type OutputRecord = AnalysisResult | ErrorRecord;

export interface FormatOptions {
  /** Use ANSI colours. */
  color: boolean;
}

/** A formatter turns records into text. It knows nothing about extraction. */
export type Formatter = (records: OutputRecord[], options: FormatOptions) => string;

export function isErrorRecord(record: OutputRecord): record is ErrorRecord {
  return 'error' in record;
}
