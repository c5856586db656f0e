import { json, jsonl } from './json';
import { table } from './table';
import type { Formatter } from './types';

export * from './types';

/** Formatters by name; an unknown name is a usage error. */
export const FORMATTERS: Record<string, Formatter> = { table, json, jsonl };

export function getFormatter(name: string): Formatter {
  const formatter = FORMATTERS[name];
  if (!formatter) throw new Error(`unknown format "${name}" (choose ${Object.keys(FORMATTERS).join(', ')})`);
  return formatter;
}
