import type { AlertResponse } from '@capacity/contracts';
import { type CsvColumn, fieldColumns } from '../common/csv/csv-column';

/** The alerts export: the fields of the JSON list, the rule, instance and acknowledging user flattened into columns. */
export const ALERT_CSV_COLUMNS: CsvColumn<AlertResponse>[] = [
  ...fieldColumns<AlertResponse>(['id']),
  { header: 'rule_id', value: (alert) => alert.rule.id },
  { header: 'rule_name', value: (alert) => alert.rule.name },
  { header: 'rule_type', value: (alert) => alert.rule.type },
  { header: 'instance_id', value: (alert) => alert.instance.id },
  { header: 'instance_name', value: (alert) => alert.instance.name },
  { header: 'db_type', value: (alert) => alert.instance.db_type },
  ...fieldColumns<AlertResponse>(['database_name', 'state', 'severity', 'first_fired_at', 'last_seen_at', 'last_notified_at', 'notification_count', 'resolved_at']),
  { header: 'acknowledged_by', value: (alert) => alert.acknowledged_by?.username },
  ...fieldColumns<AlertResponse>(['acknowledged_at', 'size_bytes', 'size_mb', 'limit_bytes', 'days_to_full', 'summary']),
];
