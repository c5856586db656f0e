/**
 * Command-line conventions shared by every subcommand (as ripgrep, jq and git behave): when to colour, sizes with
 * suffixes, the one error prefix, and "did you mean" for a mistyped command. Light: loaded before --help.
 */
import { InvalidArgumentError } from 'commander';

/** Every line the tool writes about a problem starts with this. */
export const ERROR_PREFIX = 'meeting-analyze: ';

/**
 * Whether to colour output: `--color always|never` (and `--no-color`) decide; with `auto` (the default) NO_COLOR
 * turns colours off, FORCE_COLOR (other than 0) turns them on, and otherwise a terminal gets them. A bare `--color`
 * means always, as in git and grep.
 */
export function useColor(setting: boolean | string | undefined, stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (setting === false || setting === 'never') return false;
  if (setting === 'always' || setting === true) return true;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return Boolean(stream.isTTY);
}

export const COLOR_CHOICES = ['auto', 'always', 'never'];

const SIZE = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b?)$/i;
const POWERS: Record<string, number> = { '': 0, k: 1, m: 2, g: 3, t: 4 };

/**
 * `--max-bytes`: a byte count with an optional suffix, binary as in `head -c` and `ulimit`: `32M`, `32MiB` and `32MB`
 * are all 32 × 1024² bytes; `500k`, `1.5G`, `1048576`.
 */
export function byteSize(value: string): number {
  const match = SIZE.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a size such as 1048576, 500K, 32M or 1G');
  const bytes = Math.floor(Number(match[1]) * 1024 ** POWERS[match[2].toLowerCase()]);
  if (!Number.isSafeInteger(bytes)) throw new InvalidArgumentError('size too large');
  return bytes;
}

/** Edit distance (insertions, deletions, substitutions, swaps of neighbours) between two short words. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The command a mistyped word most likely meant (within a third of its length), or undefined. */
export function closestCommand(word: string, commands: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const command of commands) {
    const d = distance(word.toLowerCase(), command);
    if (d < bestDistance && d <= Math.max(1, Math.floor(command.length / 3))) {
      best = command;
      bestDistance = d;
    }
  }
  return best;
}

/** A word shaped like a subcommand name, not like a path or a pattern: letters and hyphens only. */
export const looksLikeCommand = (arg: string) => /^[a-z][a-z-]*$/i.test(arg);

/** The message for a word that is neither a command nor an existing file. */
export function unknownCommand(word: string, commands: string[]): string {
  const near = closestCommand(word, commands);
  return near ? `unknown command '${word}' (did you mean ${near}?)` : `unknown command '${word}', and no such file (commands: ${commands.join(', ')})`;
}
