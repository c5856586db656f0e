/**
 * `npm run bench:archive`: the archive at scale. Analyses a sample of the corpus at one thread (the `--jobs 1` rate
 * storing must keep up with), builds a synthetic collection of 100,000 records from those results (each copy moved
 * to another place and year, so people, places and formulas multiply as in a real collection), streams it into a
 * fresh archive, and times each view. Prints ingest records/s against the analysis rate, the resident memory at the
 * start, middle and end of the ingest (it must stay flat), and each view's median latency against 200 ms.
 *
 * Options: --records <n> (default 100000), --sample <n> (corpus documents analysed, default 60), --corpus <dir>.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze } from '../../dist/analyzer';
import { openArchive } from '../../dist/archive/db';
import { ingest } from '../../dist/archive/ingest';
import { Posts } from '../../dist/archive/posts';
import { ArchiveStore } from '../../dist/archive/store';
import { renderView, viewOf } from '../../dist/cli/archive-actions';
import { loadLexicon } from '../../dist/lexicon';
import type { AnalysisResult } from '../../dist/types';

const ROOT = path.resolve(__dirname, '..', '..');
const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const RECORDS = Number(arg('--records', '100000'));
const SAMPLE = Number(arg('--sample', '60'));
const CORPUS = path.resolve(ROOT, arg('--corpus', process.env.MEETING_ANALYZE_CORPUS ?? path.join('..', 'shared', 'corpus')));
/** Places each analysed document is copied into (a prefix to its own place) and the years it is shifted over. */
const PLACE_PREFIXES = [...'东西南北中上下前后左右新老大小金银铜铁石玉云山水河湖海江溪林森松柏桃李杏梅兰竹菊春夏秋冬'];
const YEARS = 8;
const TARGET_MS = 200;

function corpusTexts(): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  if (fs.existsSync(CORPUS)) {
    for (const folder of fs.readdirSync(CORPUS).sort()) {
      const dir = path.join(CORPUS, folder);
      if (!fs.statSync(dir).isDirectory() || folder === 'peoples-daily-ner') continue;
      for (const name of fs.readdirSync(dir).sort()) {
        if (/\.(txt|md|html)$/.test(name) && !/^(README|SOURCE)/.test(name)) out.push({ path: path.join(dir, name), text: fs.readFileSync(path.join(dir, name), 'utf8') });
      }
    }
  }
  if (!out.length) out.push({ path: path.join(ROOT, 'fixtures', 'zibo-2022.txt'), text: fs.readFileSync(path.join(ROOT, 'fixtures', 'zibo-2022.txt'), 'utf8') });
  // Every n-th file: a sample across the folders.
  const step = Math.max(1, Math.floor(out.length / SAMPLE));
  return out.filter((_, i) => i % step === 0).slice(0, SAMPLE);
}

