/**
 * Preloaded with `node -r` into every process the benchmark starts (the tool and the baselines alike): reports the
 * process's peak resident set size on exit, so no external `time` binary is needed.
 */
import { writeSync } from 'fs';

process.on('exit', () => {
  // maxRSS is in kilobytes and covers every thread of the process, workers included.
  writeSync(2, `\nBENCH_MAXRSS_KB ${process.resourceUsage().maxRSS}\n`);
});
