import { findInputProblems, MAX_INPUT_DEPTH } from './input-checks';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = { a: value };
  return value;
};

describe('findInputProblems', () => {
  it('passes ordinary bodies, queries and path values', () => {
    expect(findInputProblems({ name: 'orders', tags: ['a', 'b'], port: 5432, owner_id: null }, 'body')).toEqual([]);
    expect(findInputProblems('12', 'id')).toEqual([]);
    expect(findInputProblems(undefined, 'body')).toEqual([]);
  });

  it('names a NUL byte by its path, in nested objects and arrays', () => {
    expect(findInputProblems({ name: 'a\u0000b', tags: ['ok', '\u0000'], x: { y: 'z\u0000' } }, 'body')).toEqual([
      { field: 'name', message: 'name must not contain NUL characters' },
      { field: 'tags.1', message: 'tags.1 must not contain NUL characters' },
      { field: 'x.y', message: 'x.y must not contain NUL characters' },
    ]);
  });

  it('names the value itself when it is the string at fault', () => {
    expect(findInputProblems('1\u0000', 'id')).toEqual([{ field: 'id', message: 'id must not contain NUL characters' }]);
  });

  it(`allows ${MAX_INPUT_DEPTH} levels and refuses one more where it starts`, () => {
    expect(findInputProblems(nested(MAX_INPUT_DEPTH), 'body')).toEqual([]);
    const at = Array.from({ length: MAX_INPUT_DEPTH }, () => 'a').join('.');
    expect(findInputProblems(nested(MAX_INPUT_DEPTH + 1), 'body')).toEqual([{ field: at, message: `${at} is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` }]);
  });

  it('walks a value nested far past the stack without overflowing', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(findInputProblems(deep, 'body')).toHaveLength(1);
  });

  it('names arrays nested too deep by their indexes', () => {
    const deep = JSON.parse(`{"tags":${'['.repeat(MAX_INPUT_DEPTH)}${']'.repeat(MAX_INPUT_DEPTH)}}`) as unknown;
    expect(findInputProblems(deep, 'body').map((problem) => problem.field)).toEqual([`tags${'.0'.repeat(MAX_INPUT_DEPTH - 1)}`]);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses an own %s key anywhere', (key) => {
    const body = JSON.parse(`{"name":"x","${key}":{"role":"admin"},"nested":{"${key}":1}}`) as unknown;
    expect(findInputProblems(body, 'body').map((problem) => problem.field).sort()).toEqual([key, `nested.${key}`].sort());
  });

  it('stops after a bounded number of problems', () => {
    const many = Array.from({ length: 1000 }, () => '\u0000');
    expect(findInputProblems(many, 'body').length).toBeLessThanOrEqual(20);
  });
});
