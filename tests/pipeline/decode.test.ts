import * as iconv from 'iconv-lite';
import { decodeText } from '../../src/pipeline/decode';

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
});
