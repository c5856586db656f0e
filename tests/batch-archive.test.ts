/** `archive build` as a real process (needs dist/): killed mid-build, the fixtures folder, and the xwlb transcripts when present. */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Database from 'better-sqlite3';

jest.setTimeout(180000);
const ROOT = path.join(__dirname, '..');
const BIN = path.join(ROOT, 'bin', 'meeting-analyze.js');
const XWLB = path.join(ROOT, '..', 'shared', 'corpus', 'xwlb');
let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-build-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8' });
const countDocs = (db: string): number => {
  try {
    const d = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (d.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      d.close();
    }
  } catch {
    return 0;
  }
};

/** Short invented articles, each with a county, an official and a date. */
function writeArticles(into: string, n: number): void {
  const counties = ['青溪县', '柳林县', '白沙县', '云岭县', '石桥县'];
  for (let i = 0; i < n; i++) {
    const county = counties[i % counties.length];
    const month = (i % 12) + 1;
    fs.writeFileSync(
      path.join(into, `article-${String(i).padStart(3, '0')}.txt`),
      `${county}召开第${i + 1}次常务会议\n发布日期：2022-${String(month).padStart(2, '0')}-20\n\n${month}月19日，${county}召开第${i + 1}次常务会议。县长林${'一二三四五六七八九'[i % 9]}主持会议并讲话。\n\n会议要求，要发展茶叶、新能源两大主导产业。\n`,
    );
  }
}

test('a build killed mid-way (SIGKILL) leaves a usable archive; the next build adds only the rest', async () => {
  const inputs = path.join(dir, 'in');
  fs.mkdirSync(inputs);
  writeArticles(inputs, 40);
  const db = path.join(dir, 'a.sqlite');
  const child = spawn(process.execPath, [BIN, 'archive', 'build', inputs, '--db', db, '-q'], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  // Kill it once a few documents are committed (well before all 40).
  const deadline = Date.now() + 120000;
  while (countDocs(db) < 3 && Date.now() < deadline && child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
  child.kill('SIGKILL');
  const signal = await exited;
  const stored = countDocs(db);
  expect(stored).toBeGreaterThanOrEqual(3);
  if (signal === 'SIGKILL') expect(stored).toBeLessThan(40);
  const d = new Database(db);
  expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
  d.close();
  // Views work on what was committed.
  expect(run(['archive', 'people', '--db', db, '--format', 'json']).status).toBe(0);
  const again = run(['archive', 'build', inputs, '--db', db]);
  expect(again.status).toBe(0);
  const [, added, unchanged] = /added (\d+), replaced 0, unchanged (\d+)/.exec(again.stderr) ?? [];
  expect(Number(added) + Number(unchanged)).toBe(40);
  expect(Number(unchanged)).toBeGreaterThanOrEqual(stored);
  expect(countDocs(db)).toBe(40);
});

test('the README example: an archive built from fixtures/archive and two views', () => {
  const db = path.join(dir, 'archive.sqlite');
  const built = run(['archive', 'build', 'fixtures/archive/', '--db', db]);
  expect(built.status).toBe(0);
  expect(built.stderr).toContain('added 3, replaced 0, unchanged 0, failed 0');
  const person = JSON.parse(run(['archive', 'person', '陈蓉', '--db', db, '--format', 'json']).stdout);
  expect(person.persons).toHaveLength(1);
  expect(person.persons[0].appearances.map((a: { date: string }) => a.date)).toEqual(['2022-02-10', '2023-03-06']);
  expect(person.persons[0].changes).toHaveLength(1);
  // Two officials named 张勇: a county's deputy head and a city's mayor.
  expect(JSON.parse(run(['archive', 'person', '张勇', '--db', db, '--format', 'json']).stdout).persons).toHaveLength(2);
  const formulas = run(['archive', 'formulas', '--db', db, '--format', 'csv']);
  expect(formulas.stdout).toContain('1+3,青溪县,2022-02-10');
  expect(formulas.stdout).toContain('1+3,白河市,2023-05-12');
  expect(run(['archive', 'build', 'fixtures/archive/', '--db', db]).stderr).toContain('added 0, replaced 0, unchanged 3');
  // An input that cannot be read is named; the others are still stored (here: unchanged), exit 1.
  const missing = run(['archive', 'build', 'fixtures/archive/', path.join(dir, 'missing-input.txt'), '--db', db]);
  expect(missing.status).toBe(1);
  expect(missing.stderr).toMatch(/missing-input\.txt: /);
  expect(missing.stderr).toContain('unchanged 3, failed 1');
});

(fs.existsSync(XWLB) ? test : test.skip)('the xwlb transcripts (2022–2026): dated documents, people with first and last dates', () => {
  const db = path.join(dir, 'xwlb.sqlite');
  const built = run(['archive', 'build', XWLB, '--db', db, '-q']);
  expect(built.status).toBe(0);
  const d = new Database(db, { readonly: true });
  const docs = d.prepare('SELECT count(*) AS n, count(date) AS dated, min(year) AS first, max(year) AS last FROM documents').get() as { n: number; dated: number; first: number; last: number };
  d.close();
  expect(docs.n).toBe(60);
  // Every transcript names its day in its headline or date line: the archive dates nearly all of them.
  expect(docs.dated).toBeGreaterThanOrEqual(54);
  expect(docs.first).toBe(2022);
  expect(docs.last).toBeGreaterThanOrEqual(2025);
  const people = JSON.parse(run(['archive', 'people', '--db', db, '--format', 'json']).stdout) as Array<{ first: string | null; last: string | null; appearances: number }>;
  expect(people.length).toBeGreaterThan(10);
  // Someone appears across years of the collection.
  expect(people.some((p) => p.first && p.last && p.first.slice(0, 4) !== p.last.slice(0, 4))).toBe(true);
});
