import * as iconv from 'iconv-lite';
import { canonicalCharset, decodeBytes, decodeText, sniffDeclaredCharset } from '../../src/input/decode';

const TEXT = '淄川区召开重点项目推进会，区委书记出席会议并讲话，要求全力以赴抓好项目建设。';

describe('decode', () => {
  test.each([
    ['utf-8', Buffer.from(TEXT, 'utf8')],
    ['utf-8', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(TEXT, 'utf-16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(TEXT, 'utf-16be')])],
    ['gb18030', iconv.encode(TEXT.repeat(3), 'gbk')],
  ])('%s is detected and decoded', (encoding, bytes) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text.startsWith(TEXT)).toBe(true);
    expect(decoded.invalidSequences).toBe(0);
  });

  test('a truncated UTF-8 file stays UTF-8 and counts the broken sequence', () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    const decoded = decodeText(bytes.subarray(0, bytes.length - 1));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.invalidSequences).toBe(1);
  });

  test.each([
    ['EMPTY', Buffer.alloc(0)],
    ['EMPTY', Buffer.from(' \n\t\u3000', 'utf8')],
    ['BINARY', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01])],
  ])('%s input is an error, not an empty analysis', (code, bytes) => {
    expect(() => decodeText(bytes)).toThrow(expect.objectContaining({ code }));
  });

  // Short traditional texts: chardet alone reads some of these as Shift_JIS or GBK.
  test.each([
    '臺北市政府召開市政會議，市長主持會議並講話。',
    '縣委書記出席會議並發表講話，要求各級幹部認真學習。',
    '行政院會議通過預算案',
    '會議要求',
  ])('Big5 %s is detected as Big5, not GBK', (text) => {
    const decoded = decodeText(iconv.encode(text, 'big5'));
    expect(decoded.encoding).toBe('big5');
    expect(decoded.text).toBe(text);
  });

  test.each(['会议要求', '县委书记出席会议并讲话。', TEXT])('short GBK %s stays GB18030', (text) => {
    const decoded = decodeText(iconv.encode(text, 'gbk'));
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toBe(text);
  });

  test('--encoding forces a decoding; an unknown name is BAD_ENCODING', () => {
    const bytes = iconv.encode('會議', 'big5');
    expect(decodeText(bytes, { forced: 'gbk' }).encoding).toBe('gbk');
    expect(decodeText(bytes, { forced: 'big5' }).text).toBe('會議');
    expect(() => decodeText(bytes, { forced: 'klingon-8' })).toThrow(expect.objectContaining({ code: 'BAD_ENCODING' }));
  });

  test('a GBK file with broken double-byte sequences reports how many', () => {
    const good = iconv.encode(TEXT.repeat(4), 'gbk');
    // Lead bytes followed by a byte that can never be a trail byte.
    const bytes = Buffer.concat([good, Buffer.from([0x81, 0x0a, 0xfe, 0x0a])]);
    const decoded = decodeBytes(bytes);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.invalidSequences).toBe(2);
  });

  test('the declared charset is read from <meta> and canonicalised', () => {
    expect(sniffDeclaredCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=GB2312" />'))).toBe('GB2312');
    expect(sniffDeclaredCharset(Buffer.from("<META CHARSET='big5'>"))).toBe('big5');
    expect(sniffDeclaredCharset(Buffer.from('<p>charset=gbk</p>'))).toBeUndefined();
    expect(canonicalCharset('GB2312')).toBe('gb18030');
    expect(canonicalCharset('x-gbk')).toBe('gb18030');
    expect(canonicalCharset('UTF8')).toBe('utf-8');
    expect(canonicalCharset('nonsense')).toBeUndefined();
  });
});

describe('unpaired surrogates in UTF-16 input', () => {
  test('become U+FFFD and are counted as invalid, so the output is always valid UTF-8', () => {
    const units = Buffer.from([0xff, 0xfe, 0x1a, 0x4f, 0x00, 0xd8, 0xae, 0x8b, 0x3d, 0xd8, 0x00, 0xde]); // 会 \ud800 议 😀
    const decoded = decodeBytes(units);
    expect(decoded.text).toBe('会\ufffd议\ud83d\ude00');
    expect(decoded.invalidSequences).toBe(1);
    expect(decoded.warnings.map((w) => w.code)).toEqual(['invalid-bytes']);
  });
});

describe('a declared charset the bytes contradict loses to the bytes, with a warning', () => {
  const BODY = '<p>1月4日，青山县召开2023年经济工作会议。县委书记王青松出席会议并讲话，县长李明远主持会议。会议强调，要做强主导产业。</p>';
  const page = (charset: string) => `<html><head><meta charset="${charset}"><title>青山县召开经济工作会议</title></head><body>${BODY}</body></html>`;
  test.each([['utf-16le'], ['UTF-16'], ['utf-32'], ['utf-7'], ['base64']])('GBK bytes declaring %s: read as GB18030, warned (the <meta> was ASCII)', (charset) => {
    const bytes = iconv.encode(page(charset), 'gbk');
    const decoded = decodeText(bytes, { declared: sniffDeclaredCharset(bytes) });
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.text).toContain('王青松');
    expect(decoded.warnings).toContainEqual({ code: 'charset-mismatch', message: expect.stringContaining(`charset=${charset}, which cannot be`) });
  });

  test.each([
    ['GBK bytes declaring big5', 'big5', 'gbk', 'gb18030'],
    ['Big5 bytes declaring gb2312', 'gb2312', 'big5', 'big5'],
  ])('%s: the bytes win, with a warning', (_label, charset, written, expected) => {
    const bytes = iconv.encode(page(charset), written);
    const decoded = decodeText(bytes, { declared: sniffDeclaredCharset(bytes) });
    expect(decoded.encoding).toBe(expected);
    expect(decoded.text).toMatch(/王青松/);
    expect(decoded.warnings.map((w) => w.code)).toContain('charset-mismatch');
  });

  test.each([['gbk', 'gbk'], ['big5', 'big5'], ['gb2312', 'gbk']])('a true declaration (%s) is kept, without a warning', (charset, written) => {
    const bytes = iconv.encode(page(charset), written);
    const decoded = decodeText(bytes, { declared: sniffDeclaredCharset(bytes) });
    expect(decoded.text).toContain('王青松');
    expect(decoded.warnings).toEqual([]);
  });
});
