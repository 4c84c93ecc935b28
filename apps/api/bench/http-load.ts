/**
 * The load generator of the HTTP benchmarks, run in a child process (`node apps/api/bench/run.cjs http-load.ts`)
 * so that its client work does not share the event loop of the server it measures. Reads
 * { url, token, connections, durationSeconds } as JSON from argv[2]; prints { p50, p95, requests, errors, timeouts } as JSON.
 * Optional: `method`, `bodies` (JSON bodies sent in turn) and `expectStatus` (the answer counted, default 200).
 */
import autocannon from 'autocannon';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const { url, token, connections, durationSeconds, method = 'GET', bodies = [], expectStatus = 200 } = JSON.parse(process.argv[2]) as {
    url: string;
    token?: string;
    connections: number;
    durationSeconds: number;
    method?: 'GET' | 'POST';
    bodies?: unknown[];
    expectStatus?: number;
  };
  const samples: number[] = [];
  let errors = 0;
  let sent = 0;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (bodies.length > 0) headers['content-type'] = 'application/json';
  const requests = bodies.length > 0 ? [{ method, setupRequest: (request: autocannon.Request) => ({ ...request, body: JSON.stringify(bodies[sent++ % bodies.length]) }) }] : undefined;
  let timeouts = 0;
  await new Promise<void>((resolve, reject) => {
    const run = autocannon({ url, connections, duration: durationSeconds, method, headers, requests }, (error, result) => {
      if (error) return reject(error);
      timeouts = result.timeouts;
      resolve();
    });
    run.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === expectStatus) samples.push(responseTime);
      else errors++;
    });
  });
  samples.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ p50: percentile(samples, 50), p95: percentile(samples, 95), requests: samples.length, errors, timeouts }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
