import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AggregationsQueryDto, CrossAggregationsQueryDto, RunAggregationDto, TrendsQueryDto } from './aggregation.dto';

type Dto = typeof AggregationsQueryDto | typeof CrossAggregationsQueryDto | typeof RunAggregationDto | typeof TrendsQueryDto;
const fieldsOf = async (cls: Dto, plain: object): Promise<string[]> =>
  (await validate(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true })).map((error) => error.property);

const BAD_DATES = ['0000-01-01', '9999-12-31', '1899-12-31', '3000-01-01', '2026-02-30'];

describe('aggregation DTOs', () => {
  it.each(BAD_DATES)('RunAggregationDto refuses start_date and end_date %s', async (date) => {
    expect(await fieldsOf(RunAggregationDto, { start_date: date })).toEqual(['start_date']);
    expect(await fieldsOf(RunAggregationDto, { end_date: date })).toEqual(['end_date']);
  });

  it('RunAggregationDto refuses null for its optional fields and accepts nothing at all', async () => {
    expect(await fieldsOf(RunAggregationDto, {})).toEqual([]);
    expect(await fieldsOf(RunAggregationDto, { period_type: null, start_date: null, end_date: null })).toEqual(['period_type', 'start_date', 'end_date']);
  });

  it.each(BAD_DATES)('the query DTOs refuse start_date %s', async (date) => {
    expect(await fieldsOf(AggregationsQueryDto, { period_type: 'daily', start_date: date })).toEqual(['start_date']);
    expect(await fieldsOf(CrossAggregationsQueryDto, { start_date: date })).toEqual(['start_date']);
  });

  it.each(['0x10', '1e3', ' 1 ', '2147483648', '0'])('CrossAggregationsQueryDto refuses instance_id=%j', async (value) => {
    expect(await fieldsOf(CrossAggregationsQueryDto, { instance_id: value })).toEqual(['instance_id']);
  });

  it('reads plain decimal integers', async () => {
    expect(plainToInstance(CrossAggregationsQueryDto, { instance_id: '2147483647' }).instance_id).toBe(2_147_483_647);
    expect(plainToInstance(TrendsQueryDto, { period_type: 'monthly', months: '24' }).months).toBe(24);
  });

  it.each(['0x10', '1e3', ' 1 ', '121'])('TrendsQueryDto refuses months=%j', async (months) => {
    expect(await fieldsOf(TrendsQueryDto, { period_type: 'monthly', months })).toEqual(['months']);
  });
});
