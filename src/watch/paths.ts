/**
 * Watching files by path, not by inode. An editor that saves by writing a temporary file and
 * renaming it over the original, a `rm` and a fresh copy, a truncate and refill: each leaves a
 * watch on the old inode deaf. So each file's folder is watched instead (one watch per folder),
 * and an event is passed on only when it names a watched file. A folder that disappears is
 * waited for from the nearest folder above it that still exists, and watched again when it
 * comes back.
 */
import { existsSync, type FSWatcher, realpathSync, watch } from 'node:fs';
import path from 'node:path';

export interface PathWatcher {
  /** Watches `file` (absolute) from now on, whether or not it exists yet (and what it links to). */
  add(file: string): void;
  close(): void;
}

/** `changed` is called with the absolute path of a watched file that may have changed (or gone). */
export function watchPaths(changed: (file: string) => void): PathWatcher {
  // Each path watched → the files added that it stands for: itself, and for a symbolic link the
  // file it points to too (an edit of the target makes no event in the link's folder).
  const files = new Map<string, Set<string>>();
  const wanted = new Map<string, Set<string>>(); // folder → names in it that matter (files, or a folder awaited)
  const armed = new Map<string, FSWatcher>();
  let closed = false;

  const filesUnder = (dir: string) => [...files.keys()].filter((file) => file.startsWith(dir + path.sep));
  const tell = (watched: string) => {
    for (const file of files.get(watched) ?? []) changed(file);
  };
  const follow = (watched: string, file: string) => {
    let owners = files.get(watched);
    if (!owners) files.set(watched, (owners = new Set()));
    if (owners.has(file)) return;
    owners.add(file);
    want(path.dirname(watched), path.basename(watched));
  };

  const want = (dir: string, name: string) => {
    let names = wanted.get(dir);
    if (!names) wanted.set(dir, (names = new Set()));
    names.add(name);
    arm(dir);
  };

  const disarm = (dir: string) => {
    armed.get(dir)?.close();
    armed.delete(dir);
    const parent = path.dirname(dir);
    if (parent !== dir) want(parent, path.basename(dir));
    if (existsSync(dir)) arm(dir); // back already (a folder replaced by another)
    // Whatever was in it is gone: let each file's owner find that out.
    for (const file of filesUnder(dir)) tell(file);
  };

  const open = (dir: string): FSWatcher | undefined => {
    try {
      const watcher = watch(dir, { persistent: true }, (event, name) => heard(dir, event, name));
      watcher.on('error', () => disarm(dir));
      return watcher;
    } catch {
      return undefined;
    }
  };

  /** Watches `dir`, or waits for it from the folder above; true when it is watched. */
  const arm = (dir: string): boolean => {
    if (closed) return false;
    if (armed.has(dir)) return true;
    let watcher = open(dir);
    if (!watcher) {
      const parent = path.dirname(dir);
      if (parent === dir) return false;
      want(parent, path.basename(dir));
      // It may have appeared before the folder above was watched.
      if (!existsSync(dir) || !(watcher = open(dir))) return false;
    }
    armed.set(dir, watcher);
    // Awaited folders inside it that came back with it (`mkdir -p`, a copied tree).
    for (const name of wanted.get(dir) ?? []) {
      const full = path.join(dir, name);
      if (wanted.has(full) && !armed.has(full) && existsSync(full)) arm(full);
    }
    return true;
  };

  const heard = (dir: string, event: string, name: string | Buffer | null) => {
    if (closed) return;
    // The folder itself went away (Linux names the folder; elsewhere a rename is the sign).
    if (event === 'rename' && !existsSync(dir)) {
      disarm(dir);
      return;
    }
    const names = wanted.get(dir);
    if (name === null) {
      // The platform did not say which entry: any of them may have changed.
      for (const file of filesUnder(dir)) tell(file);
      return;
    }
    const entry = name.toString();
    if (!names?.has(entry)) return;
    const full = path.join(dir, entry);
    tell(full);
    // An awaited folder: watch it now that it is back, and look at what it holds.
    if (wanted.has(full) && !armed.has(full) && existsSync(full) && arm(full)) {
      for (const file of filesUnder(full)) tell(file);
    }
  };

  return {
    add(file) {
      if (closed) return;
      follow(file, file);
      // Looked up on every add (watch adds a build's files after each build): a link pointed
      // elsewhere since is followed to its new target.
      try {
        const target = realpathSync(file);
        if (target !== file) follow(target, file);
      } catch {
        // not there now: its folder is watched for it
      }
    },
    close() {
      closed = true;
      for (const watcher of armed.values()) watcher.close();
      armed.clear();
    },
  };
}
