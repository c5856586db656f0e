import { createReadStream, promises as fs } from 'fs';
import { extname } from 'path';
import { decodeText, sniffDeclaredCharset, type Decoded } from '../pipeline/decode';
import { looksLikeHtml } from '../pipeline/html';
import type { InputFormat } from '../pipeline/format';
import { InputError } from '../errors';

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** How to read an input: `auto` goes by the extension (.html/.htm), then by sniffing the content. */
export type InputKind = 'auto' | InputFormat;

export interface ReadOptions {
  maxBytes?: number;
  encoding?: string;
  kind?: InputKind;
}

/** Decoded text plus the format to analyse it as (pass `format` on to analyzeText). */
export interface ReadInput extends Decoded {
  format: InputFormat;
}

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml', '.shtml']);

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

/** Read and decode one file; every failure is an InputError with a code. */
export async function readInputFile(path: string, options: ReadOptions = {}): Promise<ReadInput> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) throw new InputError('IS_DIRECTORY', 'is a directory, not a file');
    if (stat.size > maxBytes) throw new InputError('TOO_LARGE', `file is ${stat.size} bytes, over the --max-bytes limit of ${maxBytes}`);
    // Devices and pipes (/dev/zero, <(cmd)) report no size and may never end: read them as a stream with the limit.
    bytes = stat.isFile() ? await fs.readFile(path) : await readStream(createReadStream(path), maxBytes);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fromFsError(error as NodeJS.ErrnoException);
  }
  const kind = options.kind && options.kind !== 'auto' ? options.kind : HTML_EXTENSIONS.has(extname(path).toLowerCase()) ? 'html' : 'auto';
  return decodeBytesChecked(bytes, maxBytes, options.encoding, kind);
}

/**
 * Decode bytes already in memory (stdin), with the same limits and errors as files. A page that may be HTML is
 * decoded with the charset its <meta> declares; `auto` then sniffs the decoded text.
 */
export function decodeBytesChecked(bytes: Uint8Array, maxBytes: number, encoding?: string, kind: InputKind = 'auto'): ReadInput {
  if (bytes.length > maxBytes) throw new InputError('TOO_LARGE', `input is ${bytes.length} bytes, over the --max-bytes limit of ${maxBytes}`);
  const declared = kind === 'text' ? undefined : sniffDeclaredCharset(bytes);
  const decoded = decodeText(bytes, { forced: encoding, declared });
  const format: InputFormat = kind === 'auto' ? (looksLikeHtml(decoded.text) ? 'html' : 'text') : kind;
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
