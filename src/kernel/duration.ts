// ISO 8601 durations as the sandbox clock takes them (sandbox.md §5): whole numbers of weeks, days,
// hours, minutes and seconds. Years and months are refused: their length depends on the date.
const durationPattern = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

const secondsPer = { week: 604_800, day: 86_400, hour: 3_600, minute: 60 } as const;

/**
 * The length in seconds of a duration such as `P1D`, `PT6M`, `P1DT2H` or `P2W`, or null when the
 * text is not one (a sign, a fraction, a year or month part, an empty `P` or `T`). `PT0S` is 0.
 */
export function parseDurationSeconds(text: string): number | null {
  const match = durationPattern.exec(text);
  if (match === null) return null;
  const [, weeks, days, hours, minutes, seconds] = match;
  const date = weeks !== undefined || days !== undefined;
  const time = hours !== undefined || minutes !== undefined || seconds !== undefined;
  // `P` alone, or a `T` with nothing after it, names no length.
  if (!date && !time) return null;
  if (text.includes('T') && !time) return null;
  const n = (part: string | undefined) => (part === undefined ? 0 : Number(part));
  return (
    n(weeks) * secondsPer.week +
    n(days) * secondsPer.day +
    n(hours) * secondsPer.hour +
    n(minutes) * secondsPer.minute +
    n(seconds)
  );
}
