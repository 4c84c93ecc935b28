import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../database/data-source-options';
import { createInstance } from '../test-support/factories';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { SessionsService } from './sessions.service';

describe('SessionsService', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let sessions: SessionsService;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 4)).initialize();
    sessions = new SessionsService(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('counts finished records and derives a partial status', async () => {
    const [a, b] = [await createInstance(dataSource), await createInstance(dataSource)];
    const { sessionId, recordIds } = await sessions.start({
      category: 'capacity',
      type: 'manual',
      targets: [{ instanceId: a.id, name: a.name }, { instanceId: b.id, name: b.name }],
    });
    await sessions.markRunning(recordIds.get(a.name)!);
    await sessions.finishRecord(recordIds.get(a.name)!, { ok: true, itemsSynced: 3 });
    await sessions.finishRecord(recordIds.get(b.name)!, { ok: false, error: 'connection refused' });
    const session = await sessions.finish(sessionId);
    expect(session).toMatchObject({ status: 'partial', total_instances: 2, successful_instances: 1, failed_instances: 1 });
    expect(session.records.map((r) => [r.instance_name, r.status, r.items_synced, r.error_message])).toEqual([
      [a.name, 'completed', 3, null],
      [b.name, 'failed', 0, 'connection refused'],
    ]);
  });

  it('fails a session left running by a dead process, with its open records', async () => {
    const instance = await createInstance(dataSource);
    const { sessionId, recordIds } = await sessions.start({
      category: 'aggregation',
      type: 'scheduled',
      targets: [{ instanceId: instance.id, name: instance.name }],
    });
    await sessions.markRunning(recordIds.get(instance.name)!);

    expect(await sessions.failInterrupted(['aggregation'])).toBe(1);

    const session = await sessions.get(sessionId);
    expect(session.status).toBe('failed');
    expect(session.error_message).toMatch(/interrupted/);
    expect(session.records[0]).toMatchObject({ status: 'failed', error_message: expect.stringMatching(/interrupted/) });
  });
});
