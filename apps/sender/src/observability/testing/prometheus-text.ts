/** The value of one sample line of a Prometheus exposition, e.g. `taskhooks_x{state="pending"}`. */
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
