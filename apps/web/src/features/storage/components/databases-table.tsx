import { useMemo, useState } from 'react';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { LatestDatabaseSizeResponse } from '../../../lib/api-types';
import { SortableHeader, type SortableColumn } from './sortable-header';
import { sortBy, type SortState } from './sort';

type Column = 'database_name' | 'size_bytes' | 'data_size_bytes' | 'log_size_bytes' | 'change' | 'collected_at';

const COLUMNS: SortableColumn<Column>[] = [
  { key: 'database_name', label: 'storage.database', numeric: false },
  { key: 'size_bytes', label: 'storage.size', numeric: true },
  { key: 'data_size_bytes', label: 'storage.dataSize', numeric: true },
  { key: 'log_size_bytes', label: 'storage.logSize', numeric: true },
  { key: 'change', label: 'storage.change7d', numeric: true },
  { key: 'collected_at', label: 'storage.collectedAt', numeric: false, firstDirection: 'desc' },
];

/** The size cell: "unknown" (null: not readable) or the size, marked "estimate" for statistics readings. */
function SizeCell({ row }: { row: LatestDatabaseSizeResponse }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (row.size_bytes === null) {
    return (
      <span className="muted" title={t('storage.sizeUnknownHint')} data-testid="size-unknown">
        — {t('storage.sizeUnknown')}
      </span>
    );
  }
  return (
    <>
      {fmt.bytes(row.size_bytes)}
      {row.size_source === 'statistics' ? (
        <>
          {' '}
          <span className="badge badge-warning" title={t('storage.sizeEstimateHint')} data-testid="size-estimate">
            {t('storage.sizeEstimate')}
          </span>
        </>
      ) : null}
    </>
  );
}

/**
 * Latest size of each database with data, log and change vs 7 days ago; sortable by every column. The total is
 * unknown while a database's size is (the sum of the readable part would pass for the whole).
 */
export function DatabasesTable({
  rows,
  changes,
  selected,
  onSelect,
}: {
  rows: LatestDatabaseSizeResponse[];
  changes: Map<string, number | null>;
  selected?: string;
  onSelect?: (database: string) => void;
}) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [sort, setSort] = useState<SortState<Column>>({ key: 'size_bytes', direction: 'desc' });
  const sorted = useMemo(
    () => sortBy(rows, sort, (row, key) => (key === 'change' ? changes.get(row.database_name) : row[key])),
    [rows, sort, changes],
  );
  const total = rows.some((row) => row.size_bytes === null) ? null : rows.reduce((sum, row) => sum + (row.size_bytes ?? 0), 0);

  return (
    <div className="table-wrap">
      <table className="table" data-testid="databases-table">
        <SortableHeader columns={COLUMNS} sort={sort} onSort={setSort} />
        <tbody>
          {sorted.map((row) => {
            const change = changes.get(row.database_name) ?? null;
            return (
              <tr
                key={row.database_name}
                data-testid={`database-row-${row.database_name}`}
                className={`clickable${selected === row.database_name ? ' selected' : ''}`}
                onClick={() => onSelect?.(row.database_name)}
              >
                <td>{row.database_name}</td>
                <td className="num">
                  <SizeCell row={row} />
                </td>
                <td className="num">{fmt.bytes(row.data_size_bytes)}</td>
                <td className="num">{fmt.bytes(row.log_size_bytes)}</td>
                <td className={`num ${change && change > 0 ? 'positive' : change && change < 0 ? 'negative' : ''}`}>{fmt.signedBytes(change)}</td>
                <td>{fmt.dateTime(row.collected_at)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th>{t('common.total')}</th>
            <th className="num" data-testid="databases-total">
              {total === null ? <span title={t('storage.totalUnknownHint')}>— {t('storage.sizeUnknown')}</span> : fmt.bytes(total)}
            </th>
            <th colSpan={4} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
