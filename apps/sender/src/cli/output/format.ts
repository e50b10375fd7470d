/** `12 ms`, `1.2 s`, `3 min`: how long an attempt or a wait took. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** `5s ago`, `3m ago`, `2h ago`, `4d ago`. */
export function formatAge(at: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** `HH:MM:SS` in local time, the prefix of each streamed line. */
export function clockTime(at: number): string {
  return new Date(at).toTimeString().slice(0, 8);
}

const ANSI_SGR = new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g');

/**
 * Left-aligned columns separated by two spaces. Widths are measured without ANSI colour codes,
 * so a coloured cell lines up like a plain one.
 */
export function formatTable(rows: string[][]): string[] {
  const visible = (cell: string) => cell.replace(ANSI_SGR, '').length;
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visible(cell));
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visible(cell))))
      .join('  ')
      .trimEnd(),
  );
}
