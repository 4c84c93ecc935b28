import { Client } from 'pg';
import { seriesSql } from '../src/fleet/fleet.repository';
async function main() {
  const c = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/capacity_bench_fleet' });
  await c.connect();
  const groupBy = (process.argv[2] ?? 'database') as 'database';
  const measure = groupBy === 'database' ? 'database_size' : 'instance_total';
  const { text, values } = seriesSql({ measure, groupBy, rankBy: (process.argv[3] ?? 'size') as 'size', periodType: 'daily', firstStart: '2026-11-02', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } });
  for (let i = 0; i < 2; i++) {
    const r = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    if (i === 1) console.log(r.rows.map((x) => x['QUERY PLAN']).join('\n'));
  }
  await c.end();
}
main();
