/** Fold one character to the form extractors match on: full-width ASCII to ASCII, odd spaces to a space, corner quotes to curly quotes. Length-preserving. */
export function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0x00a0 || code === 0x2002 || code === 0x2003 || code === 0x2009 || code === 0x200b) return 0x20;
  if (code === 0x300c || code === 0x300e || code === 0x2018) return 0x201c; // 「 『 ‘ → “
  if (code === 0x300d || code === 0x300f || code === 0x2019) return 0x201d; // 」 』 ’ → ”
  return code;
}

/** Every character `foldChar` changes (keep the two in step). */
const FOLDABLE = /[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u200b\u300c-\u300f\u2018\u2019]/g;
const foldMatch = (ch: string) => String.fromCharCode(foldChar(ch.charCodeAt(0)));

/**
 * Fold a whole string character by character (same length as the input). Text that is already folded (the
 * cleaner's working text) costs one scan and comes back as it is, without a copy.
 */
export function foldWidth(text: string): string {
  FOLDABLE.lastIndex = 0;
  if (!FOLDABLE.test(text)) return text;
  return text.replace(FOLDABLE, foldMatch);
}
