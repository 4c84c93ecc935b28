import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { en } from './en';
import { I18nProvider, useI18n } from './i18n-provider';
import { LOCALES, pickLocale } from './locales';
import { translate } from './translate';
import { zhCN } from './zh-CN';

function Probe() {
  const { t, setLocale, locale } = useI18n();
  return (
    <>
      <p>{t('nav.signedInAs', { name: 'ann', role: 'admin' })}</p>
      <button type="button" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
        switch
      </button>
    </>
  );
}

describe('i18n', () => {
  it('takes the first known browser language', () => {
    expect(pickLocale(['zh-TW', 'en-US'])).toBe('zh-CN');
    expect(pickLocale(['fr-FR', 'en-GB', 'zh-CN'])).toBe('en');
    expect(pickLocale(['de'])).toBe('en');
    expect(LOCALES).toEqual(['en', 'zh-CN']);
  });

  it('fills placeholders and leaves unknown ones in place', () => {
    expect(translate(en, 'common.page', { page: 2, pages: 5 })).toBe('Page 2 of 5');
    expect(translate(zhCN, 'common.page', { page: 2 })).toBe('第 2 / {pages} 页');
  });

  it('has a Chinese text for every English key, none left empty', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
    expect(Object.values(zhCN).filter((text) => !text.trim())).toEqual([]);
  });

  it('starts in Chinese when the browser prefers it, and switches and remembers the choice', async () => {
    const languages = vi.spyOn(navigator, 'languages', 'get').mockReturnValue(['zh-CN', 'en']);
    render(
      <I18nProvider>
        <Probe />
      </I18nProvider>,
    );
    expect(screen.getByText('当前用户 ann（admin）')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-CN');
    await userEvent.click(screen.getByRole('button', { name: 'switch' }));
    expect(screen.getByText('Signed in as ann (admin)')).toBeTruthy();
    expect(localStorage.getItem('capacity.locale')).toBe('en');
    languages.mockRestore();
  });
});
