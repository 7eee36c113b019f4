/** The virtual list reads rows a page at a time; the rows in view decide which pages. */
export const PAGE_SIZE = 100;

/** Which pages hold the rows from `first` to `last` (inclusive). */
export function pagesFor(first: number, last: number, pageSize = PAGE_SIZE): number[] {
  if (last < first || first < 0) return [];
  const pages: number[] = [];
  for (let p = Math.floor(first / pageSize); p <= Math.floor(last / pageSize); p++) pages.push(p);
  return pages;
}
