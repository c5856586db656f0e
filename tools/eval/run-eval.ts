/**
 * `npm run eval`: score the tool against hand-made gold annotations (default ../shared/gold-dev) and
 * print precision/recall/F1 per field. Optional: the default tests never need ../shared.
 *   node dist-tools/eval/run-eval.js [--gold <dir>] [--corpus <dir>] [--details] [--json]
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../dist/analyzer';
import { decodeBytesChecked } from '../../dist/input/read';
import type { AnalysisResult } from '../../dist/types';
import { add, emptyCounts, f1, looseMatch, matchSets, sameCountedLabel, type Counts } from './score';

interface GoldComponent { count: number | string; label: string; items: string[] }
interface Gold {
  file: string;
  title?: string | null;
  meeting: { date: string | null; name: string; organization: string | null; aliases: string[] } | null;
  officials: Array<{ name: string; titles: string[]; roles: string[] }>;
  frameworks: Array<{ formula: string; components: GoldComponent[] }>;
  enumerations: GoldComponent[];
  industries: string[];
}

const FIELDS = ['officials', 'titles', 'roles', 'formulas', 'components', 'component items', 'enumerations', 'enumeration items', 'industries'] as const;
type Field = (typeof FIELDS)[number];

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

export function scoreOne(result: AnalysisResult, gold: Gold): { counts: Record<Field, Counts>; misses: string[] } {
  const counts = Object.fromEntries(FIELDS.map((field) => [field, emptyCounts()])) as Record<Field, Counts>;
  const misses: string[] = [];
  const note = (field: Field, kind: 'missing' | 'extra', what: string) => misses.push(`${field} ${kind}: ${what}`);
  const record = <P, G>(field: Field, predicted: P[], goldItems: G[], same: (p: P, g: G) => boolean, show: (x: P | G) => string) => {
    const matched = matchSets(predicted, goldItems, same);
    add(counts[field], matched);
    for (const p of predicted) if (!matched.pairs.some(([q]) => q === p)) note(field, 'extra', show(p));
    for (const g of goldItems) if (!matched.pairs.some(([, h]) => h === g)) note(field, 'missing', show(g));
    return matched.pairs;
  };
  const officials = record('officials', result.officials, gold.officials, (p, g) => p.name === g.name, (x) => x.name);
  for (const [p, g] of officials) {
    record('titles', p.titles, g.titles, looseMatch, (x) => `${g.name}/${x}`);
    record('roles', p.roles, g.roles, (a, b) => a === b, (x) => `${g.name}/${x}`);
  }
  const formulas = record('formulas', result.frameworks, gold.frameworks, (p, g) => p.formula === g.formula, (x) => x.formula);
  // Components match by count and label; their items are scored within matched components (like enumerations).
  const sameComponent = (p: { count: number | string; label: string }, g: GoldComponent) => String(p.count) === String(g.count) && sameCountedLabel(p, g);
  for (const framework of gold.frameworks) {
    const pair = formulas.find(([, g]) => g === framework);
    const predicted = pair ? pair[0].components : [];
    const components = record('components', predicted, framework.components, sameComponent, (x) => `${framework.formula}/${x.label}`);
    for (const component of framework.components) {
      const match = components.find(([, g]) => g === component);
      record('component items', match ? match[0].items.map((i) => i.text) : [], component.items, looseMatch, (x) => `${framework.formula}/${component.label}/${x}`);
    }
    for (const component of predicted) {
      if (!components.some(([p]) => p === component)) record('component items', component.items.map((i) => i.text), [] as string[], looseMatch, (x) => `${framework.formula}/${component.label}/${x}`);
    }
  }
  for (const framework of result.frameworks) {
    if (formulas.some(([p]) => p === framework)) continue;
    record('components', framework.components, [] as GoldComponent[], sameComponent, (x) => `${framework.formula}/${x.label}`);
    record('component items', framework.components.flatMap((c) => c.items.map((i) => i.text)), [] as string[], looseMatch, (x) => `${framework.formula}/${x}`);
  }
  const enumerations = record('enumerations', result.enumerations, gold.enumerations, (p, g) => sameCountedLabel(p, g), (x) => x.label);
  for (const enumeration of gold.enumerations) {
    const pair = enumerations.find(([, g]) => g === enumeration);
    record('enumeration items', pair ? pair[0].items.map((i) => i.text) : [], enumeration.items, looseMatch, (x) => `${enumeration.label}/${x}`);
  }
  for (const enumeration of result.enumerations) {
    if (!enumerations.some(([p]) => p === enumeration)) record('enumeration items', enumeration.items.map((i) => i.text), [] as string[], looseMatch, (x) => `${enumeration.label}/${x}`);
  }
  record('industries', result.industries.map((i) => i.name), gold.industries, looseMatch, (x) => x);
  return { counts, misses };
}

/** Headlines match when equal after removing spaces (a hard-wrapped headline is joined without them). */
export function sameHeadline(found: string, gold: string): boolean {
  const squeeze = (text: string) => text.replace(/[\s\u3000]+/g, '');
  return squeeze(found) === squeeze(gold);
}

