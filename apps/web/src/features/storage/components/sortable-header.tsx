import { useI18n, type MessageKey } from '../../../i18n';
import { nextSort, type SortDirection, type SortState } from './sort';

export interface SortableColumn<K extends string> {
  key: K;
  label: MessageKey;
  /** Right-aligned figures. */
  numeric: boolean;
  /** The order of the first click: default largest first for figures, A to Z for names. */
  firstDirection?: SortDirection;
}

/** The header row of a table sorted client-side: a button per column, the sorted one marked ▲/▼ and by aria-sort. */
export function SortableHeader<K extends string>({
  columns,
  sort,
  onSort,
}: {
  columns: readonly SortableColumn<K>[];
  sort: SortState<K>;
  onSort: (sort: SortState<K>) => void;
}) {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th
            key={column.key}
            className={column.numeric ? 'num' : undefined}
            aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button type="button" className="sort" onClick={() => onSort(nextSort(sort, column.key, column.firstDirection ?? (column.numeric ? 'desc' : 'asc')))}>
              {t(column.label)}
              {sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
          </th>
        ))}
      </tr>
    </thead>
  );
}
