import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SelectField } from './select-field';

describe('SelectField', () => {
  it('offers "all" first, then the options, and reports the chosen value', async () => {
    const chosen: string[] = [];
    render(
      <SelectField
        label="Engine"
        name="engine"
        value=""
        allLabel="All"
        options={[{ value: 'postgresql', label: 'PostgreSQL' }, { value: 'mysql', label: 'MySQL' }]}
        onChange={(value) => chosen.push(value)}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Engine' });
    expect([...select.querySelectorAll('option')].map((option) => [option.value, option.textContent])).toEqual([
      ['', 'All'],
      ['postgresql', 'PostgreSQL'],
      ['mysql', 'MySQL'],
    ]);
    await userEvent.selectOptions(select, 'mysql');
    expect(chosen).toEqual(['mysql']);
  });

  it('has no empty entry without allLabel', () => {
    render(<SelectField label="Period" name="period" value="daily" options={[{ value: 'daily', label: 'Daily' }]} onChange={() => undefined} />);
    expect(screen.getByRole('combobox', { name: 'Period' }).querySelectorAll('option')).toHaveLength(1);
  });
});
