export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

export interface MaybeTty {
  isTTY?: boolean;
}

/**
 * Colours only for a person at a terminal: the stream is a TTY, NO_COLOR is unset or empty
 * (https://no-color.org) and TERM is not "dumb". Pipes, files and CI logs get plain text.
 */
export function colorsEnabled(stream: MaybeTty, env: Record<string, string | undefined>): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

const sgr = (enabled: boolean, open: number, close: number) => (text: string) =>
  enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    bold: sgr(enabled, 1, 22),
    dim: sgr(enabled, 2, 22),
    red: sgr(enabled, 31, 39),
    green: sgr(enabled, 32, 39),
    yellow: sgr(enabled, 33, 39),
    cyan: sgr(enabled, 36, 39),
  };
}

/** Green for 2xx, yellow for 3xx/4xx, red for 5xx and no answer at all. */
export function styleStatus(style: Style, status: number | null, text: string): string {
  if (status !== null && status >= 200 && status < 300) return style.green(text);
  if (status !== null && status < 500) return style.yellow(text);
  return style.red(text);
}
