/**
 * How much of V8's optimising compiler a batch uses. Every worker thread compiles the analysis code for itself, and
 * V8's optimising compiler (TurboFan) does that on background threads for hundreds of documents. With fewer jobs
 * than CPUs those threads run on an idle CPU for free; when the jobs fill the CPUs they take CPU time from the
 * workers, and over a batch of 500 inputs they cost more than the optimised code saves (about a fifth of the
 * process's CPU time with two jobs on two CPUs; docs/performance.md). Then the workers run on V8's baseline
 * compiler only: same results, as JavaScript semantics do not depend on the tier that runs the code.
 *
 * `MEETING_ANALYZE_JIT=full` keeps the optimising compiler whatever the job count; `light` turns it off always.
 */
import { availableParallelism } from 'os';
import { setFlagsFromString } from 'v8';

export type JitMode = 'full' | 'light';

/** The mode for `jobs` worker threads on this machine, or the one the environment asks for. */
export function jitMode(jobs: number, env: NodeJS.ProcessEnv, cpus = availableParallelism()): JitMode {
  if (env.MEETING_ANALYZE_JIT === 'full' || env.MEETING_ANALYZE_JIT === 'light') return env.MEETING_ANALYZE_JIT;
  return jobs >= cpus ? 'light' : 'full';
}

/**
 * Apply the mode before the workers start: V8's flags are per process, and each worker isolate reads them as it
 * tiers up its code. Only for batches that run in worker threads (the main thread then only hands out inputs and
 * writes records); in-process callers keep the default.
 */
export function applyJitMode(mode: JitMode): void {
  if (mode === 'light') setFlagsFromString('--max-opt=1');
}
