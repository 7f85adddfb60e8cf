import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';

// Stored with protobufjs' own object form; the SDK's JSON helpers trip over two protobufjs versions.
export const History = temporal.api.history.v1.History;
export const fixturesDir = path.join(__dirname, '..', 'fixtures', 'histories');

/** With RECORD_HISTORIES=true the histories of this run become fixtures that replay.test.ts replays. */
export function record(file: string, history: unknown): void {
  if (process.env.RECORD_HISTORIES !== 'true') return;
  mkdirSync(fixturesDir, { recursive: true });
  const plain = History.toObject(History.fromObject(history as Record<string, unknown>), {
    longs: String,
    enums: String,
    bytes: String,
  });
  writeFileSync(path.join(fixturesDir, file), JSON.stringify(plain, null, 1));
}
