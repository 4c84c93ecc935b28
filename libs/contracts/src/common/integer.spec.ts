import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { parseDecimalInteger } from './integer';
import { PageQueryDto } from './query.dto';

describe('parseDecimalInteger', () => {
  it.each([
    ['1', 1],
    ['007', 7],
    ['-3', -3],
    ['2147483648', 2147483648],
  ])('reads %j as %j', (value, expected) => {
    expect(parseDecimalInteger(value)).toBe(expected);
  });

  it.each(['0x10', '1e3', ' 1 ', '1 ', '+1', '1.5', '1_000', '', '٣', 'Infinity'])('leaves %j as it came', (value) => {
    expect(parseDecimalInteger(value)).toBe(value);
  });

  it('leaves values that are not strings alone', () => {
    const list = ['1', '2'];
    expect(parseDecimalInteger(list)).toBe(list);
    expect(parseDecimalInteger(undefined)).toBeUndefined();
  });
});

describe('PageQueryDto (ToInteger)', () => {
  const fieldsOf = async (query: Record<string, unknown>) => (await validate(plainToInstance(PageQueryDto, query))).map((error) => error.property);

  it('reads decimal query strings and keeps the defaults', async () => {
    const dto = plainToInstance(PageQueryDto, { page: '3' });
    expect(dto).toMatchObject({ page: 3, per_page: 20 });
    expect(await fieldsOf({ page: '3', per_page: '500' })).toEqual([]);
  });

  it.each(['0x10', '1e3', ' 1 ', '1.5'])('refuses page=%j naming the field', async (page) => {
    expect(await fieldsOf({ page })).toEqual(['page']);
  });

  it('bounds page and per_page', async () => {
    expect(await fieldsOf({ page: '0', per_page: '501' })).toEqual(['page', 'per_page']);
    expect(await fieldsOf({ page: '2147483648' })).toEqual(['page']);
  });
});
