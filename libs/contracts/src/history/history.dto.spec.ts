import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ListSessionsQueryDto } from '../sessions/session.dto';
import { DatabaseSizesQueryDto, ForecastQueryDto } from './history.dto';

type Dto = typeof DatabaseSizesQueryDto | typeof ForecastQueryDto | typeof ListSessionsQueryDto;
const fieldsOf = async (cls: Dto, plain: object): Promise<string[]> =>
  (await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true })).map((error) => error.property);

describe('history and session query DTOs', () => {
  it.each(['0000-01-01', '9999-12-31', '2026-02-30'])('DatabaseSizesQueryDto refuses %s on either end', async (date) => {
    expect(await fieldsOf(DatabaseSizesQueryDto, { start_date: date })).toEqual(['start_date']);
    expect(await fieldsOf(DatabaseSizesQueryDto, { end_date: date })).toEqual(['end_date']);
  });

  it('DatabaseSizesQueryDto accepts the bounds of the range', async () => {
    expect(await fieldsOf(DatabaseSizesQueryDto, { start_date: '1900-01-01', end_date: '2999-12-31' })).toEqual([]);
  });

  it.each(['0x10', '1e3', ' 1 ', '3651', '0'])('ForecastQueryDto refuses horizon_days=%j', async (value) => {
    expect(await fieldsOf(ForecastQueryDto, { horizon_days: value })).toEqual(['horizon_days']);
  });

  it.each(['0x10', '1e3', ' 1 '])('ListSessionsQueryDto refuses page=%j', async (page) => {
    expect(await fieldsOf(ListSessionsQueryDto, { page })).toEqual(['page']);
  });
});
