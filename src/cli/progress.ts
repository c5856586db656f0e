/**
 * Progress line on stderr: only on a terminal, only for batches, never with --quiet. While the workers load the
 * dictionary it says so (with the time waited); from the first finished record on it shows a bar, the count, the
 * rate measured from that record (start-up is not work) and the time left. The line always fits the terminal.
 */
import prettyMs from 'pretty-ms';

export interface Progress {
  /** More inputs discovered (streamed JSONL has no total up front). */
  grow(total: number): void;
  tick(): void;
  /** Print a line above the progress line (per-file errors), so the line is not torn. */
  log(line: string): void;
  stop(): void;
}

/** No bar: lines go straight to stderr. */
export function plainProgress(stderr: NodeJS.WritableStream): Progress {
  return { grow: () => undefined, tick: () => undefined, log: (line) => void stderr.write(line), stop: () => undefined };
}

export function shouldShowProgress(stderr: { isTTY?: boolean }, quiet: boolean | undefined, total: number | undefined): boolean {
  return Boolean(stderr.isTTY) && !quiet && (total === undefined || total > 1);
}

export interface ProgressOptions {
  /** Worker threads loading the dictionary, named in the loading line. */
  jobs?: number;
  /** Clock in ms (tests pass a fake one). */
  now?: () => number;
  /** Redraw interval in ms while nothing finishes (0: no timer). */
  interval?: number;
}

/** `42s`, `1m 15s`, `1h 2m`: whole seconds in pretty-ms's compact units, two at most (an ETA needs no more). */
export function formatDuration(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds)) * 1000;
  return ms === 0 ? '0s' : prettyMs(ms, { secondsDecimalDigits: 0, unitCount: 2 });
}

/** State of a batch as the progress line shows it; pure, so that it can be tested without a terminal or a clock. */
export interface ProgressState {
  done: number;
  total: number;
  /** Elapsed ms since the batch started. */
  elapsed: number;
  /** ms and count at the first finished record (null before it). */
  first: { at: number; done: number } | null;
  jobs?: number;
}

/** Documents per second since the first finished record, or null until one more per worker has finished. */
export function rateOf(state: ProgressState): number | null {
  // Workers finish their first records almost together: wait for one more record per worker before dividing.
  if (!state.first || state.done - state.first.done < Math.max(1, state.jobs ?? 1)) return null;
  const seconds = (state.elapsed - state.first.at) / 1000;
  return seconds > 0 ? (state.done - state.first.done) / seconds : null;
}

/** The progress line for a terminal `columns` wide (it never reaches the last column, where terminals wrap). */
export function progressLine(state: ProgressState, columns: number): string {
  const max = Math.max(20, columns - 1);
  const count = `${state.done}/${state.total}`;
  if (!state.first) {
    const workers = state.jobs && state.jobs > 1 ? ` in ${state.jobs} workers` : '';
    return fitLine(`loading dictionary${workers}… ${count} · ${formatDuration(state.elapsed / 1000)}`, max);
  }
  const rate = rateOf(state);
  const left = Math.max(0, state.total - state.done);
  const stats = rate === null ? `${count} · measuring rate…` : `${count} · ${rate.toFixed(1)} docs/s · ETA ${formatDuration(left / rate)}`;
  const label = 'analysing ';
  const room = max - label.length - stats.length - 1;
  if (room < 10) return fitLine(`${label}${stats}`, max); // no room for a bar: the numbers matter more
  const width = Math.min(40, room);
  const filled = state.total ? Math.min(width, Math.round((state.done / state.total) * width)) : 0;
  return `${label}${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${stats}`;
}

/** Cut from the left end rather than lose the ETA at the right: the line is ASCII apart from the bar. */
const fitLine = (line: string, max: number) => (line.length <= max ? line : line.slice(line.length - max));

/** Clear the line, carriage return: the next frame overwrites this one. */
const CLEAR = '\r\u001b[2K';

export function createProgress(stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, total: number | undefined, options: ProgressOptions = {}): Progress {
  const now = options.now ?? Date.now;
  const started = now();
  const state: ProgressState = { done: 0, total: total ?? 0, elapsed: 0, first: null, jobs: options.jobs };
  let shown = '';
  let stopped = false;
  let lastDraw = -Infinity;
  const draw = (force = false) => {
    if (stopped) return;
    const at = now();
    // Every frame while few have finished (so the first rate shows at once), then at most ten a second.
    if (!force && state.done > 5 && at - lastDraw < 100) return;
    lastDraw = at;
    state.elapsed = at - started;
    const line = progressLine(state, stderr.columns || 80);
    if (line === shown && !force) return;
    shown = line;
    stderr.write(`${CLEAR}${line}`);
  };
  const interval = options.interval ?? 500;
  // The timer keeps the loading line alive (its seconds count up); unref: it never holds the process open.
  const timer = interval > 0 ? setInterval(() => draw(), interval) : undefined;
  timer?.unref();
  draw(true);
  return {
    grow(count) {
      if (count > state.total) state.total = count;
    },
    tick() {
      state.done++;
      if (!state.first) state.first = { at: now() - started, done: state.done };
      draw();
    },
    log(line) {
      stderr.write(`${CLEAR}${line.endsWith('\n') ? line : `${line}\n`}`);
      shown = '';
      draw(true);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearInterval(timer);
      stderr.write(CLEAR);
    },
  };
}
