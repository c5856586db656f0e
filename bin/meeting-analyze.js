#!/usr/bin/env node
'use strict';
const { runCli } = require('../dist/cli/main.js');

runCli({ argv: process.argv.slice(2) }).then((code) => {
  process.exitCode = code;
});
