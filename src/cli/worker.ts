/** Worker thread: loads the lexicon and nodejieba once, then runs tasks posted by the pool (src/cli/pool.ts). */
import { statSync } from 'fs';
import { parentPort, workerData } from 'worker_threads';
import { runTask, warmUp, type Outcome, type Task, type TaskSettings } from './task';

export type ToWorker = { type: 'task'; task: Task } | { type: 'stop' };
/** `done` carries the outcomes finished since the last message, in the order they finished (`outcome`: one, from simpler workers). */
export type FromWorker = { type: 'ready' } | { type: 'fatal'; message: string } | { type: 'done'; outcomes?: Outcome[]; outcome?: Outcome };

const settings = workerData as TaskSettings;
const port = parentPort!;

try {
  warmUp(settings);
  port.postMessage({ type: 'ready' } satisfies FromWorker);
} catch (error) {
  port.postMessage({ type: 'fatal', message: (error as Error).message } satisfies FromWorker);
}

/**
 * Outcomes are sent several to a message: each message wakes the main thread, and on a busy machine every wake-up
 * costs this thread a millisecond or two. They are held only while more work is queued here and for a short
 * time: sent when the queue runs low (so the pool can refill it before this thread runs dry), when a few have
 * gathered, when the oldest has waited HOLD_MS, and before a large input (a finished record never waits behind a
 * long document, so Ctrl-C during it still writes every record finished before it).
 */
const BATCH = 4;
const LOW_WATER = 2;
const HOLD_MS = 50;
const LARGE_INPUT = 256 * 1024;

let held: Outcome[] = [];
let heldSince = 0;
/** Tasks received and not started, in arrival order. */
const waiting: Task[] = [];
let running = false;

const flush = () => {
  if (!held.length) return;
  port.postMessage({ type: 'done', outcomes: held } satisfies FromWorker);
  held = [];
};

function large(task: Task): boolean {
  const { source } = task;
  if (source.kind === 'text') return source.text.length > LARGE_INPUT / 3;
  if (source.kind === 'bytes') return source.bytes.length > LARGE_INPUT;
  if (source.kind !== 'file') return false;
  try {
    return statSync(source.raw ? Buffer.from(source.raw) : source.path).size > LARGE_INPUT;
  } catch {
    return false; // the reader reports it
  }
}

/**
 * Run the next waiting task, then come back through setImmediate: the messages that arrived meanwhile are taken in
 * first (a promise chain would run each task as soon as its message came, one message at a time, so nothing would
 * ever be seen waiting). Tasks run one at a time in arrival order; runTask never throws.
 */
function runNext(): void {
  const task = waiting.shift();
  if (!task) {
    running = false;
    flush();
    return;
  }
  if (held.length && large(task)) flush();
  void runTask(task, settings).then((outcome) => {
    if (!held.length) heldSince = Date.now();
    held.push(outcome);
    if (waiting.length <= LOW_WATER || held.length >= BATCH || Date.now() - heldSince >= HOLD_MS) flush();
    setImmediate(runNext);
  });
}

port.on('message', (message: ToWorker) => {
  // Leave from here, between tasks: terminate() while nodejieba is inside native code aborts the whole process.
  if (message.type === 'stop') {
    flush();
    process.exit(0);
  }
  waiting.push(message.task);
  if (!running) {
    running = true;
    setImmediate(runNext);
  }
});
