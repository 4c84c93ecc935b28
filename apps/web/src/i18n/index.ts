export { I18nProvider, useI18n, type I18nValue } from './i18n-provider';
export { LOCALES, LOCALE_LABELS, pickLocale, type Locale } from './locales';
export type { MessageKey } from './en';
export type { TranslateParams } from './translate';
