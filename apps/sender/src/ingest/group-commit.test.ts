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

  it('a failure one item caused goes to its caller alone; the others commit again, together', async () => {
    class BadItem extends Error {
      constructor(readonly index: number) {
        super(`item at ${index} is refused`);
      }
    }
    const commits: number[][] = [];
    const committer = createGroupCommitter<number, number>(
      async (items) => {
        commits.push(items);
        // A whole transaction fails when any item is bad, as a store's does.
        const bad = items.findIndex((n) => n === 13 || n === 99);
        if (bad >= 0) throw new BadItem(bad);
        return items;
      },
      {
        attributeFailure: (error) =>
          error instanceof BadItem
            ? { index: error.index, errorFor: (indexInCall) => new BadItem(indexInCall) }
            : undefined,
      },
    );
    const settled = await Promise.allSettled([
      committer.submit([1]),
      committer.submit([12, 13]),
      committer.submit([14]),
      committer.submit([99]),
      committer.submit([15]),
    ]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : String(s.reason)))).toEqual([
      [1],
      'Error: item at 1 is refused', // its own index among its own items
      [14],
      'Error: item at 0 is refused',
      [15],
    ]);
    expect(commits).toEqual([
      [1, 12, 13, 14, 99, 15],
      [1, 14, 99, 15],
      [1, 14, 15],
    ]);
  });

  it('any other failure goes to every caller, without a retry: the outcome may be unknown', async () => {
    let attempts = 0;
    const committer = createGroupCommitter<number, number>(
      async () => {
        attempts++;
        throw new Error('connection lost during COMMIT');
      },
      { attributeFailure: () => undefined },
    );
    const settled = await Promise.allSettled([committer.submit([1]), committer.submit([2])]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(attempts).toBe(1);
  });

  it('a refused value no item is named for: each caller commits alone, only its own caller fails', async () => {
    const commits: number[][] = [];
    const refused = Object.assign(new Error('invalid input syntax for type json'), { code: '22P02' });
    const committer = createGroupCommitter<number, number>(
      async (items) => {
        commits.push(items);
        if (items.includes(13)) throw refused;
        return items;
      },
      { isolateOnFailure: (error) => error === refused },
    );
    const settled = await Promise.allSettled([
      committer.submit([1]),
      committer.submit([13, 2]),
      committer.submit([3]),
    ]);
    expect(settled).toEqual([
      { status: 'fulfilled', value: [1] },
      { status: 'rejected', reason: refused },
      { status: 'fulfilled', value: [3] },
    ]);
    expect(commits).toEqual([[1, 13, 2, 3], [1], [13, 2], [3]]);
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