function main(): void {
  const goldDir = path.resolve(arg('--gold') ?? path.join(process.cwd(), '..', 'shared', 'gold-dev'));
  const corpusDir = path.resolve(arg('--corpus') ?? path.join(goldDir, '..', 'corpus'));
  if (!fs.existsSync(goldDir)) {
    console.error(`meeting-analyze eval: no gold annotations at ${goldDir} (use --gold <dir>)`);
    process.exitCode = 2;
    return;
  }
  const details = process.argv.includes('--details');
  const totals = Object.fromEntries(FIELDS.map((field) => [field, emptyCounts()])) as Record<Field, Counts>;
  let datesRight = 0;
  let datesTotal = 0;
  let meetingRight = 0;
  let namesRight = 0;
  let orgsRight = 0;
  let meetingsTotal = 0;
  let titlesRight = 0;
  let titlesTotal = 0;
  const bySource = new Map<string, Record<Field, Counts>>();
  const files = fs.readdirSync(goldDir).filter((name) => name.endsWith('.json')).sort();
  for (const name of files) {
    const gold = JSON.parse(fs.readFileSync(path.join(goldDir, name), 'utf8')) as Gold;
    const file = path.join(corpusDir, gold.file);
    // Read as the CLI does: HTML pages by extension or sniffing, their declared charset honoured.
    const decoded = decodeBytesChecked(fs.readFileSync(file), Infinity, undefined, path.extname(file).startsWith('.htm') ? 'html' : path.extname(file) === '.md' ? 'markdown' : 'auto');
    const result = analyze({ text: decoded.text, format: decoded.format, path: gold.file, encoding: decoded.encoding });
    const { counts, misses } = scoreOne(result, gold);
    for (const field of FIELDS) add(totals[field], counts[field]);
    const source = gold.file.split('/')[0];
    if (!bySource.has(source)) bySource.set(source, Object.fromEntries(FIELDS.map((field) => [field, emptyCounts()])) as Record<Field, Counts>);
    for (const field of FIELDS) add(bySource.get(source)![field], counts[field]);
    if ((gold.meeting === null) === (result.meeting === null)) meetingRight++;
    else misses.push(`meeting: expected ${gold.meeting ? 'a meeting' : 'none'}, got ${result.meeting ? result.meeting.name : 'none'}`);
    if (gold.meeting) {
      meetingsTotal++;
      if (result.meeting?.name && looseMatch(result.meeting.name, gold.meeting.name)) namesRight++;
      else misses.push(`meeting name: expected ${gold.meeting.name}, got ${result.meeting?.name ?? 'null'}`);
      // A gold organisation of null (the text does not say who held it) is matched by null only.
      const org = result.meeting?.organization ?? null;
      if (gold.meeting.organization === null ? org === null : org !== null && looseMatch(org, gold.meeting.organization)) orgsRight++;
      else misses.push(`meeting organization: expected ${gold.meeting.organization}, got ${result.meeting?.organization ?? 'null'}`);
    }
    if (gold.title !== undefined && gold.title !== null) {
      titlesTotal++;
      if (result.title && sameHeadline(result.title.text, gold.title)) titlesRight++;
      else misses.push(`headline: expected ${gold.title}, got ${result.title?.text ?? 'null'}`);
    }
    if (gold.meeting?.date) {
      datesTotal++;
      if (result.meeting?.date === gold.meeting.date) datesRight++;
      else misses.push(`date: expected ${gold.meeting.date}, got ${result.meeting?.date ?? 'null'}`);
    }
    if (details && misses.length) console.log(`\n${gold.file}\n  ${misses.join('\n  ')}`);
  }
  const rows = FIELDS.map((field) => ({ field, ...f1(totals[field]), ...totals[field] }));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ files: files.length, fields: rows, meetingPresence: meetingRight / files.length, meetingName: namesRight / (meetingsTotal || 1), meetingOrganization: orgsRight / (meetingsTotal || 1), dateAccuracy: datesTotal ? datesRight / datesTotal : null, headline: titlesTotal ? titlesRight / titlesTotal : null }, null, 2));
    return;
  }
  const pct = (value: number) => value.toFixed(3);
  console.log(`\nmeeting-analyze eval on ${files.length} gold files (${goldDir})\n`);
  console.log('field               precision  recall   F1      tp   fp   fn');
  for (const row of rows) {
    console.log(`${row.field.padEnd(20)}${pct(row.precision).padStart(9)}${pct(row.recall).padStart(8)}${pct(row.f1).padStart(8)}${String(row.tp).padStart(6)}${String(row.fp).padStart(5)}${String(row.fn).padStart(5)}`);
  }
  console.log(`meeting present/absent right: ${meetingRight}/${files.length}`);
  console.log(`meeting name right: ${namesRight}/${meetingsTotal}, organization right: ${orgsRight}/${meetingsTotal}`);
  console.log(`meeting date right: ${datesRight}/${datesTotal} (${datesTotal ? ((100 * datesRight) / datesTotal).toFixed(0) : '-'}%)`);
  console.log(`headline right: ${titlesRight}/${titlesTotal}`);
  if (process.argv.includes('--by-source')) {
    // F1 per field and corpus folder; "-" where the folder's gold has no entry of that field and nothing was found.
    const sources = [...bySource.keys()].sort();
    console.log(`\nF1 by source folder (files: ${sources.map((s) => `${s} ${files.filter((f) => JSON.parse(fs.readFileSync(path.join(goldDir, f), 'utf8')).file.startsWith(`${s}/`)).length}`).join(', ')})\n`);
    console.log(`${'field'.padEnd(20)}${sources.map((s) => s.slice(0, 12).padStart(13)).join('')}`);
    for (const field of FIELDS) {
      const cells = sources.map((source) => {
        const c = bySource.get(source)![field];
        return (c.tp + c.fp + c.fn ? f1(c).f1.toFixed(3) : '-').padStart(13);
      });
      console.log(`${field.padEnd(20)}${cells.join('')}`);
    }
  }
}

if (require.main === module) main();
