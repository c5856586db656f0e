/**
 * The progress line: pure rendering with a fake clock, then the real CLI in a real terminal (tmux, 80 columns):
 * the loading phase first, then a rate and an ETA, every frame narrower than the window.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Writable } from 'stream';
import { createProgress, formatDuration, progressLine, rateOf, type ProgressState } from '../src/cli/progress';

const ROOT = path.join(__dirname, '..');

/** A fake terminal stream that keeps every frame. */
function terminal(columns: number) {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as Writable & { isTTY: boolean; columns: number };
  stream.isTTY = true;
  stream.columns = columns;
  return { stream, frames: () => frames(text) };
}

/** The frames drawn on a terminal line: split at carriage returns, ANSI escapes removed, blanks dropped. */
function frames(text: string): string[] {
  return text
    .split(/\r|\n/)
    .map((frame) => frame.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ''))
    .filter((frame) => frame.trim());
}

describe('progress line', () => {
  const state = (over: Partial<ProgressState>): ProgressState => ({ done: 0, total: 229, elapsed: 0, first: null, ...over });

  test('says what it waits for while the dictionary loads', () => {
    expect(progressLine(state({ elapsed: 3200, jobs: 2 }), 80)).toBe('loading dictionary in 2 workers… 0/229 · 3s');
  });

  test('rate from the first finished record on, so start-up does not count', () => {
    // First record after 4 s of loading, then 10 more in 2 s: 5 docs/s, not 11/6.
    const s = state({ done: 11, elapsed: 6000, first: { at: 4000, done: 1 } });
    expect(rateOf(s)).toBe(5);
    expect(progressLine(s, 80)).toMatch(/ 11\/229 · 5\.0 docs\/s · ETA 44s$/);
    expect(progressLine(state({ done: 1, elapsed: 4000, first: { at: 4000, done: 1 } }), 80)).toContain('1/229 · measuring rate…');
  });

  test.each([40, 60, 80, 160])('fits %i columns and keeps the ETA', (columns) => {
    const line = progressLine(state({ done: 120, total: 12345, elapsed: 60000, first: { at: 2000, done: 1 } }), columns);
    expect(line.length).toBeLessThan(columns);
    expect(line).toMatch(/ETA \d+h( \d+m)?$/);
  });

  test('durations', () => {
    expect([formatDuration(0), formatDuration(42), formatDuration(75), formatDuration(3725)]).toEqual(['0s', '42s', '1m 15s', '1h 2m']);
  });

  test('a batch as the terminal sees it: loading, then rate and ETA, then the line cleared', () => {
    let clock = 0;
    const { stream, frames: shown } = terminal(80);
    const progress = createProgress(stream, 4, { jobs: 2, now: () => clock, interval: 0 });
    clock = 1500;
    progress.tick();
    clock = 2000;
    progress.tick();
    progress.log('meeting-analyze: x.txt: no such file');
    clock = 2500;
    progress.tick();
    progress.stop();
    const drawn = shown();
    expect(drawn[0]).toBe('loading dictionary in 2 workers… 0/4 · 0s');
    expect(drawn).toContain('meeting-analyze: x.txt: no such file');
    expect(drawn.at(-1)).toMatch(/3\/4 · 2\.0 docs\/s · ETA 1s$/);
    for (const frame of drawn) expect(frame.length).toBeLessThan(80);
  });
});

const tmux = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
const hasTmux = tmux.status === 0;
if (!hasTmux) console.log('skipping the tmux progress test: tmux is not installed (apt-get install tmux)');
const describeTmux = hasTmux ? describe : describe.skip;

