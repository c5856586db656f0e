/**
 * Preloaded with `node -r` into every process the benchmark starts (the tool and the baselines alike). On exit it
 * reports on stderr:
 *
 *   BENCH_MAXRSS_KB <peak resident set size of the whole process, every thread included>
 *   BENCH_WORKERS <worker threads started> <of those, how many sent anything besides "ready">
 *   BENCH_CPU_MS <whole process> <main thread> <threads still alive at exit besides the main one>
 *
 * Threads alive at exit are V8's and libuv's helper threads (worker threads have ended by then): their CPU time
 * is mostly V8 compiling on background threads. All from the process itself, so no external tool is needed.
 */
import * as fs from 'fs';
import worker_threads = require('worker_threads');

let started = 0;
const ran = new Set<number>();

if (worker_threads.isMainThread) {
  const Original = worker_threads.Worker;
  // Counted by wrapping the constructor the tool looks up when it starts a worker: a worker that answers with
  // anything but its start-up "ready" has run work.
  class CountedWorker extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      const id = ++started;
      this.on('message', (message: { type?: unknown } | string) => {
        if (message !== 'ready' && !(typeof message === 'object' && message !== null && message.type === 'ready')) ran.add(id);
      });
    }
  }
  (worker_threads as { Worker: typeof Original }).Worker = CountedWorker;

  process.on('exit', () => {
    const usage = process.resourceUsage();
    let main = 0;
    let helpers = 0;
    try {
      for (const tid of fs.readdirSync('/proc/self/task')) {
        // schedstat: nanoseconds on the CPU, nanoseconds waiting for one, time slices.
        const ms = Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        if (Number(tid) === process.pid) main = ms;
        else helpers += ms;
      }
    } catch {
      main = helpers = -1; // no /proc (not Linux): reported as unknown
    }
    // maxRSS is in kilobytes and covers every thread of the process, workers included.
    fs.writeSync(2, `\nBENCH_MAXRSS_KB ${usage.maxRSS}\nBENCH_WORKERS ${started} ${ran.size}\nBENCH_CPU_MS ${Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000)} ${Math.round(main)} ${Math.round(helpers)}\n`);
  });
}
