/** Fold one character to the form extractors match on: full-width ASCII to ASCII, odd spaces to a space, corner quotes to curly quotes. Length-preserving. */
export function foldChar(code: number): number {
  if (code >= 0xff01 && code <= 0xff5e) return code - 0xfee0;
  if (code === 0x3000 || code === 0x00a0 || code === 0x2002 || code === 0x2003 || code === 0x2009 || code === 0x200b) return 0x20;
  if (code === 0x300c || code === 0x300e || code === 0x2018) return 0x201c; // 「 『 ‘ → “
  if (code === 0x300d || code === 0x300f || code === 0x2019) return 0x201d; // 」 』 ’ → ”
  return code;
}

/** Fold a whole string character by character (same length as the input). */
export function foldWidth(text: string): string {
  let changed = false;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const folded = foldChar(code);
    if (folded !== code) changed = true;
    codes[i] = folded;
  }
  if (!changed) return text;
  let out = '';
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode(...codes.slice(i, i + 8192));
  return out;
}
