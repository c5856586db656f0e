const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that can make up a Chinese numeral below 10,000. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/** Parse `三`, `十二`, `二十`, `一百零五`, or ASCII digits. Returns NaN when it is not a number. */
export function parseCount(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit >= 0) return NaN; // 三三 is not a numeral
      digit = DIGITS[ch];
    } else if (ch in UNITS) {
      total += (digit < 0 ? 1 : digit) * UNITS[ch];
      digit = -1;
    } else {
      return NaN;
    }
  }
  if (digit >= 0) total += digit;
  return text.length ? total : NaN;
}

/** The Chinese digits 1–9, for building regular-expression character classes (`[${DIGITS_1_9}十]`). */
export const DIGITS_1_9 = '一二三四五六七八九';
/** 0–9 as written digit by digit in years (二〇二三). */
export const DIGITS_0_9 = '〇零一二三四五六七八九';
/** The characters a small count is written with (一 … 十, and 两), for character classes (`[${COUNT_CHARS}\d]`). */
export const COUNT_CHARS = '一二两三四五六七八九十';
