import { plainToInstance } from 'class-transformer';
import { IsInt, IsOptional, IsString, validate } from 'class-validator';
import { IsNotNull, IsOptionalNonNull } from './optional-non-null';

class Sample {
  @IsOptionalNonNull() @IsInt()
  count?: number;

  @IsNotNull() @IsString()
  name!: string;

  @IsOptional() @IsString()
  note?: string | null;
}

const messages = async (plain: object): Promise<Record<string, string[]>> => {
  const errors = await validate(plainToInstance(Sample, plain));
  return Object.fromEntries(errors.map((error) => [error.property, Object.values(error.constraints ?? {})]));
};

describe('IsOptionalNonNull', () => {
  it('lets a missing field through without running its other rules', async () => {
    expect(await messages({ name: 'x' })).toEqual({});
  });

  it('refuses null with "<field> must not be null"', async () => {
    expect((await messages({ name: 'x', count: null })).count).toContain('count must not be null');
  });

  it('still runs the other rules on a given value', async () => {
    expect(Object.keys(await messages({ name: 'x', count: 'seven' }))).toEqual(['count']);
    expect(await messages({ name: 'x', count: 7 })).toEqual({});
  });

  it('leaves @IsOptional fields nullable', async () => {
    expect(await messages({ name: 'x', note: null })).toEqual({});
  });
});

describe('IsNotNull', () => {
  it('names the field when a required value is null', async () => {
    expect((await messages({ name: null })).name).toContain('name must not be null');
  });

  it('leaves a missing value to the other rules', async () => {
    expect((await messages({})).name).not.toContain('name must not be null');
  });
});
