import { spawnSync } from 'node:child_process';
import type { InstanceResponse } from '@capacity/contracts';
import { LOCAL_MYSQL, LOCAL_PG, closedPort, uniqueSuffix } from '../collection/testing/local-engines';
import { JobRunner } from '../jobs/job-runner.service';
import { createInstance, insertDatabaseStats, insertInstanceStats } from '../test-support/factories';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { RUN_DURATION_BUCKETS } from './collection-metrics';

const promtoolFound = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
if (!promtoolFound) {
  process.stdout.write('\n!!! SKIPPED promtool check of /metrics: promtool is not on PATH (Debian package prometheus; .ci/run installs it)\n');
}

const INSTANCE = ['db_type', 'instance_name'];
/** Every series of the exposition and the sorted label names of its samples. */
const EXPECTED_LABELS: Record<string, string[]> = {
  capacity_database_size_bytes: ['database', ...INSTANCE],
  capacity_instance_size_bytes: INSTANCE,
  capacity_instance_log_size_bytes: INSTANCE,
  capacity_instance_databases: INSTANCE,
  capacity_instance_last_collected_timestamp_seconds: INSTANCE,
  capacity_collection_last_run_timestamp_seconds: [],
  capacity_collection_run_duration_seconds_bucket: ['le', 'type'],
  capacity_collection_run_duration_seconds_sum: ['type'],
  capacity_collection_run_duration_seconds_count: ['type'],
  capacity_collection_instance_duration_seconds: INSTANCE,
  capacity_collection_failures_total: [...INSTANCE, 'reason'].sort(),
  capacity_collection_instance_last_success_timestamp_seconds: INSTANCE,
};

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: string;
}

