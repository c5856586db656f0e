/** One record as the formatters write it; light to load (the table formatter is required only when used). */
import { json, jsonl } from '../formatters/json';

/** The formatters' own output for one record, without its final newline (batch.ts joins records). */
export function formatRecord(record: object, settings: { format: string; color: boolean; width?: number }): string {
  // The json formatters do the escaping; going through them keeps batch output byte-equal to theirs.
  if (settings.format === 'json') return json([record as never], { color: false }).slice(0, -1);
  if (settings.format === 'jsonl') return jsonl([record as never], { color: false }).slice(0, -1);
  // Required only for table output: chalk and cli-table3 are a tenth of the cold start of a json run.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { getFormatter } = require('../formatters') as typeof import('../formatters');
  return getFormatter(settings.format)([record as never], { color: settings.color, width: settings.width });
}
