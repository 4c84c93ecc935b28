import { screen } from '@testing-library/react';
import { useChartFormat } from '../components/charts/use-chart-format';
import { formatDateTime } from '../components/format';
import { useFormat } from '../components/use-format';
import { http, apiServer } from '../testing/api-server';
import { renderWithProviders } from '../testing/render';
import { AppSettingsProvider } from './app-settings';
import { browserTimeZone, lastDays, setCalendarTimeZone, today } from './dates';

// The reading of the issue: collected at 17:30 UTC on Jan 1, that is 01:30 on Jan 2 in Shanghai, where the API
// (APP_TIMEZONE=Asia/Shanghai) files it under 2026-01-02.
const COLLECTED_AT = '2026-01-01T17:30:00Z';
const FILED_UNDER = '2026-01-02';

const reading = { collected_date: FILED_UNDER, collected_at: COLLECTED_AT };

function serveTimeZone(timeZone: string): void {
  apiServer.use(http.get('/api/v1/settings', ({ response }) => response(200).json({ time_zone: timeZone, today: FILED_UNDER, server_time: COLLECTED_AT })));
}

/** Every way the SPA shows the reading's day: the table's date-time, a date cell, a chart label, today, a range. */
function DayProbe() {
  const fmt = useFormat();
  const chart = useChartFormat();
  return (
    <ul>
      <li data-testid="date-time">{fmt.dateTime(reading.collected_at)}</li>
      <li data-testid="date">{fmt.date(reading.collected_date)}</li>
      <li data-testid="chart-label">{chart.date(reading.collected_date)}</li>
      <li data-testid="today">{today()}</li>
      <li data-testid="range-end">{lastDays(30).end}</li>
    </ul>
  );
}

const originalTz = process.env.TZ;

afterEach(() => {
  process.env.TZ = originalTz;
  setCalendarTimeZone(undefined);
  vi.useRealTimers();
});

describe.each(['UTC', 'America/Los_Angeles'])('with the browser in %s and APP_TIMEZONE Asia/Shanghai', (browserZone) => {
  beforeEach(() => {
    process.env.TZ = browserZone;
    serveTimeZone('Asia/Shanghai');
  });

  it('runs in the browser zone it claims (the premise of the other cases)', () => {
    expect(browserTimeZone()).toBe(browserZone);
    expect(new Date(COLLECTED_AT).getDate()).toBe(1);
  });

  it('files the reading under Jan 2 in date-times, date cells, chart labels and today, and names the zone', async () => {
    vi.useFakeTimers({ now: new Date(COLLECTED_AT), toFake: ['Date'] });
    renderWithProviders(
      <AppSettingsProvider>
        <DayProbe />
      </AppSettingsProvider>,
    );
    expect((await screen.findByTestId('date-time')).textContent).toBe('Jan 2, 2026, 1:30 AM Asia/Shanghai');
    expect(screen.getByTestId('date').textContent).toBe('Jan 2, 2026');
    expect(screen.getByTestId('chart-label').textContent).toBe('Jan 2');
    expect(screen.getByTestId('today').textContent).toBe(FILED_UNDER);
    expect(screen.getByTestId('range-end').textContent).toBe(FILED_UNDER);
  });
});

describe('AppSettingsProvider', () => {
  it('renders the page only once the time zone is known', async () => {
    serveTimeZone('Asia/Shanghai');
    renderWithProviders(
      <AppSettingsProvider>
        <DayProbe />
      </AppSettingsProvider>,
    );
    expect(screen.queryByTestId('date-time')).toBeNull();
    expect(screen.getByRole('status')).toBeTruthy();
    expect((await screen.findByTestId('date-time')).textContent).toContain('Asia/Shanghai');
  });

  it('falls back to the browser zone when the settings cannot be read', async () => {
    process.env.TZ = 'UTC';
    apiServer.use(http.get('/api/v1/settings', ({ response }) => response(503).json({ statusCode: 503, error: 'Service Unavailable', message: 'down', fields: [] })));
    renderWithProviders(
      <AppSettingsProvider>
        <DayProbe />
      </AppSettingsProvider>,
    );
    expect((await screen.findByTestId('date-time')).textContent).toBe('Jan 1, 2026, 5:30 PM UTC');
  });
});

describe('formatDateTime', () => {
  it('shows an instant in the zone it is given, whatever the browser zone, the zone named', () => {
    process.env.TZ = 'America/Los_Angeles';
    expect(formatDateTime(COLLECTED_AT, 'en', 'Asia/Shanghai')).toBe('Jan 2, 2026, 1:30 AM Asia/Shanghai');
    expect(formatDateTime(COLLECTED_AT, 'en', 'UTC')).toBe('Jan 1, 2026, 5:30 PM UTC');
    expect(formatDateTime(COLLECTED_AT, 'zh-CN', 'Asia/Shanghai')).toContain('2026年1月2日');
  });

  it('defaults to the API zone once set', () => {
    process.env.TZ = 'UTC';
    setCalendarTimeZone('Asia/Shanghai');
    expect(formatDateTime(COLLECTED_AT, 'en')).toBe('Jan 2, 2026, 1:30 AM Asia/Shanghai');
    expect(today(new Date(COLLECTED_AT))).toBe(FILED_UNDER);
  });

  it('keeps the empty and unparseable values as before', () => {
    expect(formatDateTime(null, 'en', 'UTC')).toBe('—');
    expect(formatDateTime('not a date', 'en', 'UTC')).toBe('not a date');
  });
});
