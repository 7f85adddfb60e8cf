import { SMTPServer } from 'smtp-server';
import { freePort } from '../../../scripts/lib/free-port';

export interface SinkMail {
  from: string | null;
  to: string[];
  subject: string;
  messageId: string;
  raw: string;
  receivedAt: number;
}

export interface SmtpSink {
  port: number;
  url: string;
  /** Every message received so far, in arrival order. */
  readonly messages: SinkMail[];
  readonly accepting: boolean;
  /**
   * Holds the SMTP answer to the next message that arrives (it is recorded, but the client waits for
   * its "250 OK") until `release` is called: `arrived` resolves with the message once it is held.
   */
  holdNext(): { arrived: Promise<SinkMail>; release(): void };
  /** Closes the listening socket: connections get ECONNREFUSED until accept(). */
  refuse(): Promise<void>;
  /** Listens again on the same port. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process that records every message in memory (like
 * tests/setup/smtp-recorder.ts, which writes files), and that can stop listening for an outage.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const port = await freePort();
  const messages: SinkMail[] = [];
  let server: SMTPServer | undefined;
  let hold: { arrived: (mail: SinkMail) => void; released: Promise<void> } | undefined;

  const listen = async () => {
    const next = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      closeTimeout: 1000,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const mail: SinkMail = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: header(raw, 'Subject'),
            messageId: header(raw, 'Message-ID'),
            raw,
            receivedAt: Date.now(),
          };
          messages.push(mail);
          const held = hold;
          hold = undefined;
          if (!held) return callback();
          held.arrived(mail);
          void held.released.then(() => callback());
        });
      },
    });
    next.on('error', () => undefined); // a client dropping its connection is not our failure
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      next.server.once('error', onError);
      next.listen(port, '127.0.0.1', () => {
        next.server.off('error', onError);
        resolve();
      });
    });
    server = next;
  };
  const shut = async () => {
    const current = server;
    server = undefined;
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    get accepting() {
      return server !== undefined;
    },
    holdNext() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const arrived = new Promise<SinkMail>((resolve) => (hold = { arrived: resolve, released }));
      return { arrived, release };
    },
    refuse: shut,
    async accept() {
      if (server) return;
      // The port was ours a moment ago; retry briefly in case the kernel still holds it.
      for (let attempt = 1; ; attempt += 1) {
        try {
          await listen();
          return;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    close: shut,
  };
}

/** One header of a raw message, unfolded (the subjects used here are ASCII). */
export function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** Message-ID → how many times it arrived. */
export function countByMessageId(messages: SinkMail[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const mail of messages) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
  return counts;
}
