import type { AggregationItem, DatabaseSizeStatPoint, DatabaseSizesResponse } from '@capacity/contracts';
import { type CsvColumn, fieldColumns } from '../common/csv/csv-column';

/** The aggregations export: one line per item, its instance and statistics flattened into columns. */
export const AGGREGATION_CSV_COLUMNS: CsvColumn<AggregationItem>[] = [
  { header: 'instance_id', value: (item) => item.instance.id },
  { header: 'instance_name', value: (item) => item.instance.name },
  { header: 'db_type', value: (item) => item.instance.db_type },
  ...fieldColumns<AggregationItem>(['database_name', 'period_type', 'period_start', 'period_end']),
  ...(
    [
      'avg_size_mb',
      'max_size_mb',
      'min_size_mb',
      'avg_data_size_mb',
      'max_data_size_mb',
      'min_data_size_mb',
      'avg_log_size_mb',
      'max_log_size_mb',
      'min_log_size_mb',
      'data_count',
      'size_change_mb',
      'size_change_percent',
      'growth_rate',
    ] as const
  ).map((field): CsvColumn<AggregationItem> => ({ header: field, value: (item) => item.statistics[field] })),
  ...fieldColumns<AggregationItem>(['calculated_at']),
];

/** A daily reading of one database: a line of the history export. */
export type DatabaseSizeCsvRow = DatabaseSizeStatPoint & { database_name: string };

export const DATABASE_SIZE_CSV_COLUMNS: CsvColumn<DatabaseSizeCsvRow>[] = fieldColumns<DatabaseSizeCsvRow>([
  'database_name',
  'collected_date',
  'collected_at',
  'size_bytes',
  'size_mb',
  'data_size_mb',
  'log_size_mb',
  'size_source',
]);

/** The series of GET /instances/:id/database-sizes as lines: per database (by name), oldest first. */
export function databaseSizeCsvRows(response: DatabaseSizesResponse): DatabaseSizeCsvRow[] {
  return response.data.flatMap((series) => series.stats.map((point) => ({ database_name: series.database_name, ...point })));
}
