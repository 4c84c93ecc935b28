import { ApiProperty } from '@nestjs/swagger';

// `any[]`: the only constructor parameters TypeScript accepts for a mixin's base (TS2545).
// oxlint-disable-next-line typescript/no-explicit-any
type ClassOf<T = object> = abstract new (...args: any[]) => T;

/**
 * `Base` with the data and log sizes of a period after its own fields: average, largest, smallest (MB, 2 decimals;
 * null when no reading of the period has them). A mixin, not a base class, so that the schema keeps its field order.
 */
export function withDataLogSizeFigures<TBase extends ClassOf>(Base: TBase) {
  abstract class DataLogSizeFigures extends Base {
    @ApiProperty({ type: 'number', nullable: true }) avg_data_size_mb!: number | null;
    @ApiProperty({ type: 'number', nullable: true }) max_data_size_mb!: number | null;
    @ApiProperty({ type: 'number', nullable: true }) min_data_size_mb!: number | null;
    @ApiProperty({ type: 'number', nullable: true }) avg_log_size_mb!: number | null;
    @ApiProperty({ type: 'number', nullable: true }) max_log_size_mb!: number | null;
    @ApiProperty({ type: 'number', nullable: true }) min_log_size_mb!: number | null;
  }
  return DataLogSizeFigures;
}
