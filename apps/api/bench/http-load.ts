/**
 * The load generator of the HTTP benchmarks, run in a child process (`node apps/api/bench/run.cjs http-load.ts`)
 * so that its client work does not share the event loop of the server it measures. Reads
 * { url, token, connections, durationSeconds } as JSON from argv[2]; prints { p50, p95, requests, errors } as JSON.
 */
import autocannon from 'autocannon';

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function main(): Promise<void> {
  const { url, token, connections, durationSeconds } = JSON.parse(process.argv[2]) as { url: string; token: string; connections: number; durationSeconds: number };
  const samples: number[] = [];
  let errors = 0;
  await new Promise<void>((resolve, reject) => {
    const run = autocannon({ url, connections, duration: durationSeconds, headers: { authorization: `Bearer ${token}` } }, (error) =>
      error ? reject(error) : resolve(),
    );
    run.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode === 200) samples.push(responseTime);
      else errors++;
    });
  });
  samples.sort((a, b) => a - b);
  process.stdout.write(JSON.stringify({ p50: percentile(samples, 50), p95: percentile(samples, 95), requests: samples.length, errors }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
