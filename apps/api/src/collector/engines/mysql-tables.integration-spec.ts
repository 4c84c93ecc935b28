import { LOCAL_MYSQL, dropMysqlSchemas, innodbTablespaceView, quoteMysql, uniqueSuffix, withMysql } from '../../collection/testing/local-engines';
import type { ConnectionOptions } from '../connections/connection-options';
import { MysqlCollector } from './mysql.collector';

describe('MysqlCollector top tables against the local MariaDB', () => {
  const schema = `cap_tt_${uniqueSuffix()}`;
  const collector = new MysqlCollector();
  const options: ConnectionOptions = { ...LOCAL_MYSQL, password: null, database: null, connectTimeoutMs: 5000 };
  const scan = { maxDatabases: 10_000, signal: new AbortController().signal };

  beforeAll(async () => {
    await withMysql(async (c) => {
      await c.query(`CREATE DATABASE ${quoteMysql(schema)}`);
      await c.query(`CREATE TABLE ${quoteMysql(schema)}.events (id int, day date, v varchar(64), PRIMARY KEY (id, day)) ENGINE=InnoDB
                     PARTITION BY RANGE (YEAR(day)) (PARTITION p2025 VALUES LESS THAN (2026), PARTITION p2026 VALUES LESS THAN (2027))`);
      await c.query(`CREATE TABLE ${quoteMysql(schema)}.indexed (a int, b int, c varchar(64), KEY (a), KEY (b), KEY (c)) ENGINE=InnoDB`);
      await c.query(`CREATE TABLE ${quoteMysql(schema)}.archive_log (id int PRIMARY KEY, v varchar(64)) ENGINE=MyISAM`);
      await c.query(`CREATE TABLE ${quoteMysql(schema)}.empty_one (id int PRIMARY KEY) ENGINE=InnoDB`);
      const values = (n: number, row: (k: number) => string) => Array.from({ length: n }, (_, k) => row(k)).join(',');
      await c.query(`INSERT INTO ${quoteMysql(schema)}.events VALUES ${values(3000, (k) => `(${k}, '2025-01-01' + INTERVAL ${k % 700} DAY, MD5(${k}))`)}`);
      await c.query(`INSERT INTO ${quoteMysql(schema)}.indexed VALUES ${values(3000, (k) => `(${k}, ${(k * 7) % 100}, MD5(${k}))`)}`);
      await c.query(`INSERT INTO ${quoteMysql(schema)}.archive_log VALUES ${values(500, (k) => `(${k}, MD5(${k}))`)}`);
      await c.query(`ANALYZE TABLE ${quoteMysql(schema)}.events, ${quoteMysql(schema)}.indexed, ${quoteMysql(schema)}.archive_log`);
    });
  });

  afterAll(async () => {
    await dropMysqlSchemas([schema]);
  });

  it('reads every table of the schema from information_schema.TABLES, InnoDB totals from the tablespace files (PROCESS)', async () => {
    const result = await collector.collect(options, new AbortController().signal, scan);
    const view = await innodbTablespaceView();
    const [files, lengths] = await withMysql(async (c) => {
      const [f] = await c.query(
        `SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(NAME, '/', -1), '#', 1) AS name, SUM(FILE_SIZE) AS bytes FROM information_schema.${view}
         WHERE NAME LIKE CONCAT(?, '/%') GROUP BY 1`,
        [schema],
      );
      const [l] = await c.query(`SELECT TABLE_NAME AS name, DATA_LENGTH AS data, INDEX_LENGTH AS idx, TABLE_ROWS AS row_count FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?`, [schema]);
      return [f as { name: string; bytes: string }[], l as { name: string; data: string; idx: string; row_count: string }[]];
    });
    const tables = (result.tables?.tables ?? []).filter((t) => t.database === schema);
    expect(result.tables?.databases).toContain(schema);
    expect(tables.map((t) => t.name).sort()).toEqual(['archive_log', 'empty_one', 'events', 'indexed']);
    for (const table of tables) {
      const own = lengths.find((l) => l.name === table.name);
      const file = files.find((f) => f.name === table.name);
      expect(table).toMatchObject({ schema, dataBytes: Number(own?.data), indexBytes: Number(own?.idx), toastBytes: null, rowEstimate: Number(own?.row_count), sizeSource: 'files' });
      expect(table.totalBytes).toBe(file ? Number(file.bytes) : Number(own?.data) + Number(own?.idx));
    }
    // The partitioned table is one row: both partition files in its total.
    expect(files.filter((f) => f.name === 'events')).toHaveLength(1);
    expect(tables.find((t) => t.name === 'events')?.totalBytes).toBeGreaterThan(0);
    expect(tables.find((t) => t.name === 'indexed')?.indexBytes).toBeGreaterThan(0);
    expect(tables.find((t) => t.name === 'archive_log')?.totalBytes).toBe(Number(lengths.find((l) => l.name === 'archive_log')?.data) + Number(lengths.find((l) => l.name === 'archive_log')?.idx));
  });

  it('reads no table without a scan', async () => {
    const result = await collector.collect(options, new AbortController().signal);
    expect(result.tables).toBeUndefined();
  });
});
