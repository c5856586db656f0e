import { analyze, at } from '../helpers';

describe('meeting extractor', () => {
  test('name, organisation and aliases from the headline, date from the lead with the headline year', () => {
    const text = '青禾高新技术产业开发区召开2023年招商引资推进大会\n3月6日，青禾高新区召开2023年招商引资推进大会，高新区党工委书记陈立远出席并讲话。\n会后，高新区各部门分头落实。';
    const meeting = analyze(text).meeting!;
    expect(meeting.name).toBe('2023年招商引资推进大会');
    expect(meeting.organization).toBe('青禾高新技术产业开发区');
    expect(meeting.aliases).toEqual(['青禾高新区', '高新区']);
    expect(meeting.date).toBe('2023-03-06');
    expect(meeting.dateText).toBe('3月6日');
    expect(at(text, meeting.dateSpan!)).toBe('3月6日');
    expect(at(text, meeting.organizationSpan!)).toBe('青禾高新技术产业开发区');
  });

  test('a December meeting published in January belongs to the previous year', () => {
    const text = '江北区召开年终工作总结会议\n发布日期：2024-01-04\n12月29日，江北区召开年终工作总结会议。';
    const meeting = analyze(text).meeting!;
    expect(meeting.date).toBe('2023-12-29');
    expect(meeting.yearSource).toBe('publication');
  });

  test('year from an image file timestamp, not from a page-date header', () => {
    const text = '2025年06月01日 星期日\n南湖镇召开安全生产推进会\nIMG_20210315101010.jpg\n3月14日，南湖镇召开安全生产推进会。';
    expect(analyze(text).meeting!.date).toBe('2021-03-14');
  });

  test('近日 or no year evidence gives a null date', () => {
    expect(analyze('某县召开防汛工作会议\n近日，某县召开防汛工作会议。').meeting!.date).toBeNull();
    expect(analyze('某县召开防汛工作会议\n5月8日，某县召开防汛工作会议。').meeting!.date).toBeNull();
  });

  test('an article that reports no meeting has meeting: null', () => {
    expect(analyze('小城的变化\n这几年，小城的道路变宽了，街道变干净了。').meeting).toBeNull();
  });
});
