import type { Dictionary, MessageKey } from './en';

export type TranslateParams = Record<string, string | number>;

/** Looks the key up and fills `{name}` placeholders. */
export function translate(dictionary: Dictionary, key: MessageKey, params?: TranslateParams): string {
  const text = dictionary[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}
