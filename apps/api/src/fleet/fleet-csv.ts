import type { FleetRankingItem } from '@capacity/contracts';
import { type CsvColumn, fieldColumns } from '../common/csv/csv-column';

/** The rankings export: the fields of the JSON items, the instance flattened into columns. */
export const RANKING_CSV_COLUMNS: CsvColumn<FleetRankingItem>[] = [
  ...fieldColumns<FleetRankingItem>(['rank']),
  { header: 'instance_id', value: (item) => item.instance.id },
  { header: 'instance_name', value: (item) => item.instance.name },
  { header: 'db_type', value: (item) => item.instance.db_type },
  ...fieldColumns<FleetRankingItem>([
    'database_name',
    'date_then',
    'date_now',
    'size_then_bytes',
    'size_then_mb',
    'size_now_bytes',
    'size_now_mb',
    'change_bytes',
    'change_mb',
    'change_percent',
  ]),
];
