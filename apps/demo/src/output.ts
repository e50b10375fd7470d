/** Colours only on a terminal that wants them (NO_COLOR, FORCE_COLOR=0 and pipes get plain text). */
const useColour = process.stdout.isTTY === true && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0';

const paint = (code: number) => (text: string) => (useColour ? `\u001b[${code}m${text}\u001b[0m` : text);

export const bold = paint(1);
export const dim = paint(2);
export const green = paint(32);
export const red = paint(31);
export const cyan = paint(36);

/** Shows enough of a secret to recognise it, never the whole of it. */
export function maskSecret(secret: string): string {
  const prefixEnd = secret.indexOf('_') + 1;
  return `${secret.slice(0, prefixEnd + 4)}…(${secret.length} chars)`;
}
