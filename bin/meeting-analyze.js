#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli/main.js');

runCli({ argv: process.argv.slice(2) }).then((code) => {
  process.exitCode = code;
  // After Ctrl-C or a closed pipe, an unread stdin must not keep the process alive.
  if (code === 130 || code === 141) process.exit(code);
});
