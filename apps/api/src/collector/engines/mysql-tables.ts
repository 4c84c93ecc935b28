import type { CollectedTable, CollectedTables, SizeSource } from '../collector.types';
import { largestTables } from '../table-scan';
import type { MysqlTableSizeRow, MysqlTablespaceRow } from './mysql.repository';
import { toBytes } from './to-bytes';

const key = (schema: string, table: string): string => `${schema}\u0000${table}`;

/**
 * The largest tables of each scanned schema from information_schema.TABLES (a partitioned table is one row there, its
 * partitions summed). With the tablespaces readable (`source` files), an InnoDB table's total is its files on disk
 * (every partition file), others' their data + index length, which are the files of MyISAM/Aria; an InnoDB table
 * without its own file (system tablespace) has only the statistics. Data and index are the TABLES figures; there is
 * no TOAST notion (off-page columns live in the tablespace).
 */
export function mapMysqlTables(
  schemas: readonly string[],
  tablespaces: readonly MysqlTablespaceRow[],
  rows: readonly MysqlTableSizeRow[],
  source: SizeSource,
): CollectedTables {
  const scanned = new Set(schemas);
  const fileBytes = new Map<string, number>();
  for (const ts of tablespaces) {
    const schema = ts.schema_decoded !== null && scanned.has(ts.schema_decoded) ? ts.schema_decoded : ts.schema_raw;
    if (!scanned.has(schema)) continue;
    for (const table of new Set([ts.table_decoded ?? ts.table_raw, ts.table_raw])) {
      fileBytes.set(key(schema, table), (fileBytes.get(key(schema, table)) ?? 0) + toBytes(ts.file_size));
    }
  }
  const bySchema = new Map<string, CollectedTable[]>(schemas.map((schema) => [schema, []]));
  for (const row of rows) {
    const list = bySchema.get(row.schema_name);
    if (!list) continue;
    const innodb = (row.engine ?? '').toLowerCase() === 'innodb';
    const file = innodb && source === 'files' ? fileBytes.get(key(row.schema_name, row.table_name)) : undefined;
    const tableSource: SizeSource = source === 'files' && (file !== undefined || !innodb) ? 'files' : 'statistics';
    list.push({
      database: row.schema_name,
      schema: row.schema_name,
      name: row.table_name,
      totalBytes: file ?? toBytes(row.bytes),
      dataBytes: toBytes(row.data_bytes),
      indexBytes: toBytes(row.index_bytes),
      toastBytes: null,
      rowEstimate: row.row_estimate === null ? null : toBytes(row.row_estimate),
      sizeSource: tableSource,
    });
  }
  return { databases: [...schemas], tables: [...bySchema.values()].flatMap((list) => largestTables(list)) };
}
