import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readTestRun } from '../setup/test-run';

export interface ReceivedEmail {
  from: string | null;
  to: string[];
  raw: string;
  subject: string;
  messageId: string;
}

/** Every message the run's SMTP server has received so far. */
export function receivedEmails(): ReceivedEmail[] {
  const { mailDir } = readTestRun();
  return readdirSync(mailDir)
    .sort()
    .map(
      (file) =>
        JSON.parse(readFileSync(path.join(mailDir, file), 'utf8')) as Omit<ReceivedEmail, 'subject' | 'messageId'>,
    )
    .map((mail) => ({ ...mail, subject: header(mail.raw, 'Subject'), messageId: header(mail.raw, 'Message-ID') }));
}

/** Polls the SMTP recorder until a message matches (real SMTP, so delivery takes a moment). */
export async function waitForEmail(
  match: (mail: ReceivedEmail) => boolean,
  timeoutMs = 30_000,
): Promise<ReceivedEmail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = receivedEmails().find(match);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no matching e-mail arrived at the SMTP server in time');
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}