describeTmux('progress in a real terminal (tmux, 80 columns)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ma-progress-'));
  const socket = `ma-progress-${process.pid}`;
  const run = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env: { ...process.env, TERM: 'xterm' }, timeout: 120000 });

  beforeAll(() => {
    // The CLI under test is the built one (bin/ runs dist/): build when a source file is newer than it.
    const built = path.join(ROOT, 'dist', 'cli', 'main.js');
    const newest = (dir: string): number =>
      Math.max(0, ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
    const stale = !fs.existsSync(built) || newest(path.join(ROOT, 'src')) > fs.statSync(built).mtimeMs;
    if (stale) expect(spawnSync(process.execPath, ['tools/build.js'], { cwd: ROOT, encoding: 'utf8' }).status).toBe(0);
    const article = fs.readFileSync(path.join(ROOT, 'fixtures', 'zibo-2022.txt'), 'utf8');
    fs.mkdirSync(path.join(dir, 'in'));
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(dir, 'in', `a${String(i).padStart(2, '0')}.txt`), article);
  });

  afterAll(() => {
    run('kill-server');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the loading phase, then a rate and an ETA, each frame narrower than 80 columns', () => {
    const log = path.join(dir, 'pane.log');
    expect(run('new-session', '-d', '-s', 'ma', '-x', '80', '-y', '24', 'sh').status).toBe(0);
    // Everything the program writes to the pane, frame by frame, whatever the timing.
    expect(run('pipe-pane', '-t', 'ma', '-o', `cat >> '${log}'`).status).toBe(0);
    const command = `node '${path.join(ROOT, 'bin', 'meeting-analyze.js')}' --jobs 2 --format jsonl -o '${path.join(dir, 'out.jsonl')}' '${path.join(dir, 'in')}'; tmux -L ${socket} wait-for -S ma-done`;
    expect(run('send-keys', '-t', 'ma', command, 'Enter').status).toBe(0);
    expect(run('wait-for', 'ma-done').status).toBe(0);
    const screen = run('capture-pane', '-p', '-t', 'ma').stdout;
    run('kill-session', '-t', 'ma');

    const drawn = frames(fs.readFileSync(log, 'utf8')).filter((frame) => /loading|analysing/.test(frame));
    const loading = drawn.findIndex((frame) => frame.startsWith('loading dictionary in 2 workers… 0/60'));
    const rated = drawn.findIndex((frame) => /^analysing [█░]+ \d+\/60 · \d+\.\d docs\/s · ETA (\d+m )?\d+s$/.test(frame));
    expect({ loading: loading >= 0, rated: rated >= 0 }).toEqual({ loading: true, rated: true });
    expect(loading).toBeLessThan(rated);
    for (const frame of drawn) expect(frame.length).toBeLessThan(80);
    // The line is cleared at the end; the count line and the output remain.
    expect(screen).toContain('analysed 60, failed 0, skipped 0');
    expect(fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n')).toHaveLength(60);
  });

  /** Run a shell command in a fresh 80-column pane; returns everything written to the pane, escapes included. */
  const inPane = (name: string, command: string): string => {
    const log = path.join(dir, `${name}.log`);
    expect(run('new-session', '-d', '-s', name, '-x', '80', '-y', '24', 'sh').status).toBe(0);
    expect(run('pipe-pane', '-t', name, '-o', `cat >> '${log}'`).status).toBe(0);
    expect(run('send-keys', '-t', name, `${command}; tmux -L ${socket} wait-for -S ${name}-done`, 'Enter').status).toBe(0);
    expect(run('wait-for', `${name}-done`).status).toBe(0);
    run('kill-session', '-t', name);
    return fs.readFileSync(log, 'utf8');
  };
  const bin = `node '${path.join(ROOT, 'bin', 'meeting-analyze.js')}'`;
  let panes = 0;
  const article = `'${path.join(ROOT, 'fixtures', 'batch', 'qinghe-2023.txt')}'`;
  // Colour as the terminal receives it: SGR sequences around the section titles (the prompt itself has none).
  const SGR = /\u001b\[(?:\d+;)*\d+m清河县|\u001b\[[\d;]*mOfficials/;

  test.each([
    ['auto on the terminal', `${bin} ${article}`, true],
    ['NO_COLOR', `NO_COLOR=1 ${bin} ${article}`, false],
    ['--color never', `${bin} --color never ${article}`, false],
    ['through a pipe', `${bin} ${article} | cat`, false],
    ['FORCE_COLOR through a pipe', `FORCE_COLOR=1 ${bin} ${article} | cat`, true],
    ['--color always through a pipe', `${bin} --color always ${article} | cat`, true],
  ])('colours in a real terminal: %s', (_, command, coloured) => {
    const written = inPane(`colour-${++panes}`, command);
    expect(written).toContain('Officials');
    expect(SGR.test(written)).toBe(coloured);
    // One file: its record and nothing else, no count line and no progress line.
    expect(written).not.toMatch(/analysed \d|loading dictionary/);
  });
});
