import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingEmail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
  describe(): string;
}

/** SMTP when a URL is configured; otherwise each message is written as an .eml file (development). */
export function createMailer(options: { smtpUrl?: string; outboxDir: string; from: string }): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from) : outboxMailer(options.outboxDir, options.from);
}

function smtpMailer(url: string, from: string): Mailer {
  // Pooled: a connection per message cost a TCP and SMTP handshake each (npm run bench, P3). A refused
  // or dropped connection fails that send, and the activity's retry opens a fresh one.
  const transport: Transporter = nodemailer.createTransport(
    { url, pool: true, maxConnections: 5, maxMessages: 100 } as Parameters<typeof nodemailer.createTransport>[0],
    { from },
  );
  return {
    async send(email) {
      await transport.sendMail({ ...email, from });
    },
    close: () => transport.close(),
    describe: () => `smtp ${new URL(url).host}`,
  };
}

function outboxMailer(dir: string, from: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(email) {
      const info = await transport.sendMail({ ...email, from });
      await mkdir(dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${email.messageId.replace(/[^\w.-]/g, '_')}.eml`;
      await writeFile(path.join(dir, name), info.message as Buffer);
    },
    close: () => transport.close(),
    describe: () => `outbox ${dir}`,
  };
}
