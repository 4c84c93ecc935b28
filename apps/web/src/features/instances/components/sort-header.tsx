import type { InstanceSort, InstanceSortKey } from '@capacity/contracts';
import type { TableColumn } from '../../../components/data-table';
import { nextSort, sortKeyOf } from '../api/instances-view';

/** A column the API sorts by: its header is a button (▲/▼ on the sorted one) and carries aria-sort. */
export function sortableColumn(
  label: string,
  key: InstanceSortKey,
  sort: InstanceSort,
  onSort: (sort: InstanceSort) => void,
  { numeric = false }: { numeric?: boolean } = {},
): TableColumn {
  const current = sortKeyOf(sort);
  const sorted = current.key === key;
  return {
    numeric,
    ariaSort: sorted ? (current.descending ? 'descending' : 'ascending') : 'none',
    label: (
      // Figures start largest first, text A to Z.
      <button type="button" className="sort" data-testid={`sort-${key}`} onClick={() => onSort(nextSort(sort, key, numeric))}>
        {label}
        {sorted ? (current.descending ? ' ▼' : ' ▲') : ''}
      </button>
    ),
  };
}
