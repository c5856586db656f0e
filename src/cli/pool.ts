/**
 * Runs tasks on N worker threads (or in this thread for one job) and hands outcomes back in input order.
 * Memory stays bounded: at most WINDOW tasks are between "taken from the input" and "handed to the output",
 * and the next input is only pulled when there is room.
 */
import { existsSync } from 'fs';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { EXIT } from '../errors';
import type { Source } from '../input/source';
import type { Outcome, Task, TaskSettings } from './task';
import type { FromWorker, ToWorker } from './worker';

export interface PoolOptions {
  jobs: number;
  settings: TaskSettings;
  signal?: AbortSignal;
  /** Called once per input, in input order; awaited (so a slow stdout slows the batch instead of filling memory). */
  onOutcome: (outcome: Outcome) => Promise<void> | void;
  /** Stop without waiting for running tasks (broken pipe, interrupted); checked between outcomes. */
  shouldStop?: () => boolean;
  /** Another worker script speaking the same messages (tests use one that crashes on purpose). */
  workerScript?: string;
  /**
   * Run even a single job in a worker thread. The CLI sets it: while this thread analyses a long document it
   * cannot see Ctrl-C or SIGTERM, a worker can be left behind. In-memory callers (tests) keep one job in this thread.
   */
  threads?: boolean;
  /**
   * Start workers only as inputs arrive (the first at once, another when an input waits and all are full), so a
   * stream of two records never starts eight workers. For streamed inputs whose number is not known up front.
   */
  lazy?: boolean;
}

/** Workers cannot run: the lexicon or nodejieba does not load, or workers keep dying. Nothing more can be analysed. */
export class StartError extends Error {
  override readonly name = 'StartError';
  /** Nothing could be analysed: reported like a usage error (a --lexicon that does not load is the usual cause). */
  readonly exitCode = EXIT.USAGE;
}

export interface PoolResult {
  /** Inputs taken from the source (every one of them was handed to onOutcome unless stopped early). */
  started: number;
  /** Outcomes handed to onOutcome. */
  emitted: number;
  stopped: boolean;
  /** Milliseconds from "every worker has loaded nodejieba" to "last outcome handed over": the work phase. */
  workMs: number;
}

/**
 * Tasks a worker may hold at once: one running and three queued, so it never waits on a round trip to the main
 * thread, even when a busy machine leaves that thread unscheduled for a few milliseconds (with one queued, workers
 * sat idle under load).
 */
const PER_WORKER = 4;
const MAX_REPLACEMENTS_PER_JOB = 4;

interface Runner {
  ready: Promise<void>;
  inFlight: Map<number, Task>;
  send(task: Task): void;
  close(): Promise<void>;
  /** Stop without waiting (interrupted): a busy worker is left to the process exit instead of being awaited. */
  abandon(): void;
}

function workerScript(): string {
  const beside = path.join(__dirname, 'worker.js');
  // Under ts-jest this file runs from src/, where only worker.ts exists: use the built copy.
  return existsSync(beside) ? beside : path.resolve(__dirname, '..', '..', 'dist', 'cli', 'worker.js');
}

function localRunner(settings: TaskSettings, done: (outcome: Outcome) => void): Runner {
  // Required here, not at the top: with workers the main thread must not load the pipeline or nodejieba.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runTask, warmUp } = require('./task') as typeof import('./task');
  const inFlight = new Map<number, Task>();
  return {
    ready: new Promise<void>((resolve) => {
      warmUp(settings);
      resolve();
    }),
    inFlight,
    send(task) {
      inFlight.set(task.seq, task);
      // setImmediate lets output drain and signals arrive between documents.
      setImmediate(() => {
        void runTask(task, settings).then((outcome) => {
          inFlight.delete(task.seq);
          done(outcome);
        });
      });
    },
    close: async () => undefined,
    abandon: () => undefined,
  };
}

function workerRunner(script: string, settings: TaskSettings, done: (outcome: Outcome) => void, failed: (runner: Runner, message: string) => void): Runner {
  const worker = new Worker(script, { workerData: settings });
  const inFlight = new Map<number, Task>();
  let closing = false;
  let settleReady: { resolve: () => void; reject: (error: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  const runner: Runner = {
    ready,
    inFlight,
    send(task) {
      inFlight.set(task.seq, task);
      worker.postMessage({ type: 'task', task } satisfies ToWorker);
    },
    async close() {
      if (closing) return;
      closing = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
      await exited;
    },
    abandon() {
      if (closing) return;
      closing = true;
      worker.postMessage({ type: 'stop' } satisfies ToWorker);
      // An idle worker leaves at once; a busy one must not hold the process open after the batch has returned.
      worker.unref();
    },
  };
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'ready') settleReady.resolve();
    else if (message.type === 'fatal') settleReady.reject(new Error(message.message));
    else {
      inFlight.delete(message.outcome.seq);
      done(message.outcome);
    }
  });
  const lost = (why: string) => {
    if (closing) return;
    closing = true;
    settleReady.reject(new Error(why));
    failed(runner, why);
  };
  worker.on('error', (error) => lost(`worker failed: ${error.message}`));
  worker.on('exit', (code) => lost(`worker stopped (exit code ${code})`));
  return runner;
}

