import { foldWidth } from './fold';
import type { TextView } from './text-view';

/** Characters that exist only in traditional script and are common in news text. */
const TRADITIONAL_MARKERS = new Set(
  Array.from('國會發說為這們時個與經濟從對開關於應當實進區長書記黨員議題們點產業體結構預設務農電號運動傳統麼權錢術學習導總類別條規劃種質優勢務員場際據斷鄉鎮縣廳處領決標準歷際備濟變認識題', (ch) => ch.charCodeAt(0)),
);

export function looksTraditional(text: string): boolean {
  let hits = 0;
  const limit = Math.min(text.length, 20000);
  for (let i = 0; i < limit; i++) {
    // Char codes, not text[i]: that allocates a string for every CJK character.
    if (TRADITIONAL_MARKERS.has(text.charCodeAt(i)) && ++hits >= 5) return true;
  }
  return false;
}

type Convert = (text: string) => string;
let toSimplified: Convert | undefined;

/** opencc-js's converter costs ~60 ms to build: only when a traditional text shows up. */
function simplifier(): Convert {
  if (!toSimplified) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const OpenCC = require('opencc-js/t2cn') as { Converter(options: { from: string; to: string }): Convert };
    toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  }
  return toSimplified;
}

/** Convert to simplified keeping the length, so offsets stay valid: phrase conversions that change length fall back to character by character. */
export function simplifyKeepingLength(text: string): string {
  const convert = simplifier();
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  return text
    .split(/(?<=\n)/)
    .map((line) => {
      const converted = convert(line);
      if (converted.length === line.length) return converted;
      return Array.from(line, (ch) => {
        const single = convert(ch);
        return single.length === ch.length ? single : ch;
      }).join('');
    })
    .join('');
}

export interface Normalized {
  view: TextView;
  traditional: boolean;
}

/** Produce the matching form: full-width folded, traditional converted to simplified. `raw` is kept as written. */
export function normalize(view: TextView): Normalized {
  let text = foldWidth(view.raw);
  const traditional = looksTraditional(text);
  if (traditional) text = simplifyKeepingLength(text);
  return { view: { ...view, text }, traditional };
}
