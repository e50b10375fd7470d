export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const REDRAW_EVERY_MS = 80;

/**
 * A one-line progress bar redrawn in place (`\r`) on a terminal. Elsewhere (pipes, CI, --json)
 * it draws nothing: the command prints its summary when done, and logs stay free of `\r` noise.
 */
export class ProgressBar {
  private done = 0;
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private finished = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  update(done: number): void {
    this.done = Math.max(0, Math.min(done, this.total));
    if (!this.enabled || this.finished) return;
    const at = this.now();
    if (at - this.lastDrawAt < REDRAW_EVERY_MS && this.done < this.total) return;
    this.lastDrawAt = at;
    this.stream.write(`\r${this.render()}`);
  }

  /** Draws the final state and ends the line (idempotent). */
  finish(): void {
    if (!this.enabled || this.finished) return;
    this.finished = true;
    this.stream.write(`\r${this.render()}\n`);
  }

  render(): string {
    const counts = `${this.done}/${this.total}`;
    const percent = `${this.total === 0 ? 100 : Math.floor((this.done / this.total) * 100)}%`.padStart(4);
    const room = (this.stream.columns ?? 80) - this.label.length - counts.length - percent.length - 6;
    const width = Math.max(10, Math.min(40, room));
    const filled = this.total === 0 ? width : Math.round((this.done / this.total) * width);
    return `${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${counts} ${percent}`;
  }
}