export async function runPool(sources: AsyncIterable<Source>, options: PoolOptions): Promise<PoolResult> {
  const jobs = Math.max(1, options.jobs);
  const window = jobs * PER_WORKER * 4;
  const finished = new Map<number, Outcome>();
  // Wake-ups from finished tasks, arrived inputs and abort; the flag keeps one that comes early from being lost.
  let signalled = false;
  let resume: (() => void) | undefined;
  const wake = () => {
    signalled = true;
    resume?.();
    resume = undefined;
  };
  const sleep = async () => {
    if (!signalled) await new Promise<void>((resolve) => (resume = resolve));
    signalled = false;
  };

  const done = (outcome: Outcome) => {
    finished.set(outcome.seq, outcome);
    wake();
  };
  const runners: Runner[] = [];
  const script = options.workerScript ?? workerScript();
  let stopping = false;
  // Tasks a crashed worker held: each gets one more try, alone on a worker, so only the one that crashes it fails.
  const retries: Task[] = [];
  const retried = new Set<number>();
  let replaced = 0;
  let lastLoss = '';
  const replace = (runner: Runner, message: string) => {
    for (const task of runner.inFlight.values()) {
      if (retried.has(task.seq)) {
        const input = task.source.kind === 'file' ? task.source.path : task.source.input;
        done({ seq: task.seq, input, id: task.source.kind === 'text' ? task.source.id : undefined, error: { code: 'ANALYSIS_FAILED', message } });
      } else {
        retried.add(task.seq);
        retries.push(task);
      }
    }
    runner.inFlight.clear();
    const index = runners.indexOf(runner);
    if (index >= 0 && !stopping) {
      lastLoss = message;
      // Workers that keep dying (no memory, a broken install) are not replaced for ever.
      if (++replaced > MAX_REPLACEMENTS_PER_JOB * jobs) runners.splice(index, 1);
      else {
        const fresh = workerRunner(script, options.settings, done, replace);
        fresh.ready.catch(() => undefined);
        runners[index] = fresh;
      }
    }
    wake();
  };
  const addWorker = () => runners.push(workerRunner(script, options.settings, done, replace));
  if (jobs === 1 && !options.threads) runners.push(localRunner(options.settings, done));
  else for (let i = 0; i < (options.lazy ? 1 : jobs); i++) addWorker();

  const onAbort = () => wake();
  options.signal?.addEventListener('abort', onAbort);
  const stopped = () => Boolean(options.signal?.aborted || options.shouldStop?.());

  let started = 0;
  let emitted = 0;
  let workStart = Date.now();
  try {
    const aborted = new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve();
      options.signal?.addEventListener('abort', () => resolve());
    });
    await Promise.race([
      Promise.all(runners.map((runner) => runner.ready)).catch((error: Error) => {
        throw new StartError(error.message);
      }),
      aborted,
    ]);
    workStart = Date.now();
    const iterator = sources[Symbol.asyncIterator]();
    // The next input is pulled in the background, so results keep flowing out while stdin is slow.
    let pulled: IteratorResult<Source> | undefined;
    let pulling = false;
    let pullError: unknown;
    let exhausted = false;
    const startPull = () => {
      if (pulling) return;
      pulling = true;
      iterator.next().then(
        (result) => {
          pulling = false;
          pulled = result;
          wake();
        },
        (error: unknown) => {
          pulling = false;
          pullError = error ?? new Error('input failed');
          wake();
        },
      );
    };
    while (!stopped()) {
      // Take inputs while a worker has room and the reorder window is not full.
      while (retries.length) {
        const empty = runners.find((r) => r.inFlight.size === 0);
        if (!empty) break;
        empty.send(retries.shift()!);
      }
      while (!retries.length && !exhausted && started < emitted + window) {
        const idle = runners
          .filter((r) => r.inFlight.size < (jobs === 1 ? 1 : PER_WORKER) && ![...r.inFlight.keys()].some((seq) => retried.has(seq)))
          .sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
        if (!idle) {
          // Lazy start: an input is waiting and every worker is full.
          if (options.lazy && pulled && !pulled.done && runners.length < jobs && !stopping) {
            addWorker();
            runners[runners.length - 1].ready.catch(() => undefined);
            continue;
          }
          break;
        }
        if (!pulled) {
          startPull();
          break;
        }
        const next = pulled;
        pulled = undefined;
        if (next.done) {
          exhausted = true;
          break;
        }
        const task: Task = { seq: started++, source: next.value };
        if (task.source.kind === 'error') done({ seq: task.seq, input: task.source.input, id: task.source.id, error: { code: task.source.code, message: task.source.message } });
        else idle.send(task);
      }
      if (pullError) throw pullError;
      if (!runners.length) throw new StartError(`workers keep failing: ${lastLoss}`);
      let handed = 0;
      while (finished.has(emitted) && !stopped()) {
        const outcome = finished.get(emitted)!;
        finished.delete(emitted);
        emitted++;
        handed++;
        await options.onOutcome(outcome);
      }
      if (exhausted && emitted === started) break;
      if (!handed) await sleep();
    }
    if (stopped() && !options.shouldStop?.()) {
      // Interrupted: hand over what has finished (in order, with gaps), drop the rest.
      for (const seq of [...finished.keys()].sort((a, b) => a - b)) {
        emitted++;
        await options.onOutcome(finished.get(seq)!);
      }
    }
    return { started, emitted, stopped: stopped(), workMs: Date.now() - workStart };
  } finally {
    stopping = true;
    options.signal?.removeEventListener('abort', onAbort);
    // Interrupted: answer now; waiting for a worker in the middle of a long document would make Ctrl-C slow.
    if (options.signal?.aborted) for (const runner of runners) runner.abandon();
    else await Promise.all(runners.map((runner) => runner.close()));
  }
}
