/** The terminal's width, without loading any table code (json runs start faster without it). */

/** Width used when the terminal's is unknown (output piped, no COLUMNS). */
export const DEFAULT_WIDTH = 100;
/** Narrowest table we draw; below this lines may exceed the terminal. */
export const MIN_WIDTH = 30;

/** The terminal's width in cells: the stream's `columns` when it is a terminal, else `COLUMNS`, else 100. */
export function terminalWidth(stream?: { columns?: number; isTTY?: boolean }, env: NodeJS.ProcessEnv = {}): number {
  const fromStream = stream?.isTTY && stream.columns ? stream.columns : 0;
  const fromEnv = Number.parseInt(env.COLUMNS ?? '', 10);
  const width = fromStream || (Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_WIDTH);
  return Math.max(MIN_WIDTH, width);
}
