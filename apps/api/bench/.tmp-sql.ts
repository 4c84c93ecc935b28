import { seriesSql, rankingSql, changesSql } from '../src/fleet/fleet.repository';
const which = process.argv[2];
const q = which === 'rank' ? rankingSql({ level: 'database', metric: 'growth_bytes', asOf: '2026-12-01', thenDay: '2026-11-01', filter: { instanceIds: null }, limit: 20, offset: 0 })
  : which === 'changes' ? changesSql({ date: '2026-12-01', thresholdPercent: 1, filter: { instanceIds: null }, limit: 20, offset: 0 })
  : seriesSql({ measure: 'database_size', groupBy: 'database', rankBy: 'size', periodType: 'daily', firstStart: '2026-11-02', lastStart: '2026-12-01', top: 10, filter: { instanceIds: null } });
let text = q.text;
q.values.forEach((v, i) => { text = text.split(`$${i + 1}`).join(v === null ? 'NULL' : `'${v}'`); });
// replace in reverse order issue for $1 vs $10 avoided by few params
console.log(text + ';');
