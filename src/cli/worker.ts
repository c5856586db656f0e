/** Worker thread: loads the lexicon and nodejieba once, then runs tasks posted by the pool (src/cli/pool.ts). */
import { parentPort, workerData } from 'worker_threads';
import { runTask, warmUp, type Task, type TaskSettings } from './task';

export type ToWorker = { type: 'task'; task: Task } | { type: 'stop' };
export type FromWorker = { type: 'ready' } | { type: 'fatal'; message: string } | { type: 'done'; outcome: import('./task').Outcome };

const settings = workerData as TaskSettings;
const port = parentPort!;

try {
  warmUp(settings);
  port.postMessage({ type: 'ready' } satisfies FromWorker);
} catch (error) {
  port.postMessage({ type: 'fatal', message: (error as Error).message } satisfies FromWorker);
}

// Tasks are handled one at a time in arrival order; runTask never throws.
let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  // Leave from here, between tasks: terminate() while nodejieba is inside native code aborts the whole process.
  if (message.type === 'stop') process.exit(0);
  queue = queue.then(async () => {
    const outcome = await runTask(message.task, settings);
    port.postMessage({ type: 'done', outcome } satisfies FromWorker);
  });
});
