/** What the `report` and `diff` commands are given: shared by their wiring (commands.ts) and actions (report-actions.ts). */

export interface CommandIo {
  /** Read for the input `-` (default: process.stdin). */
  stdin?: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** The command's exit code, returned by runCli. */
  setExitCode(code: number): void;
}

/** Reading options common to every command that analyses inputs. */
export interface ReadOptions {
  top: number;
  lexicon: string[];
  encoding?: string;
  maxBytes: number;
  quiet?: boolean;
  /** Extensions taken from directories (`--ext`). */
  ext?: string[];
}
