import { analyzeWithoutJieba } from '../../context';

const meetingOf = (text: string) => {
  const result = analyzeWithoutJieba(text);
  const meeting = result.meeting;
  return meeting && { name: meeting.name, organization: meeting.organization, date: meeting.date, title: result.title?.text ?? null };
};

describe('meeting and title extractors (dictionary segmenter)', () => {
  test.each([
    [
      'date in Chinese numerals',
      '东湖区召开经济工作会议\n\n二〇二四年三月五日上午，东湖区召开经济工作会议。',
      { name: '经济工作会议', organization: '东湖区', date: '2024-03-05', title: '东湖区召开经济工作会议' },
    ],
    [
      'a December meeting published in January',
      '来源：东湖区人民政府网  发布时间：2024-01-03\n\n东湖区召开2024年经济工作会议\n\n12月28日，东湖区召开2024年经济工作会议。',
      { name: '2024年经济工作会议', organization: '东湖区', date: '2023-12-28', title: '东湖区召开2024年经济工作会议' },
    ],
    [
      'the year from the headline',
      '南岭县召开2024年项目建设推进会\n\n3月12日，南岭县召开2024年项目建设推进会。',
      { name: '2024年项目建设推进会', organization: '南岭县', date: '2024-03-12', title: '南岭县召开2024年项目建设推进会' },
    ],
    ['近日 gives no date', '南岭县召开2024年项目建设推进会\n\n近日，南岭县召开2024年项目建设推进会。', { name: '2024年项目建设推进会', organization: '南岭县', date: null, title: '南岭县召开2024年项目建设推进会' }],
  ])('%s', (_, text, expected) => {
    expect(meetingOf(text)).toEqual(expected);
  });

  test('an article that reports no meeting has none', () => {
    expect(meetingOf('南岭县茶产业提质增效\n\n今年以来，南岭县持续壮大茶产业。')).toBeNull();
  });
});
