/**
 * `npm run eval`: the project's own figures, a thin call of `meeting-analyze eval` on ../shared/gold-dev (when
 * present) and the articles in ../shared/corpus. Optional: the default tests never need ../shared.
 *   node dist-tools/eval/run-eval.js [--gold <dir>] [--corpus <dir>] [--details] [--by-source] [--json] [--min <f>]
 */
import * as path from 'path';
import { runCli } from '../../dist/cli/main';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const gold = path.resolve(arg('--gold') ?? path.join(process.cwd(), '..', 'shared', 'gold-dev'));
  const corpus = path.resolve(arg('--corpus') ?? path.join(gold, '..', 'corpus'));
  const flags = ['--details', '--by-source', '--json'].filter((flag) => process.argv.includes(flag));
  const min = arg('--min');
  process.exitCode = await runCli({ argv: ['eval', '--gold', gold, ...flags, ...(min ? ['--min', min] : []), corpus] });
}

void main();
