import { Pool } from 'pg';
import { seriesSql, rankingSql, changesSql, newestDaySql } from '../src/fleet/fleet.repository';
async function main() {
  const pool = new Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/capacity_fleet_explore' });
  const cases: [string, { text: string; values: unknown[] }][] = [
    ['series instance daily', seriesSql({ measure: 'instance_total', groupBy: 'instance', rankBy: 'size', periodType: 'daily', firstStart: '2026-11-02', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } })],
    ['series instance daily growth', seriesSql({ measure: 'instance_total', groupBy: 'instance', rankBy: 'growth', periodType: 'daily', firstStart: '2026-11-02', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } })],
    ['series instance monthly', seriesSql({ measure: 'instance_total', groupBy: 'instance', rankBy: 'size', periodType: 'monthly', firstStart: '2026-01-01', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } })],
    ['series tag daily', seriesSql({ measure: 'instance_total', groupBy: 'tag', rankBy: 'size', periodType: 'daily', firstStart: '2026-11-02', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } })],
    ['series db_type daily', seriesSql({ measure: 'instance_total', groupBy: 'db_type', rankBy: 'size', periodType: 'daily', firstStart: '2026-11-02', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } })],
    ['series database daily', seriesSql({ measure: 'database_size', groupBy: 'database', rankBy: 'size', periodType: 'daily', firstStart: '2026-11-02', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } })],
    ['series database monthly', seriesSql({ measure: 'database_size', groupBy: 'database', rankBy: 'size', periodType: 'monthly', firstStart: '2026-01-01', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } })],
    ['ranking growth 30 db', rankingSql({ level: 'database', metric: 'growth_bytes', asOf: '2026-12-01', thenDay: '2026-11-01', filter: { instanceIds: null }, limit: 20, offset: 0 })],
    ['ranking growth% 30 db', rankingSql({ level: 'database', metric: 'growth_percent', asOf: '2026-12-01', thenDay: '2026-11-01', filter: { instanceIds: null }, limit: 20, offset: 0 })],
    ['ranking size inst', rankingSql({ level: 'instance', metric: 'size', asOf: '2026-12-01', thenDay: '2026-11-24', filter: { instanceIds: null }, limit: 20, offset: 0 })],
    ['newest day db', newestDaySql('database', { instanceIds: null })],
    ['newest day inst tag', newestDaySql('instance', { instanceIds: null, tag: 'x' })],
    ['changes', changesSql({ date: '2026-12-01', thresholdPercent: 0.001, filter: { instanceIds: null }, limit: 20, offset: 0 })],
  ];
  for (const [name, q] of cases) {
    const times: number[] = []; let rows = 0;
    for (let i = 0; i < 8; i++) { const t = process.hrtime.bigint(); const r = await pool.query({ name: name.replace(/\W/g, '_'), text: q.text, values: q.values }); rows = r.rows.length; times.push(Number(process.hrtime.bigint() - t) / 1e6); if (i === 0 && process.env.SHOW) console.log(r.rows.slice(0, 3)); }
    times.sort((a, b) => a - b);
    console.log(`${name}: rows ${rows}, median ${times[4].toFixed(1)} ms, min ${times[0].toFixed(1)}`);
  }
  await pool.end();
}
main().catch((e) => { console.error(e); process.exit(1); });
