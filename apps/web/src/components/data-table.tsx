import type { ReactNode } from 'react';

export interface TableColumn {
  label: ReactNode;
  /** Right-aligned figures. */
  numeric?: boolean;
  /** On a sortable column: how the rows are sorted by it (the label is then the button that sorts). */
  ariaSort?: 'ascending' | 'descending' | 'none';
}

interface DataTableProps {
  columns: readonly TableColumn[];
  children: ReactNode;
  testId?: string;
  /** Below the table, inside its scrolling wrapper (e.g. the pagination bar). */
  footer?: ReactNode;
  /** The dense variant inside another block (no scrolling wrapper of its own). */
  compact?: boolean;
}

/** A table with its header row; the rows come as children. */
export function DataTable({ columns, children, testId, footer, compact = false }: DataTableProps) {
  const table = (
    <table className={compact ? 'table table-compact' : 'table'} data-testid={testId}>
      <thead>
        <tr>
          {columns.map((column, index) => (
            // The header is fixed for the table's life: its position is its identity.
            <th key={index} className={column.numeric ? 'num' : undefined} aria-sort={column.ariaSort}>
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (compact) return table;
  return (
    <div className="table-wrap">
      {table}
      {footer}
    </div>
  );
}
