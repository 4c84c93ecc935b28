import { addMonths, currentMonthIn, STATS_TABLES } from '@capacity/contracts';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { testServerKind } from '../test-support/test-database';
import { partitionName } from './partition-naming';
import { monthsAhead } from './partition-plan';
import { createMissingMonthPartitions } from './partition-startup.service';
import { PartitionRepository } from './partition.repository';

const current = currentMonthIn('UTC');

describe(`month partitions at start-up with PARTITION_ENABLED=false (${testServerKind()} PostgreSQL)`, () => {
  let t: TestApp;
  beforeAll(async () => {
    // The template holds the current month and 3 ahead; a premake of 5 leaves two months per table to create.
    t = await createTestApp({ PARTITION_PREMAKE_MONTHS: '5' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the missing months of the premake window without a session', async () => {
    const partitions = await t.app.get(PartitionRepository).listPartitions(STATS_TABLES, { measure: false });
    for (const table of STATS_TABLES) {
      const names = partitions.filter((partition) => partition.table === table).map((partition) => partition.name);
      for (const offset of [0, 1, 2, 3, 4, 5]) expect(names).toContain(partitionName(table, addMonths(current, offset)));
      expect(names).not.toContain(partitionName(table, addMonths(current, 6)));
    }
    const sessions = await t.http.get('/api/v1/sessions?category=partition').auth(t.adminToken, { type: 'bearer' }).expect(200);
    expect(sessions.body.data).toEqual([]);
  });

  it('creates nothing when the months exist (a second start)', async () => {
    const created = await createMissingMonthPartitions(t.app.get(PartitionRepository), monthsAhead(current, 5));
    expect(created).toEqual([]);
  });
});
