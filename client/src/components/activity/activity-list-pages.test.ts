import { describe, expect, it } from 'vitest';
import { pagesFor } from './list-pages.ts';

describe('which pages the visible rows need', () => {
  it('covers the visible window, across page boundaries', () => {
    expect(pagesFor(0, 20)).toEqual([0]);
    expect(pagesFor(95, 130)).toEqual([0, 1]);
    expect(pagesFor(99_950, 99_999)).toEqual([999]);
    expect(pagesFor(5, 4)).toEqual([]);
  });
});
