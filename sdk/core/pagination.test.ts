// ledger: paging
import { isLastPage, PagedIterable, RawPage } from "./pagination";

describe("the last page", () => {
  it.each([
    ["an empty page, though total says more", { items: [], total: 5 }, 0, 10, true],
    ["a page that reaches total", { items: [1, 2], total: 4 }, 2, 2, true],
    ["a page short of total", { items: [1, 2], total: 5 }, 2, 2, false],
    ["a full page without total", { items: [1, 2] }, 0, 2, false],
    ["a short page without total", { items: [1] }, 0, 2, true],
    ["a full page without total, whatever the offset", { items: [1, 2] }, 10, 2, false],
  ])("%s", (_case, page, offset, limit, last) => {
    expect(isLastPage(page as RawPage<unknown>, offset, limit)).toBe(last);
  });
});

describe("pages", () => {
  const serve = (pages: RawPage<number>[]) => {
    const asked: [number, number][] = [];
    const iterable = new PagedIterable<number>(async (offset, limit) => {
      asked.push([offset, limit]);
      return pages.shift() ?? { items: [] };
    }, 2, (n) => n % 2 === 1);
    return { iterable, asked };
  };

  it("advance by what the server sent, keep only what the client keeps, and say total only when the server did", async () => {
    const { iterable, asked } = serve([{ items: [1, 2] }, { items: [3] }]);
    const pages = [];
    for await (const page of iterable.pages()) pages.push(page);
    expect(pages).toStrictEqual([{ offset: 0, count: 1, items: [1] }, { offset: 2, count: 1, items: [3] }]);
    expect(asked).toEqual([[0, 2], [2, 2]]);
  });

  it("pass on the server's total", async () => {
    const { iterable } = serve([{ items: [1, 2], total: 3 }, { items: [3], total: 3 }]);
    const pages = [];
    for await (const page of iterable.pages()) pages.push(page);
    expect(pages.map((p) => p.total)).toEqual([3, 3]);
  });
});
