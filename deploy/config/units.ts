// Human units in the network configuration files: durations such as "90s", "1h" or "7d", converted to
// whole seconds exactly (no floating point), so a value that the contracts would round is refused.

/** Seconds per unit suffix accepted in a duration. */
export const DURATION_UNITS = { s: 1n, m: 60n, h: 3_600n, d: 86_400n, w: 604_800n } as const;

export type DurationUnit = keyof typeof DURATION_UNITS;

const DURATION_PATTERN = /^(\d+)(?:\.(\d+))?\s*(s|m|h|d|w)$/;

/** Why a duration could not be converted; `message` is meant for the person who wrote the file. */
export class DurationError extends Error {
  override name = "DurationError";
}

/**
 * Converts `"90s"`, `"1h"`, `"1.5h"`, `"7d"` or `"2w"` (or an integer, taken as seconds) to whole seconds.
 * A decimal is accepted only when it lands on a whole second ("0.5m" is 30 s, "0.5s" is refused).
 */
export function parseDuration(value: string | number): bigint {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new DurationError(`expected a whole, non-negative number of seconds, found ${value}`);
    }
    return BigInt(value);
  }
  const match = DURATION_PATTERN.exec(value.trim());
  if (match === null) {
    throw new DurationError(
      `expected a duration such as "90s", "15m", "1h", "7d" or "2w", found ${JSON.stringify(value)}`,
    );
  }
  const [, whole, fraction = "", unit] = match;
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole + fraction) * DURATION_UNITS[unit as DurationUnit];
  if (scaled % scale !== 0n) {
    throw new DurationError(`${JSON.stringify(value)} is not a whole number of seconds`);
  }
  return scaled / scale;
}

/** Exact rendering of `seconds` in the largest unit up to days that divides it: 3600n -> "1h", 604800n -> "7d". */
export function formatDuration(seconds: bigint): string {
  for (const unit of ["d", "h", "m"] as const) {
    const size = DURATION_UNITS[unit];
    if (seconds !== 0n && seconds % size === 0n) return `${seconds / size}${unit}`;
  }
  return `${seconds}s`;
}
