import { findDates, isoDate, parseSmall, parseYear, publicationDate, resolveDate, imageDate } from '../../../src/grammar/dates';
import { loadLexicon } from '../../../src/lexicon';

const lexicon = loadLexicon();

describe('date grammar', () => {
  test.each([
    ['2024', 2024],
    ['二〇二四', 2024],
    ['二零一九', 2019],
    ['二四', NaN],
  ])('parseYear(%s)', (text, year) => expect(parseYear(text)).toBe(year));

  test.each([
    ['9', 9],
    ['九', 9],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['三十一', 31],
    ['二九', NaN],
  ])('parseSmall(%s)', (text, value) => expect(parseSmall(text)).toBe(value));

  test.each([
    ['3月15日上午，', { year: undefined, month: 3, day: 15, text: '3月15日' }],
    ['二〇二四年三月五日，', { year: 2024, month: 3, day: 5, text: '二〇二四年三月五日' }],
    ['2024年十一月二十日召开', { year: 2024, month: 11, day: 20, text: '2024年十一月二十日' }],
    ['十二月三十日下午', { year: undefined, month: 12, day: 30, text: '十二月三十日' }],
  ])('findDates in %s', (text, expected) => {
    const [first] = findDates(text, 0, text.length, lexicon);
    expect({ year: first.year, month: first.month, day: first.day, text: text.slice(first.start, first.end) }).toEqual(expected);
  });

  test.each([
    ['来源：东湖区人民政府网  发布时间：2024-01-03', { year: 2024, month: 1, day: 3 }],
    ['发布日期：2024年3月8日', { year: 2024, month: 3, day: 8 }],
    ['（2024-03-08）', { year: 2024, month: 3, day: 8 }],
    ['2024/3/8', { year: 2024, month: 3, day: 8 }],
    ['会议要求各单位抓好落实', null],
  ])('publicationDate(%s)', (line, expected) => expect(publicationDate(line, lexicon)).toEqual(expected));

  test('a photo file name carries its day', () => {
    expect(imageDate('微信图片_20240306091522.jpg')).toEqual({ year: 2024, month: 3, day: 6 });
    expect(imageDate('no picture here')).toBeNull();
  });

  test.each([
    ['a December meeting reported in January is last year’s', { month: 12, day: 28 }, { year: 2024, month: 1, day: 3, source: 'publication' }, '2023-12-28'],
    ['a day alone takes the publication month', { day: 2 }, { year: 2024, month: 3, day: 5, source: 'publication' }, '2024-03-02'],
    ['a day alone after the publication day is last month’s', { day: 28 }, { year: 2024, month: 3, day: 5, source: 'publication' }, '2024-02-28'],
    ['昨天 is the day before publication', { relative: -1 }, { year: 2024, month: 3, day: 1, source: 'publication' }, '2024-02-29'],
  ])('resolveDate: %s', (_, mention, reference, iso) => {
    const resolved = resolveDate({ start: 0, end: 1, ...mention }, reference);
    expect(resolved && isoDate(resolved)).toBe(iso);
  });

  test('no year evidence, no date', () => {
    expect(resolveDate({ start: 0, end: 5, month: 3, day: 6 }, null)).toBeNull();
  });
});
