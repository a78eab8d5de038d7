// PGlite is a single-process database: two processes opening the same directory each keep their own
// copy in memory and the last to close overwrites the other's writes. A lock file beside the directory,
// holding the owner's PID, makes the second opener fail with a clear message instead.
// Hand-written rather than proper-lockfile: the owners are processes on this machine, so a PID check
// tells a stale lock at once, with no heartbeat timer to keep running.
import * as fs from 'node:fs';
import { DatabaseError } from './errors.js';

const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock file for a PGlite directory: `<dir>.lock`, beside it (PGlite owns the directory's content). */
export function lockPathFor(dir: string): string {
  return `${dir.replace(/[\\/]+$/, '')}.lock`;
}

/**
 * Takes the lock on `dir` (an absolute path) for this process; returns its release function.
 * Throws DatabaseError when another live process, or another open database in this process, holds it.
 */
export function lockPgliteDir(dir: string, label: string): () => void {
  const file = lockPathFor(dir);
  try {
    // PGlite would create it anyway; doing it first also makes the lock file's folder exist.
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new DatabaseError(`Cannot open ${label}: ${(err as Error).message}`, { cause: err });
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      held.add(file);
      const release = () => {
        if (!held.delete(file)) return;
        try {
          fs.unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return () => {
        process.off('exit', release);
        release();
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DatabaseError(`Cannot open ${label}: cannot create the lock file ${file}: ${(err as Error).message}`, { cause: err });
      }
    }
    const owner = Number.parseInt(readOrEmpty(file), 10);
    if (held.has(file) || (owner === process.pid && isAlive(owner))) {
      throw new DatabaseError(`Cannot open ${label}: it is already open in this process (close it first)`);
    }
    if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
      throw new DatabaseError(
        `Cannot open ${label}: it is in use by process ${owner} (a running server?). PGlite allows one process at a time: stop that process, or use a PostgreSQL server (DATABASE_URL). Lock file: ${file}`,
      );
    }
    // Stale: its owner is gone (crashed or killed). Remove it and try again.
    try {
      fs.unlinkSync(file);
    } catch {
      // someone else removed it first
    }
  }
  throw new DatabaseError(`Cannot open ${label}: could not take the lock file ${file}`);
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
