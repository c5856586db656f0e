/** Progress bar on stderr (cli-progress): only on a terminal, only for batches, never with --quiet. */
import type { MultiBar, SingleBar } from 'cli-progress';

export interface Progress {
  /** More inputs discovered (streamed JSONL has no total up front). */
  grow(total: number): void;
  tick(): void;
  /** Print a line above the bar (per-file errors), so the bar is not torn. */
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

export function createProgress(stderr: NodeJS.WritableStream & { isTTY?: boolean }, total: number | undefined): Progress {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MultiBar: Bars, Presets } = require('cli-progress') as typeof import('cli-progress');
  const multi: MultiBar = new Bars(
    {
      stream: stderr,
      format: 'analysing {bar} {value}/{total} | {rate} docs/s | ETA {eta_formatted}',
      // The cursor stays visible: a run killed by a signal must not leave the user's terminal without one.
      hideCursor: false,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const started = Date.now();
  let done = 0;
  let known = total ?? 0;
  const bar: SingleBar = multi.create(known, 0, { rate: '0.0' });
  multi.update(); // draw now: the timer's first frame would come too late for short batches
  return {
    grow(count) {
      if (count > known) bar.setTotal((known = count));
    },
    tick() {
      done++;
      bar.update(done, { rate: (done / Math.max((Date.now() - started) / 1000, 0.001)).toFixed(1) });
    },
    log(line) {
      multi.log(line.endsWith('\n') ? line : `${line}\n`);
    },
    stop() {
      multi.update(); // a last frame flushes log lines still buffered; stop() alone would drop them
      multi.stop();
    },
  };
}
