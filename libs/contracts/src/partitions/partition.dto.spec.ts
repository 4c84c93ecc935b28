import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RestoreArchiveDto, RunArchiveDto } from '../archive/archive.dto';
import { RunCollectionDto } from '../collection/collection.dto';
import { CleanupPartitionsDto, CreatePartitionsDto } from './partition.dto';

type Dto = typeof CreatePartitionsDto | typeof CleanupPartitionsDto | typeof RestoreArchiveDto | typeof RunArchiveDto | typeof RunCollectionDto;
const fieldsOf = async (cls: Dto, plain: object): Promise<string[]> =>
  (await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true })).map((error) => error.property);

describe('maintenance DTOs', () => {
  it.each([
    [CreatePartitionsDto, { month: null }, 'month'],
    [CreatePartitionsDto, { future_months: null }, 'future_months'],
    [CreatePartitionsDto, { future_months: 1, table: null }, 'table'],
    [CleanupPartitionsDto, { retention_months: null }, 'retention_months'],
    [CleanupPartitionsDto, { dry_run: null }, 'dry_run'],
    [CleanupPartitionsDto, { drop_without_archive: null }, 'drop_without_archive'],
    [RunArchiveDto, { dry_run: null }, 'dry_run'],
    [RestoreArchiveDto, { table: 'database_size_stats', month: null }, 'month'],
    [RunCollectionDto, { instance_id: null }, 'instance_id'],
  ] as const)('%o refuses %j', async (cls, plain, field) => {
    expect(await fieldsOf(cls, plain)).toEqual([field]);
  });

  it.each([
    [CreatePartitionsDto, { future_months: 2 ** 31 }, 'future_months'],
    [CleanupPartitionsDto, { retention_months: 2 ** 31 }, 'retention_months'],
    [RunCollectionDto, { instance_id: 2 ** 31 }, 'instance_id'],
  ] as const)('%o refuses an integer past its range: %j', async (cls, plain, field) => {
    expect(await fieldsOf(cls, plain)).toEqual([field]);
  });

  it.each(['0000-01', '9999-12', '1899-12', '2026-13'])('refuses the month %s', async (month) => {
    expect(await fieldsOf(CreatePartitionsDto, { month })).toEqual(['month']);
    expect(await fieldsOf(RestoreArchiveDto, { table: 'database_size_stats', month })).toEqual(['month']);
  });

  it('accepts the bodies the API documents', async () => {
    expect(await fieldsOf(CreatePartitionsDto, { month: '2027-01' })).toEqual([]);
    expect(await fieldsOf(CreatePartitionsDto, { future_months: 3, table: 'instance_size_stats' })).toEqual([]);
    expect(await fieldsOf(CleanupPartitionsDto, {})).toEqual([]);
    expect(await fieldsOf(RestoreArchiveDto, { table: 'database_size_stats', month: '1999-12' })).toEqual([]);
    expect(await fieldsOf(RunCollectionDto, { instance_id: 2_147_483_647 })).toEqual([]);
  });
});
