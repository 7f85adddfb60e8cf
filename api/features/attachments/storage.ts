import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rm, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';

/**
 * Attachment bytes on disk (STORAGE_DIR). Keys are random UUIDs chosen here, never a client's file
 * name, so nothing a caller sends reaches a path.
 */
export function createFileStore(dir: string) {
  const pathOf = (key: string) => {
    if (!/^[0-9a-f-]{36}$/.test(key)) throw new Error('invalid storage key');
    return path.join(dir, key.slice(0, 2), key);
  };
  return {
    async save(data: Buffer): Promise<string> {
      const key = randomUUID();
      const target = pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      const partial = `${target}.partial`;
      await writeFile(partial, data, { flag: 'wx' });
      await rename(partial, target); // a reader never sees half a file
      return key;
    },
    open: (key: string) => createReadStream(pathOf(key)),
    async remove(key: string): Promise<void> {
      await rm(pathOf(key), { force: true });
    },
  };
}

export type FileStore = ReturnType<typeof createFileStore>;
