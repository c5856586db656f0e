/**
 * Runs tasks on N worker threads (or in this thread for one job) and hands outcomes back in input order.
 * Memory stays bounded: at most WINDOW tasks are between "taken from the input" and "handed to the output",
 * and the next input is only pulled when there is room.
 */
import { existsSync, readFileSync } from 'fs';
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
  /** Told about a degraded run (fewer workers than asked, workers that keep dying); one line each. */
  onWarning?: (message: string) => void;
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
  /** Workers that started and became ready (0: the tasks ran in this thread), replacements not counted. */
  workers: number;
  /** Messages that brought outcomes back from workers (each one wakes this thread). */
  messages: number;
}

/**
 * Tasks a worker may hold at once: one running and up to five queued. It sends its outcomes a few to a message
 * (worker.ts) while at least two tasks are still queued, so it never waits on a round trip to the main thread, even
 * when a busy machine leaves that thread unscheduled for a few milliseconds (with one queued, workers sat idle
 * under load).
 */
const PER_WORKER = 6;
/**
 * Workers that die one after the other without a single outcome coming back in between: past this many the
 * install (or the machine) is broken, and the inputs left are reported as failed instead of starting worker after
 * worker. A worker that dies now and then (an input that runs it out of memory) never reaches it.
 */
const MAX_DEATHS_IN_A_ROW = 6;
/**
 * Address space one more worker reserves (measured: 0.7–0.95 GB of virtual memory each, mostly V8's heap and code
 * reservations and nodejieba's tables). Under `ulimit -v` a worker that cannot reserve it ends the whole process
 * with a fatal V8 error that no code can catch, so the pool starts only as many as fit.
 */
const WORKER_ADDRESS_SPACE = 1 << 30;

/**
 * How many workers fit in this process's address-space limit (`ulimit -v`, RLIMIT_AS), or Infinity when there is
 * none or it cannot be read (not Linux).
 */
