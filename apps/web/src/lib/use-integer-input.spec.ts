import { act, renderHook } from '@testing-library/react';
import { useIntegerInput } from './use-integer-input';

describe('useIntegerInput', () => {
  it('starts from the initial number and judges each text against [min, max]', () => {
    const { result } = renderHook(() => useIntegerInput(6, 1, 12));
    expect(result.current).toMatchObject({ text: '6', value: 6, valid: true });
    act(() => result.current.setText('13'));
    expect(result.current).toMatchObject({ text: '13', value: 13, valid: false });
    act(() => result.current.setText('2.5'));
    expect(result.current.valid).toBe(false);
    act(() => result.current.setText('0'));
    expect(result.current.valid).toBe(false);
    act(() => result.current.setText('12'));
    expect(result.current).toMatchObject({ value: 12, valid: true });
  });

  it('reads an empty text as 0, as Number() does', () => {
    const { result } = renderHook(() => useIntegerInput(3, 0, 120));
    act(() => result.current.setText(''));
    expect(result.current).toMatchObject({ value: 0, valid: true });
  });
});
