import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { lazy, Suspense } from 'react';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { PageErrorBoundary } from './page-error-boundary';

const chunkError = () => new TypeError('Failed to fetch dynamically imported module: /assets/users-page-1a2b3c.js');

describe('PageErrorBoundary', () => {
  beforeEach(() => {
    // React reports the caught error on the console; the boundary's own log line says the same.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  it('shows a message and a reload button when a lazy page cannot load its code', async () => {
    const onReload = vi.fn();
    const BrokenPage = lazy(() => Promise.reject(chunkError()));
    render(
      <I18nProvider locale="en">
        <PageErrorBoundary onReload={onReload}>
          <Suspense fallback={<p>loading</p>}>
            <BrokenPage />
          </Suspense>
        </PageErrorBoundary>
      </I18nProvider>,
    );

    const message = await screen.findByRole('alert');
    expect(message.textContent).toContain('This page could not be shown.');
    expect(message.textContent).toContain('Failed to fetch dynamically imported module');
    await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
  });

  it('shows the page itself when nothing fails', async () => {
    const Page = lazy(() => Promise.resolve({ default: () => <p>the page</p> }));
    render(
      <I18nProvider locale="zh-CN">
        <PageErrorBoundary>
          <Suspense fallback={<p>loading</p>}>
            <Page />
          </Suspense>
        </PageErrorBoundary>
      </I18nProvider>,
    );
    expect(await screen.findByText('the page')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
