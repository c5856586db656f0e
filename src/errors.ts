/**
 * Exit codes of the CLI, documented in the README and in --help. Defined here only; errors carry theirs.
 * A run ended by a signal exits with 128 + the signal's number, as shells report it.
 */
export const EXIT = {
  OK: 0,
  INPUT_FAILED: 1,
  USAGE: 2,
  /**
   * An output could not be written once the work had started (disk full, I/O error): the message names the path,
   * and a file the run would have replaced keeps its old content.
   */
  OUTPUT_FAILED: 3,
  /** `archive`: the archive file is locked by another writer, read-only, not an archive, or of a newer schema. */
  ARCHIVE: 4,
  /** SIGHUP (terminal closed). */
  HANGUP: 129,
  /** SIGINT (Ctrl-C). */
  INTERRUPTED: 130,
  /** stdout closed by its reader (SIGPIPE's number, though Node ignores the signal itself). */
  BROKEN_PIPE: 141,
  /** SIGTERM (timeout, systemd, container and cluster schedulers). */
  TERMINATED: 143,
} as const;

/** Signals that stop a batch the way Ctrl-C does, with the exit code each one gives. */
export const STOP_SIGNALS = { SIGINT: EXIT.INTERRUPTED, SIGTERM: EXIT.TERMINATED, SIGHUP: EXIT.HANGUP } as const;
export type StopSignal = keyof typeof STOP_SIGNALS;

/** Largest input accepted by default, in bytes (--max-bytes). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

/** Error codes for inputs that cannot be analysed; each is listed in the README. */
export type InputErrorCode =
  | 'NOT_FOUND'
  | 'IS_DIRECTORY'
  | 'PERMISSION'
  | 'READ_ERROR'
  | 'EMPTY'
  | 'BINARY'
  | 'TOO_LARGE'
  | 'BAD_ENCODING';

/** An input that could not be read or decoded. The batch reports it and goes on; the run then exits 1. */
export class InputError extends Error {
  readonly exitCode = EXIT.INPUT_FAILED;
  constructor(readonly code: InputErrorCode, message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The command line cannot be run as given (bad option value, unusable --output, stdin asked for twice): exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT.USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
