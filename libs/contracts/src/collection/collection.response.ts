import { ApiProperty } from '@nestjs/swagger';
import { InstanceSizeStatPoint } from '../history/history.response';
import { SIZE_SOURCE_DESCRIPTION, SIZE_SOURCES, type SizeSource } from './collection.types';

/** One database of an instance as read by the latest collection (GET /instances/:id/database-sizes/latest). */
export class LatestDatabaseSizeResponse {
  @ApiProperty({ type: 'string' }) database_name!: string;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'null: the user could not read it (the collection record\'s warnings name the missing privilege); never 0 for that',
  })
  size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) size_mb!: number | null;
  // Inline, not `enumName`: @nestjs/swagger drops `type` beside a reference, and OpenAPI 3.0 wants it beside `nullable`.
  @ApiProperty({ type: 'string', enum: SIZE_SOURCES, nullable: true, description: SIZE_SOURCE_DESCRIPTION })
  size_source!: SizeSource | null;
  @ApiProperty({ type: 'integer', nullable: true }) data_size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) data_size_mb!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) log_size_bytes!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) log_size_mb!: number | null;
  @ApiProperty({ type: 'string', format: 'date', description: 'The day of the reading in APP_TIMEZONE' }) collected_date!: string;
  @ApiProperty({ type: 'string', format: 'date-time', description: 'The moment of the reading' }) collected_at!: string;
}

export class LatestDatabaseSizesResponse {
  @ApiProperty({ type: () => [LatestDatabaseSizeResponse], description: 'Ordered by size, largest first' }) data!: LatestDatabaseSizeResponse[];
  @ApiProperty({
    type: () => InstanceSizeStatPoint,
    nullable: true,
    description: 'The instance reading of the same collection (total = databases + instance log); null before the first',
  })
  instance!: InstanceSizeStatPoint | null;
}
