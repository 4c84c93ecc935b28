import { DataSource } from 'typeorm';
import { required } from '../common/required';
import { dataSourceOptions } from '../database/data-source-options';
import { createInstance } from '../test-support/factories';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';

describe('SessionsService', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sessions: SessionsService;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 4)).initialize();
    sessions = new SessionsService(new SessionsRepository(dataSource));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('counts finished records and derives a partial status', async () => {
    const [a, b] = [await createInstance(dataSource), await createInstance(dataSource)];
    const { sessionId, recordIds } = await sessions.start({
      category: 'capacity',
      job: 'collect',
      type: 'manual',
      targets: [{ instanceId: a.id, name: a.name }, { instanceId: b.id, name: b.name }],
    });
    await sessions.markRunning(required(recordIds.get(a.name), a.name));
    await sessions.finishRecord(required(recordIds.get(a.name), a.name), { ok: true, itemsSynced: 3 });
    await sessions.finishRecord(required(recordIds.get(b.name), b.name), { ok: false, error: 'connection refused' });
    const session = await sessions.finish(sessionId);
    expect(session).toMatchObject({ status: 'partial', total_instances: 2, successful_instances: 1, failed_instances: 1 });
    expect(session.records.map((r) => [r.instance_name, r.status, r.items_synced, r.error_message])).toEqual([
      [a.name, 'completed', 3, null],
      [b.name, 'failed', 0, 'connection refused'],
    ]);
  });

  it('fails a session left running by a dead process, with its open records counted in failed_instances', async () => {
    const [a, b, c] = [await createInstance(dataSource), await createInstance(dataSource), await createInstance(dataSource)];
    const deadProcess = new SessionsService(new SessionsRepository(dataSource));
    const { sessionId, recordIds } = await deadProcess.start({
      category: 'capacity',
      job: 'collect',
      type: 'scheduled',
      targets: [a, b, c].map((instance) => ({ instanceId: instance.id, name: instance.name })),
    });
    await deadProcess.finishRecord(required(recordIds.get(a.name), a.name), { ok: true, itemsSynced: 2 });
    await deadProcess.markRunning(required(recordIds.get(b.name), b.name));

    expect(await sessions.failInterrupted(['collect'])).toBe(1);

    const session = await sessions.get(sessionId);
    expect(session).toMatchObject({ status: 'failed', total_instances: 3, successful_instances: 1, failed_instances: 2 });
    expect(session.error_message).toMatch(/interrupted/);
    expect(session.completed_at).not.toBeNull();
    expect(session.records.map((r) => [r.instance_name, r.status])).toEqual([
      [a.name, 'completed'],
      [b.name, 'failed'],
      [c.name, 'failed'],
    ]);
    expect(session.records[1].error_message).toMatch(/interrupted/);
  });

  it('leaves the sessions this process is still running, and those of another job', async () => {
    const own = await sessions.start({ category: 'aggregation', job: 'aggregation', type: 'manual', targets: [{ instanceId: null, name: 'daily' }] });
    const other = await new SessionsService(new SessionsRepository(dataSource)).start({ category: 'archive', job: 'cleanup', type: 'manual' });

    expect(await sessions.failInterrupted(['aggregation'])).toBe(0);

    expect((await sessions.get(own.sessionId)).status).toBe('running');
    expect((await sessions.get(other.sessionId)).status).toBe('running');
    await sessions.finish(own.sessionId);
    expect(await sessions.failInterrupted(['cleanup'])).toBe(1);
    expect((await sessions.get(other.sessionId)).status).toBe('failed');
  });

  it('maps a row without job by its category; a partition row needs both partition locks', async () => {
    const insertLegacy = async (category: string): Promise<string> => {
      const [{ id }]: { id: string }[] = await dataSource.query(
        `INSERT INTO sync_sessions (session_id, sync_type, sync_category, status) VALUES (gen_random_uuid(), 'scheduled', $1, 'running') RETURNING session_id AS id`,
        [category],
      );
      return id;
    };
    const archive = await insertLegacy('archive');
    const partition = await insertLegacy('partition');
    const status = async (id: string) => (await sessions.get(id)).status;

    expect(await sessions.failInterrupted(['partition'])).toBe(0);
    expect(await sessions.failInterrupted(['cleanup'])).toBe(1);
    expect([await status(archive), await status(partition)]).toEqual(['failed', 'running']);
    expect(await sessions.failInterrupted(['partition', 'cleanup'])).toBe(1);
    expect(await status(partition)).toBe('failed');
  });
});
