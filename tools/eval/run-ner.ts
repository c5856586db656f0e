/**
 * `npm run eval:ner`: how well officials' names are found in the People's Daily NER corpus (BIO, one character
 * per line, blank line between sentences; default ../shared/corpus/peoples-daily-ner/example.dev).
 * Gold: PER entities written right after a government or party title (the title words below, an independent
 * list so the score does not follow data/titles.txt); company titles (公司…总经理) are no such title. Recall: gold names the tool lists as officials of their
 * sentence. Precision: official names the tool lists that are a PER entity of their sentence.
 *   node dist-tools/eval/run-ner.js [--file <bio file>] [--details] [--json]
 */
import * as fs from 'fs';
import * as path from 'path';
import { analyze } from '../../dist/analyzer';

interface Sentence {
  text: string;
  /** PER entities as [start, end) UTF-16 offsets. */
  persons: Array<[number, number]>;
}

/** Title heads a person's name may follow (党委书记江某, 外长某某, 国家主席某某). */
const TITLE_BEFORE = new RegExp(
  '(?:书记|常委|委员|主任|主席|总理|部长|厅长|局长|处长|省长|市长|县长|区长|镇长|乡长|州长|司长|秘书长|' +
    '委员长|组长|院长|校长|检察长|庭长|会长|理事长|行长|社长|台长|署长|所长|站长|馆长|' +
    '队长|团长|军长|师长|旅长|司令员|司令|政委|参谋长|总统|首相|外长|外交部长|国务卿|议长|大使|总领事|领事|参赞|' +
    '总督|总干事|执行干事|特使|专员|监察长|主委)$',
);

/** An organisation before the title that makes it a company post. */
const COMPANY = /(?:公司|集团|企业|银行|铁道)[^，。、；]*$/;

/** Parse a BIO file into sentences with their PER entity spans. */
export function readBio(content: string): Sentence[] {
  const sentences: Sentence[] = [];
  let chars: string[] = [];
  let persons: Array<[number, number]> = [];
  let open = -1;
  const close = (at: number) => {
    if (open >= 0) persons.push([open, at]);
    open = -1;
  };
  const flush = () => {
    close(chars.length);
    if (chars.length) sentences.push({ text: chars.join(''), persons });
    chars = [];
    persons = [];
  };
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim()) {
      flush();
      continue;
    }
    const space = line.lastIndexOf(' ');
    const ch = line.slice(0, space);
    const tag = line.slice(space + 1);
    if (tag !== 'I-PER') close(chars.length);
    if (tag === 'B-PER') open = chars.length;
    chars.push(ch);
  }
  flush();
  return sentences;
}

/** PER entities preceded directly by a title head (the title itself may carry an ORG/LOC prefix). */
export function titledPersons(sentence: Sentence): string[] {
  return sentence.persons
    .filter(([start]) => TITLE_BEFORE.test(sentence.text.slice(Math.max(0, start - 6), start)))
    .filter(([start]) => !COMPANY.test(sentence.text.slice(Math.max(0, start - 16), start)))
    .map(([start, end]) => sentence.text.slice(start, end));
}

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

function main(): void {
  const file = path.resolve(arg('--file') ?? path.join(process.cwd(), '..', 'shared', 'corpus', 'peoples-daily-ner', 'example.dev'));
  if (!fs.existsSync(file)) {
    console.error(`meeting-analyze eval:ner: no BIO file at ${file} (use --file <path>)`);
    process.exitCode = 2;
    return;
  }
  const details = process.argv.includes('--details');
  const sentences = readBio(fs.readFileSync(file, 'utf8'));
  let tp = 0;
  let fn = 0;
  let predictedRight = 0;
  let predicted = 0;
  const misses: string[] = [];
  for (const sentence of sentences) {
    const gold = titledPersons(sentence);
    const persons = new Set(sentence.persons.map(([start, end]) => sentence.text.slice(start, end)));
    const result = analyze({ text: sentence.text, format: 'text' });
    const names = new Set(result.officials.map((official) => official.name.replace(/\s+/g, '')));
    for (const name of gold) {
      if (names.has(name)) tp++;
      else {
        fn++;
        misses.push(`missing ${name} | ${[...names].join(',')} | ${sentence.text}`);
      }
    }
    for (const name of names) {
      predicted++;
      if (persons.has(name)) predictedRight++;
      else misses.push(`extra ${name} | ${sentence.text}`);
    }
  }
  const recall = tp / Math.max(1, tp + fn);
  const precision = predictedRight / Math.max(1, predicted);
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ file: path.basename(file), sentences: sentences.length, gold: tp + fn, recall, precision, predicted }, null, 2));
    return;
  }
  if (details) for (const miss of misses) console.log(miss);
  console.log(`\nmeeting-analyze eval:ner on ${path.basename(file)}: ${sentences.length} sentences, ${tp + fn} names after a title`);
  console.log(`recall    ${recall.toFixed(3)}  (${tp}/${tp + fn})`);
  console.log(`precision ${precision.toFixed(3)}  (${predictedRight}/${predicted} official names that are PER entities)`);
}

if (require.main === module) main();
