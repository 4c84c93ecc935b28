import type { AlertRuleResponse, Paginated, AlertResponse } from '@capacity/contracts';
import { addDays, type CalendarDate } from '@capacity/contracts';
import { insertDatabaseStats, insertInstanceStats } from './factories';
import type { TestApp } from './test-app';
import { AlertClock } from '../alerts/alert-clock';
import { AlertEvaluationService } from '../alerts/alert-evaluation.service';

export const GIB = 1024 ** 3;

/** A notification channel through the API (a webhook to `url`; a disabled one sends nothing); returns its id. */
export async function createWebhookChannel(t: TestApp, name: string, url: string, enabled = true): Promise<number> {
  const response = await t.http
    .post('/api/v1/notification-channels')
    .auth(t.adminToken, { type: 'bearer' })
    .send({ name, kind: 'webhook', url, enabled })
    .expect(201);
  return response.body.id as number;
}

export async function createRule(t: TestApp, body: Record<string, unknown>): Promise<AlertRuleResponse> {
  const response = await t.http.post('/api/v1/alert-rules').auth(t.adminToken, { type: 'bearer' }).send(body);
  if (response.status !== 201) throw new Error(`rule not created: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as AlertRuleResponse;
}

/** Runs one evaluation through the API and waits for it (and any rerun it owes) to end. */
export async function evaluate(t: TestApp): Promise<void> {
  await t.http.post('/api/v1/alerts/evaluate').auth(t.adminToken, { type: 'bearer' }).expect(202);
  await t.app.get(AlertEvaluationService).idle();
}

export async function alerts(t: TestApp, query = '', token = t.adminToken): Promise<Paginated<AlertResponse>> {
  return (await t.http.get(`/api/v1/alerts${query}`).auth(token, { type: 'bearer' }).expect(200)).body as Paginated<AlertResponse>;
}

/** Moves the alerts module's clock: every later evaluation sees `at`. */
export function setClock(t: TestApp, at: Date): void {
  const clock = t.app.get(AlertClock);
  clock.now = () => at;
}

/**
 * Daily readings ending on `last` per database (`sizes[0]` on `last - (sizes.length - 1)`, …, the last on `last`; a
 * null skips that day), and the instance totals of those days (the sum of its databases).
 */
export async function seedSeries(t: TestApp, instanceId: number, last: CalendarDate, databases: Record<string, (number | null)[]>): Promise<void> {
  const rows = Object.entries(databases).flatMap(([databaseName, sizes]) =>
    sizes.flatMap((size, index) => (size === null ? [] : [{ instanceId, databaseName, date: addDays(last, index - (sizes.length - 1)), sizeBytes: size }])),
  );
  await insertDatabaseStats(t.dataSource, rows);
  const totals = new Map<CalendarDate, { total: number; count: number }>();
  for (const row of rows) {
    const day = totals.get(row.date) ?? { total: 0, count: 0 };
    totals.set(row.date, { total: day.total + row.sizeBytes, count: day.count + 1 });
  }
  await insertInstanceStats(
    t.dataSource,
    [...totals].map(([date, day]) => ({ instanceId, date, totalSizeBytes: day.total, databaseCount: day.count })),
  );
}
