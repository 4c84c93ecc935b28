import { useState } from 'react';

/** The text of a number input and the number it holds, valid when a whole number inside [min, max] (as Number() reads it: "" is 0). */
export function useIntegerInput(initial: number, min: number, max: number) {
  const [text, setText] = useState(String(initial));
  const value = Number(text);
  const valid = Number.isInteger(value) && value >= min && value <= max;
  return { text, setText, value, valid };
}
