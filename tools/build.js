#!/usr/bin/env node
'use strict';
/**
 * `npm run build`: compile into a fresh folder, then move each file into dist/ with rename(2), which replaces a file
 * in one step. A CLI started from this checkout while it builds (during `npm install <path>`, `npm run eval`,
 * `npm run bench`) always finds a dist/ whose every file is whole; a failed compile leaves dist/ as it was. Files the
 * new build no longer produces are removed last.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

// `--project <tsconfig>` and `--out <dir>` (default: this checkout's tsconfig.json and dist/) let the tests build a
// small project the same way.
const argument = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]) : fallback;
};
const root = path.join(__dirname, '..');
const project = argument('--project', path.join(root, 'tsconfig.json'));
const dist = argument('--out', path.join(root, 'dist'));
// Beside the output folder, so that rename never crosses a file system.
const staging = path.join(path.dirname(dist), `.dist-build-${process.pid}`);

function filesUnder(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full, base) : [path.relative(base, full)];
  });
}

function removeEmptyDirs(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    removeEmptyDirs(full);
    if (!fs.readdirSync(full).length) fs.rmdirSync(full);
  }
}

const tsc = require.resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', project, '--outDir', staging], { stdio: 'inherit' });
try {
  if (compiled.status !== 0) throw Object.assign(new Error('tsc failed; dist/ left as it was'), { status: compiled.status ?? 1 });
  const built = filesUnder(staging);
  for (const file of built) {
    const target = path.join(dist, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(path.join(staging, file), target);
  }
  const fresh = new Set(built);
  for (const file of filesUnder(dist)) if (!fresh.has(file)) fs.rmSync(path.join(dist, file), { force: true });
  removeEmptyDirs(dist);
} catch (error) {
  process.stderr.write(`build: ${error.message}\n`);
  process.exitCode = error.status ?? 1;
} finally {
  fs.rmSync(staging, { recursive: true, force: true });
}
