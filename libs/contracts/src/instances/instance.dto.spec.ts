import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateInstanceDto, ListInstancesQueryDto, UpdateInstanceDto } from './instance.dto';
import { INSTANCE_SORT_KEYS } from './instance.types';

type Dto = typeof CreateInstanceDto | typeof UpdateInstanceDto | typeof ListInstancesQueryDto;
const problems = async (cls: Dto, plain: object): Promise<Record<string, string[]>> => {
  const errors = await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
};
const valid = { name: 'orders', db_type: 'postgresql', host: 'db1.internal', username: 'monitor' };
const NOT_NULL = ['name', 'db_type', 'host', 'port', 'username', 'is_active', 'tags'];
const NULLABLE = ['password', 'database_name', 'owner_id', 'description'];

describe('CreateInstanceDto', () => {
  it('accepts a minimal instance', async () => {
    expect(await problems(CreateInstanceDto, valid)).toEqual({});
  });

  it.each(NOT_NULL)('refuses %s: null with "must not be null"', async (field) => {
    const found = await problems(CreateInstanceDto, { ...valid, [field]: null });
    expect(Object.keys(found)).toEqual([field]);
    expect(found[field]).toContain(`${field} must not be null`);
  });

  it.each(NULLABLE)('accepts %s: null', async (field) => {
    expect(await problems(CreateInstanceDto, { ...valid, [field]: null })).toEqual({});
  });

  it.each([
    ['owner_id', 2 ** 31],
    ['owner_id', 0],
    ['port', 0],
    ['port', 65536],
    ['port', 1.5],
  ])('refuses %s: %d', async (field, value) => {
    expect(Object.keys(await problems(CreateInstanceDto, { ...valid, [field]: value }))).toEqual([field]);
  });

  it('accepts the largest int4 owner id', async () => {
    expect(await problems(CreateInstanceDto, { ...valid, owner_id: 2_147_483_647 })).toEqual({});
  });
});

describe('UpdateInstanceDto', () => {
  it('accepts an empty change', async () => {
    expect(await problems(UpdateInstanceDto, {})).toEqual({});
  });

  it.each(NOT_NULL)('refuses %s: null with "must not be null"', async (field) => {
    const found = await problems(UpdateInstanceDto, { [field]: null });
    expect(Object.keys(found)).toEqual([field]);
    expect(found[field]).toContain(`${field} must not be null`);
  });

  it.each(NULLABLE)('accepts %s: null', async (field) => {
    expect(await problems(UpdateInstanceDto, { [field]: null })).toEqual({});
  });

  it('refuses owner_id past int4', async () => {
    expect(Object.keys(await problems(UpdateInstanceDto, { owner_id: 2 ** 31 }))).toEqual(['owner_id']);
  });
});

describe('ListInstancesQueryDto', () => {
  it('reads plain decimal page and per_page', async () => {
    expect(plainToInstance(ListInstancesQueryDto, { page: '2', per_page: '50' })).toMatchObject({ page: 2, per_page: 50 });
    expect(plainToInstance(ListInstancesQueryDto, {})).toMatchObject({ page: 1, per_page: 100 });
  });

  it.each(['0x10', '1e3', ' 1 ', '501', '0'])('refuses per_page=%j', async (perPage) => {
    expect(Object.keys(await problems(ListInstancesQueryDto, { per_page: perPage }))).toEqual(['per_page']);
  });

  it('sorts by name unless told, and takes every sort key in both directions', async () => {
    expect(plainToInstance(ListInstancesQueryDto, {})).toMatchObject({ sort: 'name' });
    for (const key of INSTANCE_SORT_KEYS) {
      expect(await problems(ListInstancesQueryDto, { sort: key })).toEqual({});
      expect(await problems(ListInstancesQueryDto, { sort: `-${key}` })).toEqual({});
    }
  });

  it.each([
    ['sort', 'size desc'],
    ['sort', '--size'],
    ['sort', '+size'],
    ['status', 'running'],
    ['format', 'xml'],
    ['tag', 'x'.repeat(65)],
  ])('refuses %s=%j, naming it', async (field, value) => {
    const found = await problems(ListInstancesQueryDto, { [field]: value });
    expect(Object.keys(found)).toEqual([field]);
    expect(found[field].join(' ')).toContain(field);
  });

  it('takes the status filters and both formats', async () => {
    for (const status of ['completed', 'failed', 'never']) expect(await problems(ListInstancesQueryDto, { status })).toEqual({});
    for (const format of ['json', 'csv']) expect(await problems(ListInstancesQueryDto, { format })).toEqual({});
  });
});
