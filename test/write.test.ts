import { spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeAtomic } from '../src/files/write.js';
import { scratch } from './support/cli.js';

describe('atomic writes', () => {
  it('go through a temporary file in the output\'s own folder, then a rename, and leave only the output', async () => {
    const dir = scratch({ 'r.pdf': 'old' });
    const seen: string[] = [];
    const renamed = new Promise<void>((resolve) => {
      const watcher = watch(dir, (_event, name) => {
        if (name) seen.push(name);
        if (name === 'r.pdf' && seen.length > 1) {
          watcher.close();
          resolve();
        }
      });
    });
    await writeAtomic(path.join(dir, 'r.pdf'), 'new');
    await renamed;
    expect(seen.some((name) => /^\.r\.pdf\.\d+\.[0-9a-f]{8}\.tmp$/.test(name))).toBe(true);
    expect(readdirSync(dir)).toEqual(['r.pdf']);
    expect(readFileSync(path.join(dir, 'r.pdf'), 'utf8')).toBe('new');
  });

  it('refuse a FIFO or a directory at the output path (as watch meets one between builds) and leave it as it was', async () => {
    const dir = scratch();
    const fifo = path.join(dir, 'r.pdf');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    await expect(writeAtomic(fifo, 'x')).rejects.toThrow(`无法写入“${fifo}”：那里是一个命名管道（FIFO），nianbao 只写普通文件，不会替换它`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    mkdirSync(path.join(dir, 'r.html'));
    await expect(writeAtomic(path.join(dir, 'r.html'), 'x')).rejects.toThrow('那里是一个目录，nianbao 只写普通文件，不会替换它');
    expect(readdirSync(dir).sort()).toEqual(['r.html', 'r.pdf']);
  });

  it('a folder that does not exist: a Chinese reason, no file left behind', async () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'keep'), '');
    await expect(writeAtomic(path.join(dir, 'nodir/r.pdf'), 'x')).rejects.toThrow(`无法写入“${path.join(dir, 'nodir/r.pdf')}”：目录不存在，或那里不能新建文件`);
    expect(readdirSync(dir)).toEqual(['keep']);
  });
});
