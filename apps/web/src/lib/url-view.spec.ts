import { changeWithPageReset, idOf, oneOf, pageOf, paramsOfView, rangeOf, setRangeParams, textOf, type UrlViewCodec } from './url-view';
import { nextParams } from './use-url-view';

const FALLBACK = { start: '2026-11-01', end: '2026-11-30' };

describe('the readers of URL values', () => {
  it('takes one of the listed values, compared as text, else the fallback', () => {
    expect(oneOf(['daily', 'weekly'] as const, 'weekly', 'daily')).toBe('weekly');
    expect(oneOf([5, 10, 20] as const, '20', 10)).toBe(20);
    expect(oneOf([5, 10, 20] as const, '15', 10)).toBe(10);
    expect(oneOf(['daily'] as const, null, 'daily')).toBe('daily');
  });

  it.each([
    ['3', 3],
    ['0', 1],
    ['-2', 1],
    ['1e3', 1],
    ['2.5', 1],
    ['99999999', 1],
    [null, 1],
  ] as const)('reads the page %s as %s', (text, page) => {
    expect(pageOf(text)).toBe(page);
  });

  it.each([
    ['42', 42],
    ['0', undefined],
    ['042', undefined],
    ['-1', undefined],
    ['4x', undefined],
    ['99999999999', undefined],
    [null, undefined],
  ] as const)('reads the id %s as %s', (text, id) => {
    expect(idOf(text)).toBe(id);
  });

  it('keeps text up to its limit and drops a longer one', () => {
    expect(textOf('orders', 10)).toBe('orders');
    expect(textOf('x'.repeat(11), 10)).toBe('');
    expect(textOf(null, 10)).toBe('');
  });

  it('reads a range of real dates in order, one missing end taking its default, anything else the default range', () => {
    expect(rangeOf('2026-10-01', '2026-10-31', FALLBACK)).toEqual({ start: '2026-10-01', end: '2026-10-31' });
    expect(rangeOf('2026-10-01', null, FALLBACK)).toEqual({ start: '2026-10-01', end: '2026-11-30' });
    expect(rangeOf('2026-12-01', null, FALLBACK)).toEqual(FALLBACK);
    expect(rangeOf('2026-02-30', '2026-03-01', FALLBACK)).toEqual(FALLBACK);
    expect(rangeOf('yesterday', null, FALLBACK)).toEqual(FALLBACK);
  });

  it('writes no range parameter for the default range and both ends for another', () => {
    const names = { start: 'from', end: 'to' };
    const plain = new URLSearchParams();
    setRangeParams(plain, FALLBACK, FALLBACK, names);
    expect(plain.toString()).toBe('');
    const moved = new URLSearchParams();
    setRangeParams(moved, { start: '2026-10-01', end: '2026-11-30' }, FALLBACK, names);
    expect(moved.toString()).toBe('from=2026-10-01&to=2026-11-30');
  });
});

describe('a view in the URL', () => {
  interface View {
    kind: string;
    page: number;
    top: number;
  }
  const DEFAULTS: View = { kind: 'a', page: 1, top: 10 };
  const codec: UrlViewCodec<View> = {
    keys: ['kind', 'page', 'top'],
    parse: (params) => ({ kind: params.get('kind') ?? 'a', page: pageOf(params.get('page')), top: Number(params.get('top') ?? 10) }),
    format: (view) => paramsOfView(view, DEFAULTS, { kind: 'kind', page: 'page', top: 'top' }),
    change: (view, patch) => changeWithPageReset(view, patch, 'page', ['kind']),
  };

  it('writes only the fields that differ from the defaults', () => {
    expect(paramsOfView(DEFAULTS, DEFAULTS, { kind: 'kind', page: 'page' }).toString()).toBe('');
    expect(paramsOfView({ kind: 'b', page: 2, top: 10 }, DEFAULTS, { kind: 'kind', page: 'page', top: 'top' }).toString()).toBe('kind=b&page=2');
  });

  it('sends the table back to page 1 when a resetting field changes, and not otherwise', () => {
    const onPage3 = { ...DEFAULTS, page: 3 };
    expect(changeWithPageReset(onPage3, { kind: 'b' }, 'page', ['kind']).page).toBe(1);
    expect(changeWithPageReset(onPage3, { kind: 'a' }, 'page', ['kind']).page).toBe(3);
    expect(changeWithPageReset(onPage3, { top: 20 }, 'page', ['kind']).page).toBe(3);
    expect(changeWithPageReset(onPage3, { kind: 'b', page: 2 }, 'page', ['kind']).page).toBe(2);
  });

  it("rewrites its own parameters after an edit and keeps the URL's others", () => {
    const next = nextParams(new URLSearchParams('tab=storage&kind=b&page=4&top=20'), codec, { kind: 'a' });
    expect(next.toString()).toBe('tab=storage&top=20');
  });

  it('drops a value it cannot read when it writes the URL again', () => {
    const next = nextParams(new URLSearchParams('page=zero&top=20'), codec, { top: 10 });
    expect(next.toString()).toBe('');
  });
});
