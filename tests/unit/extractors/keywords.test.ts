import { keywords } from '../../../src/extractors/keywords';
import { testContext } from '../../context';

describe('keywords extractor', () => {
  test.each([
    ['the most frequent words, noise and stop words removed', '招商引资，招商引资，发展产业。\n2024年、2024年、2024年产业。\nIMG_01.jpg', 3, ['产业', '引资', '招商']],
    ['top 0 gives none', '招商。产业。', 0, []],
  ])('%s', (_, text, top, words) => {
    const ctx = testContext(text, { top, words: { 引资: 'v', '2024年': 'm' } });
    const found = keywords.run(ctx).keywords ?? [];
    expect(found.map((keyword) => keyword.word)).toEqual(words);
  });
});
