import type { CapacityItemResponse } from '@capacity/contracts';
import { type CsvColumn, fieldColumns } from '../common/csv/csv-column';

/** The capacity exports: the instance flattened into its id, name and engine, then the fields of the JSON item. */
export const CAPACITY_CSV_COLUMNS: CsvColumn<CapacityItemResponse>[] = [
  { header: 'instance_id', value: (row) => row.instance.id },
  { header: 'instance_name', value: (row) => row.instance.name },
  { header: 'db_type', value: (row) => row.instance.db_type },
  ...fieldColumns<CapacityItemResponse>([
    'database_name',
    'size_bytes',
    'size_mb',
    'last_date',
    'limit_bytes',
    'limit_mb',
    'limit_source',
    'configured_limit_bytes',
    'engine_limit_bytes',
    'used_percent',
    'points',
    'growth_bytes_per_day',
    'growth_mb_per_day',
    'days_to_full',
    'days_to_full_early',
    'days_to_full_late',
    'full_date',
    'status',
  ]),
];
