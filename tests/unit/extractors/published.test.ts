import { analyzeText } from '../../../src/analyze-text';
import { loadLexicon } from '../../../src/lexicon';
import { testSegmenter } from '../../context';

const lexicon = loadLexicon();
const run = (text: string, format: 'text' | 'html' | 'markdown' = 'text') =>
  analyzeText({ text, path: 'invented.txt', format }, { lexicon, segmenter: testSegmenter(lexicon) }, { strictSpans: true });

/** The publication date, its source, and what its span covers in the input. */
function publishedOf(text: string, format: 'text' | 'html' | 'markdown' = 'text') {
  const result = run(text, format);
  const p = result.published;
  return p && { date: p.date, source: p.source, shown: text.slice(p.span[0], p.span[1]), removedKept: result.removed.some((r) => r.span[0] <= p.span[0] && p.span[1] <= r.span[1]) };
}

describe('publication date', () => {
  test.each([
    ['发布日期 line', '柳溪县召开春耕工作会议\n发布日期: 2022-03-09\n3月8日，柳溪县召开春耕工作会议。', '2022-03-09', '2022-03-09'],
    ['发布时间 with a time', '青岚区召开招商推进会\n发布时间：2021/11/02 09:30\n11月1日，青岚区召开招商推进会。', '2021-11-02', '2021/11/02'],
    ['来源…时间 on one line', '白沙镇召开防汛部署会\n来源：白沙镇人民政府  时间：2020年7月3日\n7月2日，白沙镇召开防汛部署会。', '2020-07-03', '2020年7月3日'],
  ])('%s', (_kind, text, date, shown) => {
    expect(publishedOf(text)).toEqual({ date, source: 'publication-line', shown, removedKept: true });
  });

  test.each([
    ['本报讯（…）', '东山区召开安全生产会议\n\n本报讯（2023年3月8日）东山区召开安全生产会议，部署下一阶段工作。', '2023-03-08'],
    ['（记者 …）dateline with 电', '南河县召开乡村振兴推进会\n\n（2019年5月20日）南河县召开乡村振兴推进会。', '2019-05-20'],
    ['a dateline after the agency', '西林市召开营商环境大会\n\n西林日报讯（2024年1月15日）西林市召开营商环境大会。', '2024-01-15'],
  ])('dateline: %s', (_kind, text, date) => {
    expect(publishedOf(text)).toMatchObject({ date, source: 'dateline' });
  });

  test.each([
    ['front matter date', '---\ntitle: 北湖区召开产业大会\ndate: 2022-06-01\n---\n\n5月31日，北湖区召开产业大会。\n', '2022-06-01', 'front-matter'],
    ['front matter published', '---\ntitle: 石桥镇召开环境整治会\npublished: 2021-09-10\n---\n\n9月9日，石桥镇召开环境整治会。\n', '2021-09-10', 'front-matter'],
    ['front matter pubdate', '---\ntitle: 云岭县召开旅游推介会\npubdate: 2020-12-01\n---\n\n11月30日，云岭县召开旅游推介会。\n', '2020-12-01', 'front-matter'],
  ])('%s', (_kind, text, date, source) => {
    expect(publishedOf(text, 'markdown')).toMatchObject({ date, source, removedKept: true });
  });

  const page = (head: string, body: string) => `<html><head><title>江城区召开城建会议</title>${head}</head><body><article><p>${body}</p></article></body></html>`;
  test.each([
    ['meta article:published_time', page('<meta property="article:published_time" content="2023-04-05T08:00:00+08:00">', '4月4日，江城区召开城建会议。'), '2023-04-05', 'html-meta'],
    ['meta PubDate', page('<meta name="PubDate" content="2022-08-16 10:20">', '8月15日，江城区召开城建会议。'), '2022-08-16', 'html-meta'],
    ['<time datetime>', page('', '<time datetime="2021-02-03">2月3日</time> 2月2日，江城区召开城建会议。'), '2021-02-03', 'html-time'],
    ['canonical address', page('<link rel="canonical" href="http://www.example.gov.cn/xw/202105/t20210512_1234.html">', '5月11日，江城区召开城建会议。'), '2021-05-12', 'url'],
    ['og:url', page('<meta property="og:url" content="https://news.example.cn/2020-10/09/c_1126.htm">', '10月8日，江城区召开城建会议。'), '2020-10-09', 'url'],
    ['image path', page('', '<img src="/uploads/2019/06/18/a1b2.jpg">6月17日，江城区召开城建会议。'), '2019-06-18', 'image-path'],
  ])('HTML: %s', (_kind, html, date, source) => {
    expect(publishedOf(html, 'html')).toMatchObject({ date, source, removedKept: true });
  });

  test('an article stating no date has none', () => {
    expect(run('东湖区召开经济工作会议\n\n近日，东湖区召开经济工作会议。').published).toBeNull();
  });

  test.each([
    // The meeting's month and day with the publication's year, never after publication.
    ['same year', '发布日期：2022-03-09\n柳溪县召开春耕工作会议\n3月8日，柳溪县召开春耕工作会议。', '2022-03-08'],
    ['December meeting published in January', '发布日期：2023-01-04\n柳溪县召开总结会议\n12月29日，柳溪县召开总结会议。', '2022-12-29'],
    ['from a page meta date', page('<meta name="pubdate" content="2021-07-02">', '6月30日，江城区召开城建会议。'), '2021-06-30'],
  ])('meeting date falls back on the publication date: %s', (_kind, text, date) => {
    const result = run(text, text.startsWith('<html') ? 'html' : 'text');
    expect(result.meeting?.date).toBe(date);
    expect(result.meeting?.yearSource).toBe('publication');
  });
});
