import { useMemo, useState } from 'react';
import { useFormat } from '../../../components/use-format';
import { useI18n } from '../../../i18n';
import type { TableGrowthItem } from '../../../lib/api-types';
import type { TableGrowthWindow } from '../api/tables';
import { SortableHeader, type SortableColumn } from './sortable-header';
import { sortBy, type SortState } from './sort';
import type { TopTableRow } from './top-tables';

type Column = 'table' | 'total_bytes' | 'data_bytes' | 'index_bytes' | 'toast_bytes' | 'growth_7' | 'growth_30';

const COLUMNS: SortableColumn<Column>[] = [
  { key: 'table', label: 'storage.tables.table', numeric: false },
  { key: 'total_bytes', label: 'storage.tables.total', numeric: true },
  { key: 'data_bytes', label: 'storage.tables.data', numeric: true },
  { key: 'index_bytes', label: 'storage.tables.index', numeric: true },
  { key: 'toast_bytes', label: 'storage.tables.toast', numeric: true },
  { key: 'growth_7', label: 'storage.tables.growth7d', numeric: true },
  { key: 'growth_30', label: 'storage.tables.growth30d', numeric: true },
];

const qualifiedName = (row: TopTableRow) => `${row.schema_name}.${row.table_name}`;

function sortValue(row: TopTableRow, key: Column): string | number | null {
  if (key === 'table') return qualifiedName(row);
  if (key === 'growth_7') return row.growth[7]?.change_bytes ?? null;
  if (key === 'growth_30') return row.growth[30]?.change_bytes ?? null;
  return row[key];
}

/** Whether a window's growth answer has arrived: its cells wait for it, and say nothing when it failed. */
export type GrowthState = 'pending' | 'error' | 'success';

/** "+6 MB (+25%)" since the first reading inside the window; "—" when the window holds no earlier reading. */
function GrowthCell({ growth, days, state }: { growth: TableGrowthItem | null; days: TableGrowthWindow; state: GrowthState }) {
  const { t } = useI18n();
  const fmt = useFormat();
  if (state !== 'success') return <td className="num muted">{state === 'pending' ? '…' : '—'}</td>;
  if (growth === null) {
    return (
      <td className="num muted" title={t('storage.tables.growthNone', { days })}>
        —
      </td>
    );
  }
  const direction = growth.change_bytes > 0 ? 'positive' : growth.change_bytes < 0 ? 'negative' : '';
  return (
    <td className={`num ${direction}`} title={t('storage.tables.growthSince', { date: fmt.date(growth.start_date) })} data-testid={`growth-${days}`}>
      {fmt.signedBytes(growth.change_bytes)}
      {growth.change_percent === null ? null : <span className="muted"> ({fmt.percent(growth.change_percent)})</span>}
    </td>
  );
}

/** A database's largest tables with their parts and their growth over 7 and 30 days; sortable by every column. */
export function TopTablesTable({ rows, growthState }: { rows: TopTableRow[]; growthState: Record<TableGrowthWindow, GrowthState> }) {
  const { t } = useI18n();
  const fmt = useFormat();
  const [sort, setSort] = useState<SortState<Column>>({ key: 'total_bytes', direction: 'desc' });
  const sorted = useMemo(() => sortBy(rows, sort, sortValue), [rows, sort]);

  return (
    <div className="table-wrap">
      <table className="table" data-testid="top-tables">
        <SortableHeader columns={COLUMNS} sort={sort} onSort={setSort} />
        <tbody>
          {sorted.map((row) => (
            <tr key={qualifiedName(row)} data-testid={`table-row-${qualifiedName(row)}`}>
              <td>
                <span className="muted">{row.schema_name}.</span>
                {row.table_name}
              </td>
              <td className="num">
                {fmt.bytes(row.total_bytes)}
                {row.size_source === 'statistics' ? (
                  <>
                    {' '}
                    <span className="badge badge-warning" title={t('storage.sizeEstimateHint')} data-testid="table-size-estimate">
                      {t('storage.sizeEstimate')}
                    </span>
                  </>
                ) : null}
              </td>
              <td className="num">{fmt.bytes(row.data_bytes)}</td>
              <td className="num">{fmt.bytes(row.index_bytes)}</td>
              <td className="num" title={row.toast_bytes === null ? t('storage.tables.toastNone') : undefined}>
                {fmt.bytes(row.toast_bytes)}
              </td>
              <GrowthCell growth={row.growth[7]} days={7} state={growthState[7]} />
              <GrowthCell growth={row.growth[30]} days={30} state={growthState[30]} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
