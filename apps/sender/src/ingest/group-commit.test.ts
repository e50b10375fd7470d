import { describe, expect, it } from 'vitest';
import { createGroupCommitter } from './group-commit.js';

describe('createGroupCommitter', () => {
  it('commits callers of one turn together, each getting its own results', async () => {
    const commits: number[][] = [];
    const committer = createGroupCommitter<number, string>(async (items) => {
      commits.push(items);
      return items.map((n) => `stored ${n}`);
    });
    const [a, b] = await Promise.all([committer.submit([1, 2]), committer.submit([3])]);
    expect(commits).toEqual([[1, 2, 3]]);
    expect(a).toEqual(['stored 1', 'stored 2']);
    expect(b).toEqual(['stored 3']);
  });

  it('a failed group commit is retried caller by caller, so only the caller at fault gets the error', async () => {
    const commits: number[][] = [];
    const committer = createGroupCommitter<number, number>(async (items) => {
      commits.push(items);
      // A whole transaction fails when any item is bad, as a store's does.
      if (items.includes(13)) throw new Error('item 13 is refused');
      return items;
    });
    const settled = await Promise.allSettled([
      committer.submit([1]),
      committer.submit([12, 13]),
      committer.submit([14]),
    ]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      [1],
      'Error: item 13 is refused',
      [14],
    ]);
    expect(commits).toEqual([[1, 12, 13, 14], [1], [12, 13], [14]]);
  });

  it('a lone caller gets the error at once, without a second attempt', async () => {
    let attempts = 0;
    const committer = createGroupCommitter<number, number>(async () => {
      attempts++;
      throw new Error('disk full');
    });
    await expect(committer.submit([1])).rejects.toThrow('disk full');
    expect(attempts).toBe(1);
  });
});
