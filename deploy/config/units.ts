// Human units in the network configuration files: durations such as "90s", "1h" or "7d", converted to
// whole seconds exactly (no floating point), so a value that the contracts would round is refused.

import { boundedText } from "../../lib/json.ts";

/**
 * The longest decimal read: a uint256 has at most 78 digits, and 18 decimals with a point make 97.
 * Anything longer is refused before BigInt sees it (a 50-million-digit number took minutes of CPU).
 */
const MAX_DECIMAL_CHARS = 100;

/** How a written value is quoted in a message: a number as a number, a string cut to 120 characters. */
function quoted(value: string | number): string {
  return typeof value === "number" ? `number ${value}` : boundedText(JSON.stringify(value));
}

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
  const match = value.length <= MAX_DECIMAL_CHARS ? DURATION_PATTERN.exec(value.trim()) : null;
  if (match === null) {
    throw new DurationError(
      `expected a duration such as "90s", "15m", "1h", "7d" or "2w", found ${quoted(value)}`,
    );
  }
  const [, whole, fraction = "", unit] = match;
  const scale = 10n ** BigInt(fraction.length);
  const scaled = BigInt(whole + fraction) * DURATION_UNITS[unit as DurationUnit];
  if (scaled % scale !== 0n) {
    throw new DurationError(`${quoted(value)} is not a whole number of seconds`);
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

/** Why a decimal amount or share could not be converted exactly. */
export class AmountError extends Error {
  override name = "AmountError";
}

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?$/;

/**
 * Converts a decimal string ("1000", "2.5") to an integer scaled by 10^decimals, exactly: more
 * fractional digits than `decimals` (other than trailing zeros) is an error, never a rounding.
 * Used for reputation points (18 decimals) and token amounts (the token's decimals).
 */
export function parseDecimal(value: string | number, decimals: number): bigint {
  const text =
    typeof value === "number" ? (Number.isSafeInteger(value) ? String(value) : "") : value.trim();
  if (text.length > MAX_DECIMAL_CHARS) {
    throw new AmountError(
      `expected at most ${MAX_DECIMAL_CHARS} characters for a number (a uint256 has 78 digits), found ${text.length}: ${quoted(value)}`,
    );
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) {
    throw new AmountError(
      `expected a non-negative decimal number such as "1000" or "2.5", found ${quoted(value)}`,
    );
  }
  const [, whole, rawFraction = ""] = match;
  const fraction = rawFraction.replace(/0+$/, "");
  if (fraction.length > decimals) {
    throw new AmountError(
      `${quoted(value)} has more than ${decimals} decimal places: it cannot be represented exactly`,
    );
  }
  return BigInt(whole + fraction.padEnd(decimals, "0"));
}

/** Exact decimal rendering of `scaled` / 10^decimals: 2500000000000000000n, 18 -> "2.5". */
export function formatDecimal(scaled: bigint, decimals: number): string {
  const base = 10n ** BigInt(decimals);
  const whole = scaled / base;
  const fraction = (scaled % base).toString().padStart(decimals, "0").replace(/0+$/, "");
  return fraction === "" ? whole.toString() : `${whole}.${fraction}`;
}

/** Basis points in one whole (100%). */
export const BPS = 10_000n;

/** Converts a share such as "2.5%" to basis points exactly ("2.5%" -> 250n); "0.001%" is refused. */
export function parseShare(value: string | number): bigint {
  const match = typeof value === "string" ? /^(.*)%$/.exec(value.trim()) : null;
  if (match === null)
    throw new AmountError(
      `expected a share such as "2.5%" (a string with %), found ${quoted(value)}`,
    );
  try {
    return parseDecimal(match[1]!, 2);
  } catch {
    throw new AmountError(`${quoted(value)} is not a whole number of basis points (0.01%)`);
  }
}

/** Renders basis points as a share: 250n -> "2.5%". */
export function formatShare(bps: bigint): string {
  return `${formatDecimal(bps, 2)}%`;
}
