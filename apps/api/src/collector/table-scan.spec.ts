import type { CollectedDatabase, CollectedTable } from './collector.types';
import { databasesToScan, largestTables, namesToScan, scanOrWarn, TableScanTally, unscannedWarning } from './table-scan';

const db = (name: string, sizeBytes: number | null): CollectedDatabase => ({ name, sizeBytes, dataSizeBytes: sizeBytes, logSizeBytes: null, sizeSource: sizeBytes === null ? null : 'files' });
const table = (name: string, totalBytes: number, schema = 'public'): CollectedTable => ({
  database: 'd', schema, name, totalBytes, dataBytes: totalBytes, indexBytes: 0, toastBytes: 0, rowEstimate: null, sizeSource: 'files',
});

describe('table scan helpers', () => {
  it('scans every database with a size, largest first, without a warning under the cap', () => {
    expect(databasesToScan([db('a', 10), db('b', 30), db('hidden', null)], 5)).toEqual({ names: ['b', 'a'], warning: null });
  });

  it('scans the N largest over the cap and says how many were left out', () => {
    const { names, warning } = databasesToScan([db('a', 10), db('b', 30), db('c', 20)], 2);
    expect(names).toEqual(['b', 'c']);
    expect(warning).toContain('COLLECT_TABLES_MAX_DATABASES=2');
    expect(warning).toContain('2 largest of 3');
    expect(warning).toContain('the 1 smallest');
  });

  it('keeps the 20 largest tables, ties by schema then name', () => {
    const tables = [...Array.from({ length: 22 }, (_, i) => table(`t${i}`, 100 + i)), table('tie', 200, 'b'), table('tie', 200, 'a')];
    const kept = largestTables(tables);
    expect(kept).toHaveLength(20);
    expect(kept.slice(0, 2).map((t) => `${t.schema}.${t.name}`)).toEqual(['a.tie', 'b.tie']);
    expect(kept.map((t) => t.name)).not.toContain('t3');
  });

  it('turns a failed scan into a warning and no tables', async () => {
    const warnings: string[] = [];
    expect(await scanOrWarn(warnings, () => Promise.reject(new Error('permission denied for table x')))).toBeUndefined();
    expect(warnings).toEqual(['top tables not collected: permission denied for table x']);
  });

  it('puts the cap warning of the names to scan in the warnings', () => {
    const warnings: string[] = [];
    expect(namesToScan([db('a', 10), db('b', 30)], 5, warnings)).toEqual(['b', 'a']);
    expect(warnings).toEqual([]);
    expect(namesToScan([db('a', 10), db('b', 30)], 1, warnings)).toEqual(['b']);
    expect(warnings).toEqual([expect.stringContaining('COLLECT_TABLES_MAX_DATABASES=1')]);
  });

  it('tallies the databases read, a failed one as a warning naming it', async () => {
    const warnings: string[] = [];
    const tally = new TableScanTally(new AbortController().signal, warnings);
    await tally.read('a', () => Promise.resolve([table('t1', 10)]));
    await tally.read('b', () => Promise.reject(new Error('permission denied')));
    expect(tally.result()).toEqual({ databases: ['a'], tables: [table('t1', 10)] });
    expect(warnings).toEqual(['top tables of database "b" not collected: permission denied']);
  });

  it('tallies the databases a spent budget stopped in one warning at the end', async () => {
    const warnings: string[] = [];
    const budget = new AbortController();
    const tally = new TableScanTally(budget.signal, warnings);
    await tally.read('a', () => Promise.resolve([table('t1', 10)]));
    budget.abort(new Error('time budget spent'));
    await tally.read('b', () => Promise.reject(budget.signal.reason));
    await tally.read('c', () => Promise.reject(budget.signal.reason));
    expect(warnings).toEqual([]);
    expect(tally.result().databases).toEqual(['a']);
    expect(warnings).toEqual([unscannedWarning(['b', 'c'])]);
  });

  it('names the databases a spent budget left unscanned', () => {
    expect(unscannedWarning([])).toBeNull();
    expect(unscannedWarning(['a', 'b'])).toContain('2 database(s) not collected: the table scan ran out of time (a, b)');
  });
});
