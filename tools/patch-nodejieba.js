#!/usr/bin/env node
/**
 * postinstall: applies patches/nodejieba+<version>.patch with patch-package and rebuilds nodejieba's native addon,
 * inside the one `npm install`. The patch makes nodejieba's TextRank extractor borrow the Jieba instance's
 * dictionary and HMM model instead of loading private copies (about 0.4 s and 130 MB less per process and worker);
 * segmentation, tagging and keyword output are unchanged (tests/segment/patched-jieba.test.ts proves it).
 *
 * Never fails the install: if the patch cannot apply or the rebuild fails, it prints a warning and the stock build
 * stays in place. Before rebuilding it keeps the stock binary in node_modules/.cache/meeting-analyze/ so the test
 * can compare the two builds. Re-running is cheap: a stamp next to the binary records which patch it was built from.
 *
 *   node tools/patch-nodejieba.js [--force]   (--force: rebuild even when the stamp says it is done)
 */
'use strict';
const { spawnSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const JIEBA = path.join(ROOT, 'node_modules', 'nodejieba');
const BINARY = path.join(JIEBA, 'build', 'Release', 'nodejieba.node');
const STAMP = path.join(JIEBA, 'build', 'Release', 'meeting-analyze-patch.txt');
const STOCK_DIR = path.join(ROOT, 'node_modules', '.cache', 'meeting-analyze');
const STOCK = path.join(STOCK_DIR, 'nodejieba-stock.node');
/**
 * Preprocessor definitions for the rebuild (part of the stamp, so a change rebuilds). With C++ exceptions on,
 * node-addon-api rethrows a Napi::Error into JavaScript; in a worker thread that is being stopped for running out of
 * memory the rethrow itself fails, and the second C++ exception ends in std::terminate, which aborts the whole
 * process with every other worker. This definition lets that rethrow give up quietly instead: the worker ends with
 * ERR_WORKER_OUT_OF_MEMORY and the batch retries its input. Passed as CXXFLAGS (make-based builds: Linux, macOS).
 */
const DEFINES = ['NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS'];

/** A line only the patched source has. */
const MARKER = 'TextRankExtractor(*_jieba_handle, stopWordsPath)';

const say = (message) => console.log(`meeting-analyze: ${message}`);
const warn = (message) => console.warn(`\nmeeting-analyze WARNING: ${message}\nnodejieba stays the stock build: everything works, each process only starts slower and uses ~130 MB more.\n`);

function patchFile() {
  const dir = path.join(ROOT, 'patches');
  const name = fs.existsSync(dir) && fs.readdirSync(dir).find((file) => /^nodejieba\+.*\.patch$/.test(file));
  return name ? path.join(dir, name) : undefined;
}

function sourcePatched() {
  return fs.readFileSync(path.join(JIEBA, 'lib', 'nodejieba.cpp'), 'utf8').includes(MARKER);
}

/** node-gyp as npm runs it for install scripts; else the copy bundled with npm. */
function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  if (process.env.npm_execpath) candidates.push(path.join(path.dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((file) => file && fs.existsSync(file));
}

/** Headers of the running node when they are installed beside it (offline machines cannot download them). */
function nodeDir() {
  if (process.env.npm_config_nodedir) return [`--nodedir=${process.env.npm_config_nodedir}`];
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi')) ? [`--nodedir=${prefix}`] : [];
}

function run(args, cwd, env = process.env) {
  const result = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

function main() {
  const patch = patchFile();
  if (!patch) return say('no nodejieba patch in patches/, nothing to do');
  if (!fs.existsSync(JIEBA)) return warn(`nodejieba is not at ${path.relative(ROOT, JIEBA)} (installed elsewhere?), patch not applied.`);
  const hash = crypto.createHash('sha256').update(fs.readFileSync(patch)).update(DEFINES.join(' ')).digest('hex');
  if (!process.argv.includes('--force') && fs.existsSync(BINARY) && fs.existsSync(STAMP) && fs.readFileSync(STAMP, 'utf8').trim() === hash) {
    return say('nodejieba already patched and built');
  }
  let patchPackage;
  try {
    patchPackage = require.resolve('patch-package/index.js', { paths: [ROOT] });
  } catch {
    return warn('patch-package is not installed (installed without dev dependencies?), nodejieba patch not applied.');
  }

  // The binary nodejieba's own install built from unpatched source: kept for the equivalence test and as a fallback.
  if (fs.existsSync(BINARY) && !sourcePatched()) {
    fs.mkdirSync(STOCK_DIR, { recursive: true });
    fs.copyFileSync(BINARY, STOCK);
  }
  if (!sourcePatched()) keepPristine(patch);

  let applied = run([patchPackage, '--error-on-fail'], ROOT);
  if (!applied.ok && sourcePatched()) {
    // The source carries an earlier version of the patch: put the files it touches back as released, then apply.
    const restored = restorePristine(patch);
    if (restored) applied = run([patchPackage, '--error-on-fail'], ROOT);
    else return warn(`nodejieba's source carries an earlier version of the patch and its released files could not be fetched; reinstall it (rm -rf node_modules/nodejieba && npm install).`);
  }
  if (!applied.ok || !sourcePatched()) return warn(`the nodejieba patch did not apply:\n${applied.output.trim()}`);

  const gyp = nodeGyp();
  if (!gyp) return restore('node-gyp not found, nodejieba not rebuilt');
  say('rebuilding nodejieba with the patch (about 20 s)…');
  const cxxflags = [process.env.CXXFLAGS, ...DEFINES.map((name) => `-D${name}`)].filter(Boolean).join(' ');
  const built = run([gyp, 'rebuild', '--release', '-j', '2', ...nodeDir()], JIEBA, { ...process.env, CXXFLAGS: cxxflags });
  if (!built.ok || !fs.existsSync(BINARY)) return restore(`rebuilding nodejieba failed:\n${built.output.trim().split('\n').slice(-15).join('\n')}`);
  const check = run(['-e', `const j=require(${JSON.stringify(JIEBA)});j.load();if(j.cut('南京市长江大桥',true).join('/')!=='南京市/长江大桥')process.exit(1)`], ROOT);
  if (!check.ok) return restore(`the patched nodejieba does not pass a smoke test:\n${check.output.trim()}`);
  fs.writeFileSync(STAMP, `${hash}\n`);
  say('nodejieba patched and rebuilt');
}

/** Files (relative to the package) the patch changes. */
function patchedFiles(patch) {
  return [...fs.readFileSync(patch, 'utf8').matchAll(/^diff --git a\/node_modules\/nodejieba\/(\S+) b\//gm)].map((match) => match[1]);
}

const PRISTINE = path.join(STOCK_DIR, 'pristine');

/** Keep the released copies of the files the patch changes, so a later version of the patch can start from them. */
function keepPristine(patch) {
  for (const file of patchedFiles(patch)) {
    const from = path.join(JIEBA, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(PRISTINE, file)), { recursive: true });
    fs.copyFileSync(from, path.join(PRISTINE, file));
  }
}

/**
 * Put the released copies of the patched files back: from the copies kept at the first patching, else from the
 * released package (`npm pack`, from npm's cache or registry). True when every file was restored.
 */
function restorePristine(patch) {
  const files = patchedFiles(patch);
  let source = PRISTINE;
  if (!files.every((file) => fs.existsSync(path.join(PRISTINE, file)))) {
    const version = JSON.parse(fs.readFileSync(path.join(JIEBA, 'package.json'), 'utf8')).version;
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'nodejieba-'));
    const npm = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
    const packed = spawnSync(npm[0], [...npm.slice(1), 'pack', `nodejieba@${version}`, '--pack-destination', dir, '--silent'], { encoding: 'utf8' });
    const tarball = packed.status === 0 ? fs.readdirSync(dir).find((name) => name.endsWith('.tgz')) : undefined;
    if (!tarball || spawnSync('tar', ['-xzf', path.join(dir, tarball), '-C', dir]).status !== 0) return false;
    source = path.join(dir, 'package');
  }
  for (const file of files) {
    // A file the patch adds has no released copy: remove it, so the patch can add it again.
    if (fs.existsSync(path.join(source, file))) fs.copyFileSync(path.join(source, file), path.join(JIEBA, file));
    else if (fs.existsSync(path.join(JIEBA, file))) fs.rmSync(path.join(JIEBA, file));
  }
  return true;
}

/** Put the stock binary back (source stays patched: harmless, only the binary is loaded). */
function restore(why) {
  if (fs.existsSync(STOCK)) {
    fs.mkdirSync(path.dirname(BINARY), { recursive: true });
    fs.copyFileSync(STOCK, BINARY);
  }
  warn(why);
}

try {
  main();
} catch (error) {
  warn(`patching nodejieba failed: ${error && error.message}`);
}
