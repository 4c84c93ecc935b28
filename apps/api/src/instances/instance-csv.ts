import type { InstanceResponse } from '@capacity/contracts';
import { type CsvColumn, fieldColumns } from '../common/csv/csv-column';

/** The instances export: the fields of the JSON list, tags joined by `; ` (has_password is of no use in a sheet). */
export const INSTANCE_CSV_COLUMNS: CsvColumn<InstanceResponse>[] = fieldColumns<InstanceResponse>([
  'id',
  'name',
  'db_type',
  'host',
  'port',
  'username',
  'database_name',
  'is_active',
  'tags',
  'zone',
  'owner_id',
  'description',
  'latest_total_size_bytes',
  'latest_total_size_mb',
  'growth_7d_bytes',
  'growth_7d_percent',
  'growth_30d_bytes',
  'growth_30d_percent',
  'database_count',
  'last_collected_at',
  'last_collection_status',
  'capacity_limit_bytes',
  'created_at',
  'updated_at',
]);
