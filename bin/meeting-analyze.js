#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli/main.js');
const { STOP_SIGNALS } = require('../dist/errors.js');

/** Exit codes that stand for a signal (128 + its number) → the signal's name. */
const SIGNAL_OF = Object.fromEntries(Object.entries(STOP_SIGNALS).map(([signal, code]) => [code, signal]));

// threads: even one input is analysed in a worker, so Ctrl-C and SIGTERM are answered during a long document.
runCli({ argv: process.argv.slice(2), threads: true }).then((code) => {
  process.exitCode = code;
  const signal = SIGNAL_OF[code];
  if (signal) {
    // Stopped by a signal, with its records written and --output committed: end by that signal, as Unix tools do,
    // so the shell reports 128 + its number and a calling script stops too. process.exit() would first stop the
    // worker threads, and one stopped inside nodejieba's native code aborts the process (exit 134).
    process.kill(process.pid, signal);
    setTimeout(() => process.exit(code), 2000).unref();
  } else if (code >= 128) process.exit(code); // a closed pipe: an unread stdin must not keep the process alive
});
