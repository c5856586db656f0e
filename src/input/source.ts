import type { Warning } from '../types';

/**
 * One input of a batch, as listed before it is read. `error` is an input that already failed while being listed
 * (bad JSONL line, glob without a match). A file whose name is not valid UTF-8 keeps the name's bytes in `raw`
 * (`path` is then only for display).
 */
export type Source =
  | { kind: 'file'; path: string; raw?: Uint8Array }
  | { kind: 'bytes'; input: string; bytes: Uint8Array }
  | { kind: 'text'; input: string; id?: string; text: string; warnings?: Warning[] }
  | { kind: 'error'; input: string; id?: string; code: string; message: string };

/** The name an input is reported under. */
export function inputName(source: Source): string {
  return source.kind === 'file' ? source.path : source.input;
}
