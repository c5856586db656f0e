/** Reading one input (a file, a device, stdin's bytes) and decoding it; every failure is an InputError with a code. */
import { createReadStream, promises as fs, readFileSync, statSync } from 'fs';
import { extname } from 'path';
import { decodeText, sniffDeclaredCharset, type Decoded } from './decode';
import { resolveFormat, type InputFormat } from '../pipeline/format';
import { DEFAULT_MAX_BYTES, InputError } from '../errors';
import type { Warning } from '../types';
import type { Source } from './source';

export { DEFAULT_MAX_BYTES };

/** How to read an input: `auto` goes by the extension (.html/.htm), then by sniffing the content. */
export type InputKind = 'auto' | InputFormat;

export interface ReadOptions {
  maxBytes?: number;
  encoding?: string;
  kind?: InputKind;
  /**
   * Stat and read a regular file with synchronous calls: for a worker thread, which has nothing else to do
   * meanwhile (fs.promises.readFile takes several thread-pool round trips per file, each a wait on a busy machine).
   */
  sync?: boolean;
}

/** Decoded text plus the format to analyse it as (pass `format` on to analyzeText). */
export interface ReadInput extends Decoded {
  format: InputFormat;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);
const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

function fromFsError(error: NodeJS.ErrnoException): InputError {
  switch (error.code) {
    case 'ENOENT':
      return new InputError('NOT_FOUND', 'no such file');
    case 'ENOTDIR':
      // file.txt/other: a parent in the path is a file.
      return new InputError('NOT_FOUND', 'no such file (a parent in the path is not a directory)');
    case 'EISDIR':
      return new InputError('IS_DIRECTORY', 'is a directory, not a file');
    case 'EACCES':
    case 'EPERM':
      return new InputError('PERMISSION', 'permission denied');
    default:
      return new InputError('READ_ERROR', error.message);
  }
}

/**
 * Read and decode one file; every failure is an InputError with a code. `path` may be the raw bytes of a name
 * that is not valid UTF-8 (met in a directory walk); `name` is then what to show and to sniff the extension of.
 */
export async function readInputFile(path: string | Buffer, options: ReadOptions = {}, name = String(path)): Promise<ReadInput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    const stat = options.sync ? statSync(path) : await fs.stat(path);
    if (stat.isDirectory()) throw new InputError('IS_DIRECTORY', 'is a directory, not a file');
    if (stat.size > maxBytes) throw new InputError('TOO_LARGE', `file is ${stat.size} bytes, over the --max-bytes limit of ${maxBytes}`);
    // Devices and pipes (/dev/zero, <(cmd)) report no size and may never end: read them as a stream with the limit.
    if (!stat.isFile()) bytes = await readStream(createReadStream(path), maxBytes);
    else bytes = options.sync ? readFileSync(path) : await fs.readFile(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fromFsError(error as NodeJS.ErrnoException);
  }
  const extension = extname(name).toLowerCase();
  const kind = options.kind && options.kind !== 'auto' ? options.kind : HTML_EXTENSIONS.has(extension) ? 'html' : MARKDOWN_EXTENSIONS.has(extension) ? 'markdown' : 'auto';
  return decodeBytesChecked(bytes, maxBytes, options.encoding, kind);
}

/**
 * Decode bytes already in memory (stdin), with the same limits and errors as files. A page that may be HTML is
 * decoded with the charset its <meta> declares; `auto` then sniffs the decoded text.
 */
export function decodeBytesChecked(bytes: Uint8Array, maxBytes: number, encoding?: string, kind: InputKind = 'auto'): ReadInput {
  if (bytes.length > maxBytes) throw new InputError('TOO_LARGE', `input is ${bytes.length} bytes, over the --max-bytes limit of ${maxBytes}`);
  const declared = kind === 'text' || kind === 'markdown' ? undefined : sniffDeclaredCharset(bytes);
  const decoded = decodeText(bytes, { forced: encoding, declared });
  const format: InputFormat = kind === 'auto' ? resolveFormat(decoded.text, 'auto') : kind;
  return { ...decoded, format };
}

export async function readStream(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    total += buffer.length;
    if (total > maxBytes) throw new InputError('TOO_LARGE', `input is over the --max-bytes limit of ${maxBytes}`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** A source read and decoded as analysis reads it; `report` and `diff` use it too. */
export interface ReadSource {
  text: string;
  format?: InputFormat;
  encoding: string;
  warnings: Warning[];
}

/**
 * Read and decode one source (not an `error` one): a file (by its raw name bytes when it has them), stdin's
 * bytes, or a JSONL record's text (whose warnings are carried on). Throws InputError for an unreadable input.
 */
export async function readSource(source: Exclude<Source, { kind: 'error' }>, settings: { maxBytes: number; encoding?: string; kind?: InputKind; sync?: boolean }): Promise<ReadSource> {
  if (source.kind === 'text') {
    if (Buffer.byteLength(source.text) > settings.maxBytes) throw new InputError('TOO_LARGE', `text is over the --max-bytes limit of ${settings.maxBytes}`);
    if (source.text.trim() === '') throw new InputError('EMPTY', 'text is empty');
    return { text: source.text, encoding: 'utf-8', warnings: [...(source.warnings ?? [])] };
  }
  const reading = { maxBytes: settings.maxBytes, encoding: settings.encoding, kind: settings.kind, sync: settings.sync };
  const decoded =
    source.kind === 'file'
      ? await readInputFile(source.raw ? Buffer.from(source.raw) : source.path, reading, source.path)
      : decodeBytesChecked(source.bytes, settings.maxBytes, settings.encoding, settings.kind);
  // The reader knows whether this is a page (by extension, --input html, or sniffing).
  return { text: decoded.text, format: decoded.format, encoding: decoded.encoding, warnings: decoded.warnings };
}