function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample line: ${line}`);
      const labels: Record<string, string> = {};
      for (const label of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[label[1]] = label[2];
      return { name: match[1], labels, value: match[3] };
    });
}

describe('the /metrics exposition after real collections', () => {
  const suffix = uniqueSuffix();
  let t: TestApp;
  let text: string;
  let pg: InstanceResponse;
  let mysql: InstanceResponse;
  let refused: InstanceResponse;
  let noLogs: { id: number; name: string };
  let unreadable: { id: number; name: string };

  const addInstance = async (body: Record<string, unknown>): Promise<InstanceResponse> =>
    (await t.http.post('/api/v1/instances').auth(t.adminToken, { type: 'bearer' }).send(body).expect(201)).body as InstanceResponse;
  const samples = (name: string, instanceName: string) => parseSamples(text).filter((s) => s.name === name && s.labels.instance_name === instanceName);

  beforeAll(async () => {
    t = await createTestApp({ COLLECT_TIMEOUT_MS: '5000' });
    pg = await addInstance({ name: `metrics-pg-${suffix}`, db_type: 'postgresql', ...LOCAL_PG, database_name: 'postgres' });
    mysql = await addInstance({ name: `metrics-mysql-${suffix}`, db_type: 'mysql', ...LOCAL_MYSQL });
    refused = await addInstance({ name: `metrics-refused-${suffix}`, db_type: 'postgresql', ...LOCAL_PG, port: await closedPort() });
    await t.http.post('/api/v1/collections/run').auth(t.adminToken, { type: 'bearer' }).send({}).expect(202);
    await t.app.get(JobRunner).idle();
    // A reading whose logs were not read (no privilege, not enabled): stored as null.
    noLogs = await createInstance(t.dataSource, { name: `metrics-no-logs-${suffix}`, db_type: 'mysql' });
    await insertInstanceStats(t.dataSource, [{ instanceId: noLogs.id, date: '2026-01-15', totalSizeBytes: 4096, logSizeBytes: null, databaseCount: 1 }]);
    await insertDatabaseStats(t.dataSource, [{ instanceId: noLogs.id, databaseName: 'app', date: '2026-01-15', sizeBytes: 4096 }]);
    // A reading with a schema whose size could not be read: that size and the instance total are null.
    unreadable = await createInstance(t.dataSource, { name: `metrics-unreadable-${suffix}`, db_type: 'mysql' });
    await insertInstanceStats(t.dataSource, [{ instanceId: unreadable.id, date: '2026-01-15', totalSizeBytes: 0, logSizeBytes: 512, databaseCount: 2 }]);
    await insertDatabaseStats(t.dataSource, [
      { instanceId: unreadable.id, databaseName: 'visible', date: '2026-01-15', sizeBytes: 2048 },
      { instanceId: unreadable.id, databaseName: 'hidden', date: '2026-01-15', sizeBytes: 0 },
    ]);
    await t.dataSource.query(`UPDATE instance_size_stats SET total_size_bytes = NULL WHERE instance_id = $1`, [unreadable.id]);
    await t.dataSource.query(
      `UPDATE database_size_stats SET size_bytes = NULL, size_source = NULL WHERE instance_id = $1 AND database_name = 'hidden'`,
      [unreadable.id],
    );
    text = (await t.http.get('/api/v1/metrics').auth(t.adminToken, { type: 'bearer' }).expect(200)).text;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('names its series by the conventions and labels them instance_name, never instance', () => {
    const all = parseSamples(text);
    const labelsByName = new Map(all.map((s) => [s.name, Object.keys(s.labels).sort()]));
    expect(Object.fromEntries(labelsByName)).toEqual(EXPECTED_LABELS);
    expect(all.filter((s) => 'instance' in s.labels || 'exported_instance' in s.labels)).toEqual([]);
    for (const sample of all) expect(Object.keys(sample.labels).sort(), sample.name).toEqual(EXPECTED_LABELS[sample.name]);
  });

  it('buckets run durations from 10 ms to 5 min', () => {
    const les = parseSamples(text)
      .filter((s) => s.name === 'capacity_collection_run_duration_seconds_bucket' && s.labels.type === 'manual')
      .map((s) => s.labels.le);
    expect(les).toEqual([...RUN_DURATION_BUCKETS.map(String), '+Inf']);
    expect(les[0]).toBe('0.01');
    expect(les.at(-2)).toBe('300');
  });

  it('exposes the stored sizes, logs and database count of each instance', async () => {
    for (const instance of [pg, mysql]) {
      const [stored]: { total: string; log: string | null; count: number }[] = await t.dataSource.query(
        `SELECT total_size_bytes::text AS total, log_size_bytes::text AS log, database_count AS count FROM instance_size_stats WHERE instance_id = $1`,
        [instance.id],
      );
      expect(samples('capacity_instance_size_bytes', instance.name).map((s) => s.value)).toEqual([stored.total]);
      expect(samples('capacity_instance_databases', instance.name).map((s) => s.value)).toEqual([String(stored.count)]);
      expect(samples('capacity_database_size_bytes', instance.name)).toHaveLength(stored.count);
      expect(samples('capacity_instance_log_size_bytes', instance.name).map((s) => s.value)).toEqual(stored.log === null ? [] : [stored.log]);
    }
    // The local PostgreSQL is read as a superuser: its WAL is on the reading.
    expect(Number(samples('capacity_instance_log_size_bytes', pg.name)[0]?.value)).toBeGreaterThan(0);
    expect(samples('capacity_collection_failures_total', refused.name)).toEqual([
      { name: 'capacity_collection_failures_total', labels: { instance_name: refused.name, db_type: 'postgresql', reason: 'refused' }, value: '1' },
    ]);
  });

  it('gives no log sample, not 0, for a reading without logs', () => {
    expect(samples('capacity_instance_size_bytes', noLogs.name).map((s) => s.value)).toEqual(['4096']);
    expect(samples('capacity_instance_log_size_bytes', noLogs.name)).toEqual([]);
  });

  it('gives no sample, not 0, for a database size or an instance total that could not be read', () => {
    expect(samples('capacity_database_size_bytes', unreadable.name).map((s) => [s.labels.database, s.value])).toEqual([['visible', '2048']]);
    expect(samples('capacity_instance_size_bytes', unreadable.name)).toEqual([]);
    expect(samples('capacity_instance_databases', unreadable.name).map((s) => s.value)).toEqual(['2']);
    expect(samples('capacity_instance_log_size_bytes', unreadable.name).map((s) => s.value)).toEqual(['512']);
  });

  it.skipIf(!promtoolFound)('passes promtool check metrics', () => {
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: check.status, stdout: check.stdout, stderr: check.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
