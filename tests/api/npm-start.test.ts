// Issue 12 item 26: `npm start` printed its URLs and logins before the worker's bundling output
// scrolled them away. It runs here as a newcomer runs it, on an empty database (against the run's
// PostgreSQL, Temporal and SMTP), and the welcome block must come last: after the worker started, with
// the API already ready. Issue 14: it serves the web app, and alice's demo request waits for bob.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createKnex } from '../../db/knex';
import { databaseUrl, dropDatabase, runtimeDatabaseUrl } from '../../scripts/lib/databases';
import { freePort } from '../../scripts/lib/free-port';
import { readTestRun } from '../setup/test-run';
import { waitForEmail } from '../support/mailbox';

const run = readTestRun();
const database = `${run.databasePrefix}_npm_start`;
beforeAll(async () => {
  const admin = createKnex(run.adminDatabaseUrl, 1);
  try {
    await admin.raw(`CREATE DATABASE ${database}`);
  } finally {
    await admin.destroy();
  }
});
afterAll(() => dropDatabase(run.adminDatabaseUrl, database));

it('prints the URLs and logins once the API is ready and the worker polls, after every start-up line', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      DATABASE_OWNER_URL: databaseUrl(run.adminDatabaseUrl, database),
      DATABASE_URL: runtimeDatabaseUrl(run.adminDatabaseUrl, database),
      TEMPORAL_ADDRESS: run.temporalAddress,
      TEMPORAL_TASK_QUEUE: `start-${port}`,
      SMTP_URL: `smtp://127.0.0.1:${run.smtpPort}`,
      JWT_SECRET: 'npm-start-test-secret-'.padEnd(40, 'x'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let readyWhenPrinted: number | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no welcome within 150 s:\n${output.slice(-3000)}`)), 150_000);
      child.stdout.on('data', (chunk: Buffer) => {
        const before = output.includes('Press Ctrl-C');
        output += chunk.toString();
        if (!before && output.includes('Press Ctrl-C')) {
          void fetch(`http://127.0.0.1:${port}/ready/`).then((res) => {
            readyWhenPrinted = res.status;
            clearTimeout(timer);
            resolve();
          }, reject);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      void exited.then(() => reject(new Error(`npm start exited:\n${output.slice(-3000)}`)));
    });
    // Whatever the processes print next has a moment to arrive; the welcome must still be the last block.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(readyWhenPrinted).toBe(200);
    const welcome = output.indexOf('Procurement service is running');
    expect(output.indexOf('worker started')).toBeGreaterThan(-1);
    expect(output.indexOf('worker started')).toBeLessThan(welcome);
    // The web app's address comes first, and the app (built when stale) answers there.
    expect(output.slice(welcome).split('\n')[1]).toBe(`  Web app        http://localhost:${port}/`);
    expect(output.slice(welcome)).toContain(`http://localhost:${port}/api/docs/`);
    expect(output.slice(welcome)).toContain('Demo logins');
    // Nothing but the log line of the test's own /ready/ call follows the welcome block.
    const after = output
      .slice(output.indexOf('Press Ctrl-C to stop everything.') + 'Press Ctrl-C to stop everything.'.length)
      .split('\n')
      .filter((line) => line.trim() && !line.includes('"path":"/ready"'));
    expect(after).toEqual([]);

    // On its empty database this start submitted alice's demo request: it waits in bob's inbox, and
    // bob's e-mail links to its page in the app, which the service serves.
    const demo = /alice's request "(.+)" waits in bob's inbox: sign in as bob at (\S+)/.exec(output.slice(welcome));
    expect(demo?.[2]).toMatch(new RegExp(`^http://localhost:${port}/requests/[0-9a-f-]{36}$`));
    const id = (demo?.[2] as string).split('/requests/')[1] as string;
    const bob = await signIn(port, 'bob');
    const inbox = await fetch(`http://127.0.0.1:${port}/api/prs/requests/inbox/`, { headers: bob });
    const waiting = ((await inbox.json()) as { results: Array<{ id: string; subject: string }> }).results;
    expect(waiting.map((request) => [request.id, request.subject])).toEqual([[id, demo?.[1]]]);
    const mail = await waitForEmail((message) => message.to.includes('bob@example.com') && message.raw.includes(id));
    expect(mail.raw.replace(/=\r?\n/g, '')).toContain(`Open the request: ${demo?.[2] as string}`);
    const app = await fetch(`http://127.0.0.1:${port}/requests/`, { headers: { Accept: 'text/html' } });
    expect([app.status, app.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await app.text()).toContain('<div id="root"></div>');
  } finally {
    child.kill('SIGINT');
    await exited;
  }
}, 200_000);

async function signIn(port: number, username: string): Promise<{ Authorization: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/token/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo-pass-123' }),
  });
  return { Authorization: `Bearer ${((await res.json()) as { access: string }).access}` };
}
