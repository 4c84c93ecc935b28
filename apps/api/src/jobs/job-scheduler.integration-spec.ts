import type { SessionResponse } from '@capacity/contracts';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Client } from 'pg';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { JOB_LOCK_KEYS } from './job-lock.repository';
import { JobScheduler } from './job-scheduler.service';

describe('JobScheduler', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ AGGREGATION_ENABLED: 'true' });
  });
  afterAll(async () => {
    await t?.close();
  });

  const sessions = async (category: string): Promise<SessionResponse[]> =>
    (await t.http.get(`/api/v1/sessions?category=${category}`).auth(t.adminToken, { type: 'bearer' }).expect(200)).body.data as SessionResponse[];

  it('schedules only the jobs switched on, and a switched-off job does not run when called', async () => {
    const registry = t.app.get(SchedulerRegistry);
    expect(registry.doesExist('cron', 'aggregation')).toBe(true);
    expect(registry.doesExist('cron', 'collect')).toBe(false);
    expect(await t.app.get(JobScheduler).collect()).toBe(false);
    expect(await sessions('capacity')).toEqual([]);
  });

  it('skips a tick while another replica holds the job lock, and runs the next one once it is free', async () => {
    const scheduler = t.app.get(JobScheduler);
    const replica = new Client({ connectionString: t.database.url });
    await replica.connect();
    try {
      await replica.query('SELECT pg_advisory_lock($1)', [JOB_LOCK_KEYS.aggregation]);
      expect(await scheduler.aggregate()).toBe(false);
      expect(await sessions('aggregation')).toEqual([]);
    } finally {
      await replica.end();
    }
    expect(await scheduler.aggregate()).toBe(true);
    expect(await sessions('aggregation')).toMatchObject([{ sync_type: 'scheduled', status: 'completed', total_instances: 4 }]);
  });
});
