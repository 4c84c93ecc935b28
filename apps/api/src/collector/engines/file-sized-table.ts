import type { CollectedTable } from '../collector.types';
import { toBytes } from './to-bytes';

/** A catalog row's names and byte counts, as the driver returns them (bigint as strings). */
export interface TableSizeRow {
  schema_name: string;
  table_name: string;
  total_bytes: unknown;
  data_bytes: unknown;
  index_bytes: unknown;
}

/** A catalog row → the table sized from its files; `toastBytes` and `rowEstimate` are the engine's own columns. */
export function fileSizedTable(database: string, row: TableSizeRow, toastBytes: unknown, rowEstimate: unknown): CollectedTable {
  return {
    database,
    schema: row.schema_name,
    name: row.table_name,
    totalBytes: toBytes(row.total_bytes),
    dataBytes: toBytes(row.data_bytes),
    indexBytes: toBytes(row.index_bytes),
    toastBytes: toBytes(toastBytes),
    rowEstimate: rowEstimate === null ? null : toBytes(rowEstimate),
    sizeSource: 'files',
  };
}
