/**
 * Binary search: the first index in `[0, length)` at which `before(index)` is false, where `before` is true for a
 * prefix of the range and false after it; `length` when it is true everywhere. O(log length) calls.
 */
export function bisect(length: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
