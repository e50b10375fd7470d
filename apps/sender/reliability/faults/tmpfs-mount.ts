import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A small tmpfs: a real file system that really fills up (ENOSPC → SQLITE_FULL). */
export interface TmpfsMount {
  dir: string;
  /** Grows (or shrinks, down to what is used) the file system: how "freeing disk space" is simulated. */
  resize(sizeMiB: number): void;
  unmount(): void;
}

/** Mounts a tmpfs of `sizeMiB` on a fresh temp folder; null (with the reason) when this machine does not allow it (needs root). */
export function mountTmpfs(sizeMiB: number): TmpfsMount | { unavailable: string } {
  const dir = mkdtempSync(join(tmpdir(), 'th-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m,mode=0700`, 'tmpfs', dir], {
      stdio: 'pipe',
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { unavailable: `cannot mount a tmpfs here (${stderr || String(error)})` };
  }
  return {
    dir,
    resize(size) {
      execFileSync('mount', ['-o', `remount,size=${size}m`, dir], { stdio: 'pipe' });
    },
    unmount() {
      try {
        execFileSync('umount', [dir], { stdio: 'pipe' });
      } catch {
        // Still busy (a process not yet reaped): detach it now, the kernel frees it when unused.
        execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
