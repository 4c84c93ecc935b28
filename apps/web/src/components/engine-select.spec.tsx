import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DB_TYPES, type DbType } from '@capacity/contracts';
import { renderWithProviders } from '../testing/render';
import { EngineSelect } from './engine-select';

describe('EngineSelect', () => {
  it('offers "All" and every engine by name, and reports the chosen one', async () => {
    const chosen: (DbType | '')[] = [];
    renderWithProviders(<EngineSelect label="Engine" name="engine" value="" onChange={(value) => chosen.push(value)} />);
    const select = screen.getByRole('combobox', { name: 'Engine' });
    const options = [...select.querySelectorAll('option')];
    expect(options.map((option) => option.value)).toEqual(['', ...DB_TYPES]);
    expect(options[0]?.textContent).toBe('All');
    expect(options.map((option) => option.textContent)).toContain('MySQL');
    await userEvent.selectOptions(select, 'mysql');
    expect(chosen).toEqual(['mysql']);
  });
});
