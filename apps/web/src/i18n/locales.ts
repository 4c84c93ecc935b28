import { en, type Dictionary } from './en';
import { zhCN } from './zh-CN';

export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_LABELS: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export const DICTIONARIES: Record<Locale, Dictionary> = { en, 'zh-CN': zhCN };

/** First choice from the browser's languages: any Chinese variant gives Simplified Chinese. */
export function pickLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}