export function workersThatFit(limits = readProc('/proc/self/limits'), status = readProc('/proc/self/status')): number {
  const limit = /^Max address space\s+(\d+|unlimited)/m.exec(limits ?? '')?.[1];
  if (!limit || limit === 'unlimited') return Infinity;
  const used = Number(/^VmSize:\s+(\d+)\s*kB/m.exec(status ?? '')?.[1] ?? 0) * 1024;
  return Math.max(0, Math.floor((Number(limit) - used) / WORKER_ADDRESS_SPACE));
}

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface Runner {
  ready: Promise<void>;
  /** It has loaded nodejieba and answered (a runner that dies before that could not start). */
  started: boolean;
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
    started: true,
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

let messagesReceived = 0;

function workerRunner(script: string, settings: TaskSettings, done: (outcome: Outcome) => void, failed: (runner: Runner, message: string) => void): Runner {
  const worker = new Worker(script, { workerData: settings });
  const inFlight = new Map<number, Task>();
  let closing = false;
  let settleReady: { resolve: () => void; reject: (error: Error) => void };
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  const runner: Runner = {
    ready,
    started: false,
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
    if (message.type === 'ready') {
      runner.started = true;
      settleReady.resolve();
    } else if (message.type === 'fatal') settleReady.reject(new Error(message.message));
    else {
      // Several outcomes per message (see worker.ts); one from simpler workers.
      messagesReceived++;
      for (const outcome of message.outcomes ?? [message.outcome!]) {
        inFlight.delete(outcome.seq);
        done(outcome);
      }
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
  let jobs = Math.max(1, options.jobs);
  const warn = (message: string) => options.onWarning?.(message);
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

  let deathsInARow = 0;
  const done = (outcome: Outcome) => {
    finished.set(outcome.seq, outcome);
    wake();
  };
  // An outcome that came back from a runner: the workers work, whatever this one input did.
  const answered = (outcome: Outcome) => {
    deathsInARow = 0;
    done(outcome);
  };
  const failure = (task: Task, message: string): Outcome => {
    const input = task.source.kind === 'file' ? task.source.path : task.source.input;
    return { seq: task.seq, input, id: task.source.kind === 'text' || task.source.kind === 'error' ? task.source.id : undefined, error: { code: 'ANALYSIS_FAILED', message } };
  };
  const runners: Runner[] = [];
  const script = options.workerScript ?? workerScript();
  let stopping = false;
  // Tasks a crashed worker held: each gets one more try, alone on a worker, so only the one that crashes it fails.
  const retries: Task[] = [];
  const retried = new Set<number>();
  let lastLoss = '';
  /** Set once workers keep dying: every input still to come is reported as failed with this message. */
  let givenUp: string | undefined;
  const replace = (runner: Runner, message: string) => {
    const index = runners.indexOf(runner);
    const others = runners.filter((other) => other !== runner && other.started);
    if (!runner.started && others.length && !stopping) {
      // A worker that could not start (no memory for another isolate): go on with the ones that did.
      for (const task of runner.inFlight.values()) retries.push(task);
      runner.inFlight.clear();
      if (index >= 0) runners.splice(index, 1);
      jobs = Math.max(1, runners.length);
      warn(`a worker could not start (${message}); going on with ${runners.length}`);
      wake();
      return;
    }
    deathsInARow++;
    lastLoss = message;
    if (deathsInARow > MAX_DEATHS_IN_A_ROW && !givenUp) {
      givenUp = `not analysed: workers keep failing (${message})`;
      warn(`workers keep failing (${message}): the inputs left are reported as failed`);
    }
    for (const task of runner.inFlight.values()) {
      if (givenUp) done(failure(task, givenUp));
      else if (retried.has(task.seq)) done(failure(task, message));
      else {
        retried.add(task.seq);
        retries.push(task);
      }
    }
    runner.inFlight.clear();
    if (index >= 0 && !stopping) {
      if (givenUp) runners.splice(index, 1);
      else {
        const fresh = workerRunner(script, options.settings, answered, replace);
        fresh.ready.catch(() => undefined);
        runners[index] = fresh;
      }
    }
    wake();
  };
  const addWorker = () => {
    const runner = workerRunner(script, options.settings, answered, replace);
    runners.push(runner);
    return runner;
  };
  // Under `ulimit -v` a worker that does not fit aborts the whole process: start only those that fit.
  const fit = options.jobs === 1 && !options.threads ? Infinity : workersThatFit();
  let local = jobs === 1 && !options.threads;
  if (!local && fit < jobs) {
    warn(
      fit === 0
        ? `the address-space limit (ulimit -v) leaves no room for a worker thread: analysing in the main thread (Ctrl-C is answered between documents)`
        : `the address-space limit (ulimit -v) leaves room for ${fit} worker(s), not ${jobs}: using ${fit}`,
    );
    if (fit === 0) local = true;
    else jobs = fit;
  }
  if (local) runners.push(localRunner(options.settings, answered));
  else for (let i = 0; i < (options.lazy ? 1 : jobs); i++) addWorker();

  const onAbort = () => wake();
  options.signal?.addEventListener('abort', onAbort);
  const stopped = () => Boolean(options.signal?.aborted || options.shouldStop?.());

  let started = 0;
  let emitted = 0;
  let workStart = Date.now();
  let workers = 0;
  const messagesBefore = messagesReceived;
  try {
    const aborted = new Promise<void>((resolve) => {
      if (options.signal?.aborted) resolve();
      options.signal?.addEventListener('abort', () => resolve());
    });
    await Promise.race([
      Promise.allSettled(runners.map((runner) => runner.ready)).then((settledAll) => {
        // Every worker failed to start (a --lexicon that does not load fails them all): nothing can be analysed.
        const failures = settledAll.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
        if (failures.length === settledAll.length) throw new StartError((failures[0].reason as Error).message);
      }),
      aborted,
    ]);
    workers = local ? 0 : runners.filter((runner) => runner.started).length;
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
      while (retries.length && !givenUp) {
        const empty = runners.find((r) => r.inFlight.size === 0);
        if (!empty) break;
        empty.send(retries.shift()!);
      }
      while (retries.length && givenUp) done(failure(retries.shift()!, givenUp));
      while (!retries.length && !exhausted && started < emitted + window) {
        const idle = givenUp
          ? undefined
          : runners
              .filter((r) => r.inFlight.size < (jobs === 1 ? 1 : PER_WORKER) && ![...r.inFlight.keys()].some((seq) => retried.has(seq)))
              .sort((a, b) => a.inFlight.size - b.inFlight.size)[0];
        if (!idle && !givenUp) {
          // Started as the input comes faster than the workers take it: an input is waiting and every worker is
          // full. Looking one input ahead is what shows that (a stream of two records never starts a second one).
          if (options.lazy && runners.length < jobs && !stopping && !local) {
            if (!pulled) {
              startPull();
              break;
            }
            if (!pulled.done) {
              addWorker().ready.catch(() => undefined);
              continue;
            }
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
        else if (givenUp) done(failure(task, givenUp));
        else idle!.send(task);
      }
      if (pullError) throw pullError;
      if (!runners.length && !givenUp) throw new StartError(`workers keep failing: ${lastLoss}`);
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
    workers = local ? 0 : Math.max(workers, runners.filter((runner) => runner.started).length);
    return { started, emitted, stopped: stopped(), workMs: Date.now() - workStart, workers, messages: messagesReceived - messagesBefore };
  } finally {
    stopping = true;
    options.signal?.removeEventListener('abort', onAbort);
    // Interrupted: answer now; waiting for a worker in the middle of a long document would make Ctrl-C slow.
    if (options.signal?.aborted) for (const runner of runners) runner.abandon();
    else await Promise.all(runners.map((runner) => runner.close()));
  }
}
