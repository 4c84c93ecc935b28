import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { required } from '../../common/required';
import { LOCAL_MYSQL, dropMysqlSchemas, innodbTablespaceView, mysqlSchemaSize, quoteMysql, uniqueSuffix, withMysql } from '../../collection/testing/local-engines';
import type { ConnectionOptions } from '../connections/connection-options';
import { MysqlCollector } from './mysql.collector';
import { MYSQL_SYSTEM_SCHEMAS } from './mysql.repository';

describe('MysqlCollector against the local MySQL/MariaDB', () => {
  const suffix = uniqueSuffix();
  const full = `cap_b_${suffix}_full`;
  const odd = `cap b ${suffix} 'ö数据`;
  const empty = `cap_b_${suffix}_empty`;
  const collector = new MysqlCollector();
  const options: ConnectionOptions = { ...LOCAL_MYSQL, password: null, database: null, connectTimeoutMs: 5000 };

  beforeAll(async () => {
    await withMysql(async (c) => {
      for (const schema of [full, odd, empty]) await c.query(`CREATE DATABASE ${quoteMysql(schema)} CHARACTER SET utf8mb4`);
      await c.query(`CREATE TABLE ${quoteMysql(full)}.orders (id int PRIMARY KEY, payload varchar(200), KEY by_payload (payload)) ENGINE=InnoDB`);
      await c.query(
        `INSERT INTO ${quoteMysql(full)}.orders
         SELECT seq, REPEAT(MD5(seq), 4) FROM (SELECT a.n * 100 + b.n * 10 + c.n + 1 AS seq FROM
           (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) a,
           (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) b,
           (SELECT 0 n UNION SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6 UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) c) s`,
      );
      await c.query(`CREATE TABLE ${quoteMysql(full)}.audit (id int, note varchar(100)) ENGINE=MyISAM`);
      await c.query(`INSERT INTO ${quoteMysql(full)}.audit VALUES (1, 'first'), (2, 'second'), (3, 'third')`);
      await c.query(`CREATE TABLE ${quoteMysql(odd)}.${quoteMysql('t ö')} (id int PRIMARY KEY, v text) ENGINE=InnoDB`);
      await c.query(`INSERT INTO ${quoteMysql(odd)}.${quoteMysql('t ö')} VALUES (1, 'ä'), (2, '数据')`);
    });
  });

  afterAll(async () => {
    await dropMysqlSchemas([full, odd, empty]);
  });

  it('sizes each schema as the information_schema sum (tablespace files + non-InnoDB tables), odd names included', async () => {
    const result = await collector.collect(options, new AbortController().signal);
    const byName = new Map(result.databases.map((d) => [d.name, d]));
    for (const schema of [full, odd]) {
      const expected = await mysqlSchemaSize(schema);
      expect(expected).toBeGreaterThan(0);
      expect(byName.get(schema)).toEqual({ name: schema, sizeBytes: expected, dataSizeBytes: expected, logSizeBytes: null, sizeSource: 'files' });
    }
    expect(result.serverVersion).toMatch(/^(MariaDB|MySQL) /);
  });

  it('counts the MyISAM table of a schema on top of its InnoDB file', async () => {
    const result = await collector.collect(options, new AbortController().signal);
    const myisam = await withMysql(async (c) => {
      const [rows] = await c.query(`SELECT DATA_LENGTH + INDEX_LENGTH AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'audit'`, [full]);
      return Number((rows as { bytes: string }[])[0].bytes);
    });
    const innodbFiles = await innodbFileBytes(full);
    const size = required(result.databases.find((d) => d.name === full), full).sizeBytes;
    expect(myisam).toBeGreaterThan(0);
    if (innodbFiles !== null) expect(size).toBe(innodbFiles + myisam); // on-disk truth when the data directory is readable
  });

  it('lists the empty schema with 0 bytes and leaves out the system schemas', async () => {
    const result = await collector.collect(options, new AbortController().signal);
    expect(result.databases.find((d) => d.name === empty)).toEqual({ name: empty, sizeBytes: 0, dataSizeBytes: 0, logSizeBytes: null, sizeSource: 'files' });
    for (const system of MYSQL_SYSTEM_SCHEMAS) expect(result.databases.map((d) => d.name)).not.toContain(system);
  });

  it('reports an unreadable binary log only as a warning, never as a failure', async () => {
    const result = await collector.collect(options, new AbortController().signal);
    const binlog = await withMysql(async (c) => Number(((await c.query('SELECT @@log_bin AS on_')) as [{ on_: number }[], unknown])[0][0].on_));
    if (binlog) expect(result.instanceLogBytes).toBeGreaterThan(0);
    else expect(result.instanceLogBytes).toBeNull();
  });
});

/** Sum of the schema's .ibd files on disk, or null when the data directory is not readable here. */
async function innodbFileBytes(schema: string): Promise<number | null> {
  const { datadir, dir } = await withMysql(async (c) => {
    const view = await innodbTablespaceView();
    const [[row]] = (await c.query(`SELECT @@datadir AS datadir`)) as [{ datadir: string }[], unknown];
    const [dirs] = (await c.query(
      `SELECT DISTINCT SUBSTRING_INDEX(NAME, '/', 1) AS dir FROM information_schema.${view}
       WHERE CONVERT(CONVERT(CONVERT(SUBSTRING_INDEX(NAME, '/', 1) USING binary) USING filename) USING utf8mb4) = ?`,
      [schema],
    )) as [{ dir: string }[], unknown];
    return { datadir: row.datadir, dir: dirs[0]?.dir };
  });
  if (!dir) return null;
  try {
    const files = (await readdir(join(datadir, dir))).filter((f) => f.endsWith('.ibd'));
    let total = 0;
    for (const file of files) total += (await stat(join(datadir, dir, file))).size;
    return total;
  } catch {
    return null;
  }
}
