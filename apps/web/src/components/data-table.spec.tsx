import { render, screen, within } from '@testing-library/react';
import { DataTable } from './data-table';

describe('DataTable', () => {
  it('renders the header row, the rows and the footer inside the scrolling wrapper', () => {
    const { container } = render(
      <DataTable testId="things" columns={[{ label: 'Name' }, { label: 'Size', numeric: true }]} footer={<nav>pages</nav>}>
        <tr>
          <td>a</td>
          <td>1</td>
        </tr>
      </DataTable>,
    );
    const table = screen.getByTestId('things');
    expect(within(table).getAllByRole('columnheader').map((th) => [th.textContent, th.className])).toEqual([
      ['Name', ''],
      ['Size', 'num'],
    ]);
    expect(within(table).getByRole('cell', { name: 'a' })).toBeTruthy();
    expect(container.querySelector('.table-wrap > nav')?.textContent).toBe('pages');
  });

  it('renders the compact variant without a wrapper of its own', () => {
    const { container } = render(
      <DataTable compact columns={[{ label: 'Record' }]}>
        <tr>
          <td>r</td>
        </tr>
      </DataTable>,
    );
    expect(container.querySelector('.table-wrap')).toBeNull();
    expect(container.querySelector('table')?.className).toBe('table table-compact');
  });
});
