/**
 * npm run bench:scale — 2,000 registered PostgreSQL instances behind a local TCP proxy that adds 100 ms to every
 * round trip (BENCH_RTT_MS), so a collection is bound by waiting as over a real network. The same run is collected
 * by 1 and then by 3 processes of the API (apps/api/src/main.ts, each its own Node process) sharing one repository,
 * at COLLECT_CONCURRENCY=8 each, COLLECT_TABLES off. The repository and the monitored server are a PostgreSQL 15
 * cluster the bench starts on a spare port (BENCH_PG_PORT, max_connections 300) and stops at the end, so the
 * machine's shared server is not crowded (set BENCH_DATABASE_URL to use an existing server instead). Prints instances/second of both and their ratio (target ≥ 2.5×), the queue's overhead per job (target < 5 ms:
 * per process, the slot time from its first record's start to the run's last job start not spent inside a record —
 * waits for fetch, settle, complete while jobs were waiting — over the jobs; the slots idle in the run's tail, when no
 * job is left to take, are printed beside it; the start-up poll of the other processes, ≤ 1 s, is left out) and the
 * peak RSS of every process.
 * Every process it started is stopped at the end (and on failure).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createBenchDatabase, dropBenchDatabase, runBench } from './bench-support';
import { startDelayProxy } from '../src/collection/testing/delay-proxy';
import { clusterRoot, initCluster, ownPgUrl, startCluster, stopCluster } from '../src/database/testing/own-postgres';

const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55650);
/** A fixed port: an ephemeral one could be the port of an API process started later. */
const PROXY_PORT = Number(process.env.BENCH_PROXY_PORT ?? 55651);
const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 2000);
const RTT_MS = Number(process.env.BENCH_RTT_MS ?? 100);
const CONCURRENCY = 8;
const FIRST_PORT = Number(process.env.BENCH_FIRST_PORT ?? 55640);
const ADMIN_PASSWORD = 'bench-scale-admin-1';
const DATABASE = `capacity_bench_scale_${process.pid}`;
const ROOT = resolve(__dirname, '../../..');

interface ApiProcess {
  child: ChildProcess;
  port: number;
  output: () => string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function startApi(url: string, port: number): ApiProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'capacity-bench-scale-'));
  const child = spawn(process.execPath, [join(ROOT, 'apps/api/bench/run.cjs'), join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      NO_COLOR: '1',
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_PASSWORD,
      JWT_SECRET: 'bench-scale-jwt-secret-0123456789',
      APP_SECRET_KEY: 'bench-scale-app-secret-0123456789',
      COLLECT_ENABLED: 'false',
      AGGREGATION_ENABLED: 'false',
      PARTITION_ENABLED: 'false',
      CLEANUP_ENABLED: 'false',
      ALERT_DIGEST_ENABLED: 'false',
      COLLECT_TABLES: 'false',
      COLLECT_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'log',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  return { child, port, output: () => text };
}

async function listening(api: ApiProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (!api.output().includes('Capacity is running at')) {
    if (api.child.exitCode !== null) throw new Error(`the API on port ${api.port} exited:\n${api.output()}`);
    if (Date.now() > deadline) throw new Error(`the API on port ${api.port} did not start:\n${api.output()}`);
    await sleep(200);
  }
}

async function stopAll(apis: ApiProcess[]): Promise<void> {
  await Promise.all(
    apis.map(async (api) => {
      if (api.child.exitCode !== null || api.child.signalCode !== null) return;
      const exited = new Promise((done) => api.child.once('exit', done));
      api.child.kill('SIGTERM');
      await exited;
    }),
  );
}

/** Peak resident set of a live process (VmHWM), in bytes. */
function peakRss(pid: number | undefined): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) * 1024;
}

async function withRepository<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

interface Figures {
  processes: number;
  seconds: number;
  perSecond: number;
  overheadMs: number;
  tailMs: number;
  collectors: number;
  status: string;
  completed: number;
  rss: number[];
  /** The most frequent failures, when any. */
  failures: string[];
}