/** A copy of `record` moved to another place (its place names prefixed) and shifted by `years`. */
function variant(record: AnalysisResult, index: number, posts: Posts): AnalysisResult {
  const prefix = PLACE_PREFIXES[Math.floor(index / YEARS) % PLACE_PREFIXES.length];
  const years = index % YEARS;
  const unit = record.meeting?.organization ? posts.unitOfBody(record.meeting.organization) : null;
  const move = (text: string) => (unit && !unit.startsWith('中') ? text.split(unit).join(prefix + unit) : text);
  const shift = (date: string | null) => (date ? `${Number(date.slice(0, 4)) + years}${date.slice(4)}` : null);
  return {
    ...record,
    input: { ...record.input, path: `synthetic/${index}/${record.input.path}` },
    title: record.title && { ...record.title, text: move(record.title.text) },
    published: record.published && { ...record.published, date: shift(record.published.date)! },
    meeting: record.meeting && { ...record.meeting, organization: record.meeting.organization && move(record.meeting.organization), date: shift(record.meeting.date) },
    officials: record.officials.map((o) => ({ ...o, titles: o.titles.map(move) })),
  };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rssMb = () => Math.round(process.memoryUsage().rss / 1048576);

async function main(): Promise<void> {
  const texts = corpusTexts();
  const lexicon = loadLexicon();
  const posts = new Posts(lexicon);
  analyze({ text: texts[0].text, path: texts[0].path, format: 'auto' }); // load nodejieba outside the timing
  const started = process.hrtime.bigint();
  const results = texts.map((t) => analyze({ text: t.text, path: path.relative(ROOT, t.path), format: 'auto' }));
  const analysisRate = texts.length / (Number(process.hrtime.bigint() - started) / 1e9);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-bench-'));
  try {
    const jsonl = path.join(dir, 'records.jsonl');
    const out = fs.createWriteStream(jsonl);
    for (let i = 0; i < RECORDS; i++) {
      const line = `${JSON.stringify(variant(results[i % results.length], Math.floor(i / results.length), posts))}\n`;
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const mb = (fs.statSync(jsonl).size / 1048576).toFixed(0);

    const dbFile = path.join(dir, 'archive.sqlite');
    const db = openArchive(dbFile);
    const store = new ArchiveStore(db, posts);
    const rss: number[] = [rssMb()];
    const sampler = setInterval(() => rss.push(rssMb()), 250);
    const t0 = process.hrtime.bigint();
    const counts = await ingest([jsonl], store, { problem: (m) => console.error(m) });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    clearInterval(sampler);
    rss.push(rssMb());
    db.close();

    const reader = openArchive(dbFile, { readonly: true });
    const top = <T>(sql: string) => reader.prepare(sql).get() as T;
    const person = top<{ name: string; appearances: number }>('SELECT name, sum(appearances) AS appearances FROM persons GROUP BY name ORDER BY appearances DESC LIMIT 1');
    // A typical person too: the one at the median of appearances among those seen more than once.
    const typical = top<{ name: string; appearances: number }>(
      'SELECT name, appearances FROM persons WHERE appearances > 1 ORDER BY appearances LIMIT 1 OFFSET (SELECT count(*) / 2 FROM persons WHERE appearances > 1)',
    );
    const place = top<{ place: string; n: number }>('SELECT place, count(*) AS n FROM documents WHERE place IS NOT NULL GROUP BY place ORDER BY n DESC LIMIT 1');
    const sizes = top<{ persons: number; places: number; formulas: number; industries: number }>(
      'SELECT (SELECT count(*) FROM persons) AS persons, (SELECT count(DISTINCT place) FROM documents) AS places, (SELECT count(*) FROM frameworks) AS formulas, (SELECT count(*) FROM industries) AS industries',
    );
    const views: Array<[string, 'person' | 'people' | 'place' | 'formulas' | 'industries', string | null]> = [
      [`person ${person.name} (${person.appearances} appearances)`, 'person', person.name],
      [`person ${typical.name} (${typical.appearances} appearances, median)`, 'person', typical.name],
      [`people (${sizes.persons} persons)`, 'people', null],
      [`place ${place.place} (${place.n} documents)`, 'place', place.place],
      [`formulas (${sizes.formulas} uses)`, 'formulas', null],
      [`industries (${sizes.industries} uses)`, 'industries', null],
    ];
    console.log(`meeting-analyze archive bench: ${RECORDS} records (${mb} MB JSONL) from ${results.length} analysed documents of ${fs.existsSync(CORPUS) ? 'the corpus' : 'the seed fixture'}`);
    console.log(`load before ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`analysis, one thread:   ${analysisRate.toFixed(1)} docs/s`);
    console.log(`ingest:                 ${(RECORDS / seconds).toFixed(0)} records/s (${seconds.toFixed(1)} s; added ${counts.added}, failed ${counts.failed}) = ${(RECORDS / seconds / analysisRate).toFixed(0)}× the analysis rate (target ≥ 1×)`);
    console.log(`ingest RSS (MB):        start ${rss[0]}, middle ${rss[Math.floor(rss.length / 2)]}, end ${rss[rss.length - 1]}, max ${Math.max(...rss)}`);
    console.log(`archive file:           ${(fs.statSync(dbFile).size / 1048576).toFixed(0)} MB; ${sizes.persons} persons, ${sizes.places} places`);
    // CPU time beside wall time: on a loaded machine (see the load lines) wall time measures the other processes.
    console.log(`view latency at ${RECORDS} documents (query + JSON output; median of 5, after one warm-up; target ≤ ${TARGET_MS} ms CPU):`);
    for (const [label, name, argument] of views) {
      const wall: number[] = [];
      const cpu: number[] = [];
      let bytes = renderView(viewOf(reader, name, argument), name, 'json', 100).length;
      for (let r = 0; r < 5; r++) {
        const t = process.hrtime.bigint();
        const c = process.cpuUsage();
        bytes = renderView(viewOf(reader, name, argument), name, 'json', 100).length;
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        wall.push(Number(process.hrtime.bigint() - t) / 1e6);
      }
      const ms = median(cpu);
      console.log(`  ${label.padEnd(48)} cpu ${ms.toFixed(1).padStart(7)} ms  wall ${median(wall).toFixed(1).padStart(7)} ms  ${ms <= TARGET_MS ? 'ok' : 'OVER'}  (${(bytes / 1024).toFixed(0)} KiB)`);
    }
    reader.close();
    console.log(`load after ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
