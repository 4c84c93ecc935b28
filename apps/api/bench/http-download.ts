/**
 * The CSV client of bench:fleet, run in a child process (`node apps/api/bench/run.cjs http-download.ts`) so that the
 * RSS the bench samples is the API's alone. Reads { url, token } as JSON from argv[2], reads the answer to its end as
 * it arrives (keeping nothing), prints { ms, rows, bytes } as JSON: rows are the line ends but the header's.
 */
async function main(): Promise<void> {
  const { url, token } = JSON.parse(process.argv[2]) as { url: string; token: string };
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200 || !response.body) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  let lines = 0;
  let bytes = 0;
  for await (const chunk of response.body) {
    bytes += chunk.byteLength;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ ms, rows: lines - 1, bytes }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
