import { createServer } from 'node:net';
import { EmbeddedPostgresError } from './embedded-postgres-error';

/** Listens on 127.0.0.1:port for a moment; a port someone else holds stops the start with a message naming it. */
export async function assertEmbeddedPortFree(port: number): Promise<void> {
  const server = createServer();
  const problem = await new Promise<NodeJS.ErrnoException | undefined>((done) => {
    server.once('error', (error: NodeJS.ErrnoException) => done(error));
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => done(undefined));
  });
  if (!problem) {
    await new Promise<void>((done) => server.close(() => done()));
    return;
  }
  const why = problem.code === 'EADDRINUSE' ? 'is already in use by another process' : `cannot be used (${problem.code ?? problem.message})`;
  throw new EmbeddedPostgresError(
    `port ${port} on 127.0.0.1 ${why}, so the embedded PostgreSQL cannot start there; ` +
      `stop that process or set EMBEDDED_PG_PORT to a free port`,
    { cause: problem },
  );
}
