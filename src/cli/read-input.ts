import { promises as fs } from 'fs';
import { decodeText, type Decoded } from '../pipeline/decode';
import { InputError } from '../errors';

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface ReadOptions {
  maxBytes?: number;
  encoding?: string;
}

function fromFsError(error: NodeJS.ErrnoException): InputError {
  switch (error.code) {
    case 'ENOENT':
      return new InputError('NOT_FOUND', 'no such file');
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
export async function readInputFile(path: string, options: ReadOptions = {}): Promise<Decoded> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Buffer;
  try {
    const stat = await fs.stat(path);
    if (stat.isDirectory()) throw new InputError('IS_DIRECTORY', 'is a directory, not a file');
    if (stat.size > maxBytes) throw new InputError('TOO_LARGE', `file is ${stat.size} bytes, over the --max-bytes limit of ${maxBytes}`);
    bytes = await fs.readFile(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fromFsError(error as NodeJS.ErrnoException);
  }
  return decodeBytesChecked(bytes, maxBytes, options.encoding);
}

/** Decode bytes already in memory (stdin), with the same limits and errors as files. */
export function decodeBytesChecked(bytes: Uint8Array, maxBytes: number, encoding?: string): Decoded {
  if (bytes.length > maxBytes) throw new InputError('TOO_LARGE', `input is ${bytes.length} bytes, over the --max-bytes limit of ${maxBytes}`);
  return decodeText(bytes, { forced: encoding });
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
