import { describe, expect, it } from 'vitest';
import { EditBase } from './use-url-view';

const params = (query: string) => new URLSearchParams(query);

describe('EditBase', () => {
  it('builds each edit on the last edit, even before the router renders it', () => {
    const base = new EditBase(params('a=1'));
    base.edited(params('a=1&b=2'));
    expect(base.current.toString()).toBe('a=1&b=2');
  });

  it('keeps the newest edit when the render of an earlier edit lands late', () => {
    const base = new EditBase(params(''));
    base.edited(params('chart=lines'));
    base.edited(params('chart=lines&metric=size'));
    base.rendered(params('chart=lines'));
    expect(base.current.toString()).toBe('chart=lines&metric=size');
    base.rendered(params('chart=lines&metric=size'));
    expect(base.current.toString()).toBe('chart=lines&metric=size');
  });

  it('takes parameters it did not write as the new base (a link, back or forward)', () => {
    const base = new EditBase(params(''));
    base.edited(params('page=2'));
    base.rendered(params('group=tag'));
    expect(base.current.toString()).toBe('group=tag');
    base.edited(params('group=tag&page=3'));
    base.rendered(params('group=tag&page=3'));
    expect(base.current.toString()).toBe('group=tag&page=3');
  });
});
