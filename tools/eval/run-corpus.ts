/**
 * `npm run eval:corpus`: analyse every file under ../shared/corpus (or --corpus <dir>) and check that nothing
 * crashes and every result validates against the output schema. One summary line per folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { analyze } from '../../dist/analyzer';
import { decodeBytesChecked } from '../../dist/input/read';
import { OUTPUT_SCHEMA } from '../../dist/schema';

const TEXT_FILE = /./; // every file: the NER sets (example.dev) must not crash either

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return TEXT_FILE.test(entry.name) && !/^(SOURCE|README)\.md$/.test(entry.name) && entry.name !== 'index.csv' ? [full] : [];
  });
}

function main(): void {
  const at = process.argv.indexOf('--corpus');
  const corpus = path.resolve(at >= 0 ? process.argv[at + 1] : path.join(process.cwd(), '..', 'shared', 'corpus'));
  if (!fs.existsSync(corpus)) {
    console.error(`meeting-analyze eval:corpus: no corpus at ${corpus} (use --corpus <dir>)`);
    process.exitCode = 2;
    return;
  }
  const validate = new Ajv({ strict: false, allErrors: false }).compile(OUTPUT_SCHEMA);
  let totalFailures = 0;
  console.log('folder                 files  failures  officials  formulas  enumerations  ms/file');
  for (const folder of fs.readdirSync(corpus).sort()) {
    const dir = path.join(corpus, folder);
    if (!fs.statSync(dir).isDirectory()) continue;
    const files = filesUnder(dir);
    let failures = 0;
    let officials = 0;
    let formulas = 0;
    let enumerations = 0;
    const started = Date.now();
    for (const file of files) {
      try {
        const decoded = decodeBytesChecked(fs.readFileSync(file), Infinity, undefined, path.extname(file).startsWith('.htm') ? 'html' : path.extname(file) === '.md' ? 'markdown' : 'auto');
        const result = analyze({ text: decoded.text, format: decoded.format, path: file, encoding: decoded.encoding });
        if (!validate(result)) throw new Error(`schema: ${JSON.stringify(validate.errors?.[0])}`);
        for (const official of result.officials) for (const span of official.spans) if (span[1] > decoded.text.length) throw new Error('span out of range');
        officials += result.officials.length;
        formulas += result.frameworks.length;
        enumerations += result.enumerations.length;
      } catch (error) {
        failures++;
        console.error(`  ${path.relative(corpus, file)}: ${(error as Error).message}`);
      }
    }
    totalFailures += failures;
    const perFile = files.length ? ((Date.now() - started) / files.length).toFixed(1) : '-';
    console.log(`${folder.padEnd(22)}${String(files.length).padStart(6)}${String(failures).padStart(10)}${String(officials).padStart(11)}${String(formulas).padStart(10)}${String(enumerations).padStart(14)}${perFile.padStart(9)}`);
  }
  if (totalFailures) process.exitCode = 1;
}

if (require.main === module) main();
