import { unwrapLoneAllOf } from './lone-all-of';

const ref = { $ref: '#/components/schemas/StatsTable' };

describe('unwrapLoneAllOf', () => {
  it('replaces a one-member allOf with nothing beside it by its member, at any depth', () => {
    const schema = { type: 'object', properties: { table: { allOf: [ref] }, tables: { type: 'array', items: { allOf: [ref] } } } };
    expect(unwrapLoneAllOf(schema)).toEqual({ type: 'object', properties: { table: ref, tables: { type: 'array', items: ref } } });
  });

  it('keeps a one-member allOf that carries a description or nullable (a $ref would drop them)', () => {
    const described = { description: 'Default: every table', allOf: [ref] };
    const nullable = { nullable: true, type: 'object', allOf: [ref] };
    expect(unwrapLoneAllOf({ a: described, b: nullable })).toEqual({ a: described, b: nullable });
  });

  it('keeps an allOf of several members', () => {
    const composed = { allOf: [ref, { required: ['table'] }] };
    expect(unwrapLoneAllOf(composed)).toEqual(composed);
  });

  it('leaves a property named allOf that is not a composition alone', () => {
    const properties = { allOf: { type: 'string' } };
    expect(unwrapLoneAllOf({ properties })).toEqual({ properties });
  });

  it('does not change its input', () => {
    const schema = { properties: { table: { allOf: [ref] } } };
    unwrapLoneAllOf(schema);
    expect(schema.properties.table).toEqual({ allOf: [ref] });
  });
});
