/**
 * Reading records written by `--format jsonl` (or `--format json`, one record or an array per file) back for the
 * archive, checking that each is the tool's output of a compatible schema version. A record of schema 1.0 has no
 * `published` field; it is read as `published: null`.
 */
import type { AnalysisResult } from '../types';

/** Record schema versions the archive reads: any 1.x. */
const COMPATIBLE = /^1\.\d+$/;

export type ParsedRecord = { kind: 'result'; record: AnalysisResult } | { kind: 'error-record'; input: string } | { kind: 'bad'; message: string };

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const isSpan = (value: unknown) => Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n));

/** Check one parsed value; never throws. */
export function checkRecord(value: unknown): ParsedRecord {
  if (!isObject(value)) return { kind: 'bad', message: 'not a meeting-analyze record (not a JSON object)' };
  if (isObject(value.error) && typeof value.input === 'string' && !('schemaVersion' in value)) return { kind: 'error-record', input: value.input };
  if (typeof value.schemaVersion !== 'string') return { kind: 'bad', message: 'not a meeting-analyze record (no schemaVersion)' };
  if (!COMPATIBLE.test(value.schemaVersion)) return { kind: 'bad', message: `incompatible record schema version ${JSON.stringify(value.schemaVersion).slice(0, 40)} (this archive reads 1.x)` };
  if (!isObject(value.input) || typeof value.input.path !== 'string') return { kind: 'bad', message: 'not a meeting-analyze record (no input.path)' };
  for (const field of ['officials', 'frameworks', 'industries']) {
    if (!Array.isArray(value[field])) return { kind: 'bad', message: `not a meeting-analyze record (${field} is not a list)` };
  }
  for (const official of value.officials as unknown[]) {
    if (!isObject(official) || typeof official.name !== 'string' || !Array.isArray(official.titles) || !Array.isArray(official.roles) || !isSpan(official.span)) {
      return { kind: 'bad', message: 'not a meeting-analyze record (an official without name, titles, roles or span)' };
    }
  }
  for (const framework of value.frameworks as unknown[]) {
    if (!isObject(framework) || typeof framework.formula !== 'string' || !Array.isArray(framework.components) || !isSpan(framework.span)) {
      return { kind: 'bad', message: 'not a meeting-analyze record (a framework without formula, components or span)' };
    }
  }
  for (const industry of value.industries as unknown[]) {
    if (!isObject(industry) || typeof industry.name !== 'string' || !isSpan(industry.span)) return { kind: 'bad', message: 'not a meeting-analyze record (an industry without name or span)' };
  }
  if (value.meeting !== null && value.meeting !== undefined && !isObject(value.meeting)) return { kind: 'bad', message: 'not a meeting-analyze record (meeting is not an object)' };
  const record = value as unknown as AnalysisResult;
  if (record.published === undefined) record.published = null;
  for (const official of record.officials) official.spans ??= [official.span];
  return { kind: 'result', record };
}

/** Parse and check one JSONL line. */
export function parseLine(line: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { kind: 'bad', message: `not JSON (${(error as Error).message.split('\n')[0].slice(0, 80)})` };
  }
  return checkRecord(value);
}

/** The key a record is stored under: its id when it has one (JSONL input), else its input path. */
export const sourceOf = (record: AnalysisResult) => (record.id !== undefined ? `id:${record.id}` : record.input.path);
