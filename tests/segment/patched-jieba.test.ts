/**
 * The patched nodejieba build (patches/, applied by tools/patch-nodejieba.js at install) must change nothing but
 * start-up cost: the same texts through the stock binary (kept at install) and the patched one give byte-identical
 * nodejieba output and byte-identical analysis records. Texts: the fixtures, and the corpus when ../shared is
 * present (or MEETING_ANALYZE_CORPUS names it). Each side runs in its own process, so both builds load cleanly.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const RELEASE = path.join(ROOT, 'node_modules', 'nodejieba', 'build', 'Release');
const STAMP = path.join(RELEASE, 'meeting-analyze-patch.txt');
const STOCK = path.join(ROOT, 'node_modules', '.cache', 'meeting-analyze', 'nodejieba-stock.node');
const BIN = path.join(ROOT, 'bin', 'meeting-analyze.js');
const CORPUS = process.env.MEETING_ANALYZE_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'corpus');

function textFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(txt|md|html?)$/i.test(entry.name) && !/^(README|SOURCE)\.md$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const files = [...textFiles(path.join(ROOT, 'fixtures')), ...textFiles(path.join(ROOT, 'tests', 'fixtures')), ...textFiles(CORPUS)];
const patched = fs.existsSync(STAMP);
// Two full passes over the corpus, textRank included, take half a minute on a loaded 2-core machine.
const SLOW = 240_000;

/** Run node on args with the stock binary swapped in or not; stdout as bytes. */
function run(args: string[], stock: boolean): Buffer {
  const result = spawnSync(process.execPath, [...(stock ? ['-r', path.join(ROOT, 'tools', 'bench', 'stock-nodejieba.js')] : []), ...args], {
    cwd: ROOT,
    env: { ...process.env, STOCK_NODEJIEBA: STOCK, NO_COLOR: '1' },
    maxBuffer: 1 << 30,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return result.stdout;
}

/** Both sides at once (each is one single-threaded process): half the wall time on two cores. */
function both(args: string[]): Promise<[Buffer, Buffer]> {
  const one = (stock: boolean) =>
    new Promise<Buffer>((resolve, reject) => {
      const child = spawn(process.execPath, [...(stock ? ['-r', path.join(ROOT, 'tools', 'bench', 'stock-nodejieba.js')] : []), ...args], {
        cwd: ROOT,
        env: { ...process.env, STOCK_NODEJIEBA: STOCK, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 || code === 1 ? resolve(Buffer.concat(out)) : reject(new Error(`node ${args.join(' ')} exited ${code}: ${Buffer.concat(err)}`))));
    });
  return Promise.all([one(false), one(true)]);
}

// Without the stamp the stock build is the one in use (the patch did not apply): nothing to compare.
const describeIfPatched = patched ? describe : describe.skip;

describeIfPatched(`patched nodejieba vs stock, ${files.length} texts`, () => {
  let list: string;
  beforeAll(() => {
    if (!fs.existsSync(STOCK)) throw new Error(`patched build in use but no stock binary at ${STOCK}: run \`npm ci\` to reinstall`);
    list = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ma-jieba-')), 'files.txt');
    fs.writeFileSync(list, `${files.join('\n')}\n`);
  });

  test('the two processes really load different binaries', () => {
    const which = (stock: boolean) => run(['-e', 'require("nodejieba").load();process.stdout.write(Object.keys(require.cache).find((f)=>f.endsWith(".node")))'], stock).toString();
    expect(which(false)).toBe(path.join(RELEASE, 'nodejieba.node'));
    expect(which(true)).toBe(STOCK);
  });

  test('cut (with and without HMM), tag, extract, textRankExtract and extract after cut give identical output', async () => {
    const [mine, stock] = await both([path.join(__dirname, 'dump-jieba.js'), list]);
    expect(mine.toString().split('\n').filter(Boolean)).toHaveLength(files.length);
    expect(mine.equals(stock)).toBe(true);
  }, SLOW);

  test('analysis records (jsonl, with the project lexicon) are byte-identical', async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('run `npm run build` first');
    const [mine, stock] = await both([BIN, '--format', 'jsonl', '--jobs', '1', '--quiet', '--files-from', list]);
    expect(mine.toString().split('\n').filter(Boolean).length).toBe(files.length);
    expect(mine.equals(stock)).toBe(true);
  }, SLOW);
});