/** One run over `count` processes: started (and stopped) here, the run posted to the first one. */
async function measure(url: string, count: number): Promise<Figures> {
  const apis: ApiProcess[] = [];
  try {
    // The ports lie in the kernel's ephemeral range: one taken by some outgoing connection is skipped for the next.
    let port = FIRST_PORT;
    for (let i = 0; i < count; i += 1) {
      for (;;) {
        const api = startApi(url, port++);
        try {
          await listening(api);
          apis.push(api);
          break;
        } catch (error) {
          if (!api.output().includes('EADDRINUSE') || port > FIRST_PORT + 9) throw error;
        }
      }
    }
    const base = `http://127.0.0.1:${apis[0].port}/api/v1`;
    const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    const { access_token: token } = (await login.json()) as { access_token: string };
    const run = await fetch(`${base}/collections/run`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    if (run.status !== 202) throw new Error(`POST /collections/run answered ${run.status}: ${await run.text()}`);
    const { session_id: sessionId } = (await run.json()) as { session_id: string };
    return await withRepository(url, async (client) => {
      for (;;) {
        const { rows } = await client.query(`SELECT status FROM sync_sessions WHERE session_id = $1`, [sessionId]);
        if (rows[0]?.status !== 'running') break;
        await sleep(500);
      }
      const rss = apis.map((api) => peakRss(api.child.pid));
      const {
        rows: [row],
      } = await client.query(
        `SELECT s.status, s.successful_instances AS completed,
                extract(epoch FROM s.completed_at - s.started_at)::float8 AS seconds,
                (SELECT sum(idle)::float8 FROM (
                   SELECT $2 * extract(epoch FROM max(r.completed_at) - min(r.started_at)) - sum(extract(epoch FROM r.completed_at - r.started_at)) AS idle
                   FROM sync_instance_records r WHERE r.session_id = s.session_id GROUP BY r.collector_id) c) AS idle,
                (SELECT sum(idle)::float8 FROM (
                   SELECT $2 * extract(epoch FROM w.drained - min(r.started_at))
                          - sum(extract(epoch FROM least(r.completed_at, w.drained) - r.started_at)) AS idle
                   FROM sync_instance_records r,
                        (SELECT max(started_at) AS drained FROM sync_instance_records WHERE session_id = s.session_id) w
                   WHERE r.session_id = s.session_id
                   GROUP BY r.collector_id, w.drained) c) AS busy_idle,
                (SELECT count(DISTINCT r.collector_id)::int FROM sync_instance_records r WHERE r.session_id = s.session_id) AS collectors
         FROM sync_sessions s WHERE s.session_id = $1`,
        [sessionId, CONCURRENCY],
      );
      const { rows: failures } = await client.query(
        `SELECT error_message, count(*)::int AS n FROM sync_instance_records WHERE session_id = $1 AND status = 'failed' GROUP BY 1 ORDER BY 2 DESC LIMIT 3`,
        [sessionId],
      );
      const seconds = Number(row.seconds);
      // Per collector, its slot time (concurrency × its first start to its last end) not spent inside a record; per job.
      // The queue's part is the idle slot time while jobs were still waiting (up to the last job's start); after that
      // the slots idle for want of work (the run's tail), which is printed beside it.
      const overheadMs = (Number(row.busy_idle) / INSTANCES) * 1000;
      const tailMs = ((Number(row.idle) - Number(row.busy_idle)) / INSTANCES) * 1000;
      return { processes: count, seconds, perSecond: INSTANCES / seconds, overheadMs, tailMs, collectors: row.collectors, status: row.status, completed: row.completed, rss, failures: failures.map((f) => `${f.n}× ${f.error_message}`) };
    });
  } finally {
    await stopAll(apis);
  }
}

/** The bench's own PostgreSQL cluster, unless BENCH_DATABASE_URL names a server. */
async function benchServer(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: async () => undefined };
  const cluster = await clusterRoot('capacity-bench-scale-pg-');
  const dir = `${cluster.root}/data`;
  await initCluster(dir);
  await startCluster(cluster.root, dir, PG_PORT, ['max_connections=300', 'shared_buffers=128MB']);
  return {
    url: ownPgUrl(PG_PORT),
    stop: async () => {
      await stopCluster(dir);
      cluster.remove();
    },
  };
}

runBench(async () => {
  const loadBefore = loadavg();
  const server = await benchServer();
  const SERVER_URL = server.url;
  const target = new URL(SERVER_URL);
  const proxy = await startDelayProxy({ host: target.hostname, port: Number(target.port || 5432) }, RTT_MS, PROXY_PORT);
  const { url, version } = await createBenchDatabase(SERVER_URL, DATABASE);
  try {
    await withRepository(url, (client) =>
      client.query(
        `INSERT INTO instances (name, db_type, host, port, username) SELECT 'bench-' || g, 'postgresql', '127.0.0.1', $2, 'postgres' FROM generate_series(1, $1) g`,
        [INSTANCES, proxy.port],
      ),
    );
    console.log(`bench:scale — ${INSTANCES} PostgreSQL ${version} instances behind a proxy adding ${RTT_MS} ms per round trip, COLLECT_CONCURRENCY=${CONCURRENCY} per process`);
    const results: Figures[] = [];
    for (const count of [1, 3]) {
      const figures = await measure(url, count);
      results.push(figures);
      console.log(
        `${count} process(es): session ${figures.status}, ${figures.completed}/${INSTANCES} completed by ${figures.collectors} collector(s) in ${figures.seconds.toFixed(1)} s` +
          ` = ${figures.perSecond.toFixed(1)} instances/s; queue overhead ${figures.overheadMs.toFixed(2)} ms per job (+ ${figures.tailMs.toFixed(2)} ms of slots idle in the run's tail, no job left);` +
          ` peak RSS ${figures.rss.map((bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`).join(', ')}`,
      );
      for (const failure of figures.failures) console.log(`  failed: ${failure}`);
    }
    const ratio = results[1].perSecond / results[0].perSecond;
    console.log(`speed-up 3 vs 1 process: ${ratio.toFixed(2)}× (target ≥ 2.5×); worst queue overhead ${Math.max(...results.map((r) => r.overheadMs)).toFixed(2)} ms per job (target < 5 ms)`);
    console.log(`machine: ${cpus().length} cores, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')} before, ${loadavg().map((l) => l.toFixed(2)).join(' ')} after (other processes included); ${proxy.connections()} proxied connections`);
  } finally {
    await proxy.close();
    await dropBenchDatabase(SERVER_URL, DATABASE);
    await server.stop();
  }
});
