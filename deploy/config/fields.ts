// Reusable zod fields of the network configuration files: durations with on-chain bounds, addresses,
// and references to local development accounts. Shared by the schema and by the module entries.
import { getAddress, ZeroAddress } from "ethers";
import { z } from "zod";

import { boundedText } from "../../lib/json.ts";

import {
  AmountError,
  DurationError,
  formatDecimal,
  formatDuration,
  formatShare,
  parseDecimal,
  parseDuration,
  parseShare,
} from "./units.ts";

/** Inclusive bounds in seconds, mirrored from a contract's constants (tests check the mirror). */
export interface SecondsBounds {
  min: bigint;
  max: bigint;
}

/**
 * A duration ("1h", "7d", or an integer number of seconds) converted to whole seconds and checked
 * against the contract's inclusive bounds, so an out-of-bounds value fails before anything is sent.
 */
export function duration(bounds: SecondsBounds, boundsSource: string) {
  return z
    .union([z.string(), z.number()], { error: 'expected a duration string such as "1h" or "7d"' })
    .transform((value, ctx) => {
      let seconds: bigint;
      try {
        seconds = parseDuration(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as DurationError).message, input: value });
        return z.NEVER;
      }
      if (seconds < bounds.min || seconds > bounds.max) {
        ctx.addIssue({
          code: "custom",
          input: value,
          message:
            `expected a duration within [${formatDuration(bounds.min)}, ${formatDuration(bounds.max)}] ` +
            `(${boundsSource}), found ${JSON.stringify(value)} = ${seconds}s`,
        });
        return z.NEVER;
      }
      return seconds;
    });
}

/** Inclusive bounds of an integer parameter, mirrored from a contract's constants. */
export interface IntegerBounds {
  min: bigint;
  max: bigint;
}

function bounded<T>(
  parse: (value: T) => bigint,
  render: (value: bigint) => string,
  expected: string,
) {
  return (bounds: IntegerBounds, boundsSource: string) =>
    z
      .custom<T>((value) => typeof value === "string" || typeof value === "number", {
        error: `expected ${expected}`,
      })
      .transform((value, ctx) => {
        let parsed: bigint;
        try {
          parsed = parse(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as AmountError).message, input: value });
          return z.NEVER;
        }
        if (parsed < bounds.min || parsed > bounds.max) {
          ctx.addIssue({
            code: "custom",
            input: value,
            message: `expected ${expected} within [${render(bounds.min)}, ${render(bounds.max)}] (${boundsSource}), found ${typeof value === "number" ? `number ${value}` : boundedText(JSON.stringify(value))}`,
          });
          return z.NEVER;
        }
        return parsed;
      });
}

/** Reputation points as a decimal ("1000", "2.5"), stored on chain with 18 decimals, exactly. */
export const points = bounded<string | number>(
  (value) => parseDecimal(value, 18),
  (value) => formatDecimal(value, 18),
  'a number of points such as "100"',
);

/**
 * Decimals of the stake and payment token. Token amounts in the config are whole tokens ("10",
 * "0.5"), stored on chain scaled by 10^TOKEN_DECIMALS exactly. MandateTestToken has 18 decimals; on
 * other chains `deploy:system` refuses a configured token whose `decimals()` differs, before sending.
 */
export const TOKEN_DECIMALS = 18;

/** A token amount in whole tokens ("1500.25"), stored scaled by the token's decimals, exactly. */
export function tokenAmount(bounds: IntegerBounds, decimals: number, boundsSource: string) {
  return bounded<string | number>(
    (value) => parseDecimal(value, decimals),
    (value) => formatDecimal(value, decimals),
    'a token amount such as "1500.25"',
  )(bounds, boundsSource);
}

/** A whole number (a JSON integer or a decimal string of digits), stored as is. */
export const integer = bounded<string | number>(
  (value) => parseDecimal(value, 0),
  (value) => value.toString(),
  "a whole number such as 25",
);

/** A share such as "2.5%", stored on chain in basis points, exactly. */
export const share = bounded<string | number>(
  (value) => parseShare(value),
  formatShare,
  'a share such as "2.5%"',
);

/**
 * Reads an address as written: the checksummed form, or the problem in words. All-lowercase and
 * all-uppercase hex carry no checksum and are accepted; mixed case must be the EIP-55 checksum, since
 * a mistyped character would otherwise pass as another address.
 */
export function readAddress(value: string): { address: string } | { problem: string } {
  const found = boundedText(JSON.stringify(value));
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) {
    return { problem: `expected a 0x-prefixed 20-byte hex address, found ${found}` };
  }
  const checksummed = getAddress(value.toLowerCase());
  const body = value.slice(2);
  const mixedCase = body !== body.toLowerCase() && body !== body.toUpperCase();
  if (mixedCase && value !== checksummed) {
    return {
      problem:
        `expected the EIP-55 checksummed form ${checksummed}, found ${found} (mixed case with a ` +
        "wrong checksum: a character is mistyped, or the case was edited by hand)",
    };
  }
  if (checksummed === ZeroAddress) {
    return { problem: "expected a non-zero address, found the zero address" };
  }
  return { address: checksummed };
}

/** A non-zero EVM address, returned checksummed. */
export const address = z.string().transform((value, ctx) => {
  const read = readAddress(value);
  if ("address" in read) return read.address;
  ctx.addIssue({ code: "custom", input: value, message: read.problem });
  return z.NEVER;
});

/** Either an address or `"account:N"`: the N-th local account of a development node. */
export type AccountRef = { address: string } | { localAccount: number };

const LOCAL_ACCOUNT_PATTERN = /^account:(\d{1,3})$/;

export const accountRef = z.string().transform((value, ctx): AccountRef => {
  const local = LOCAL_ACCOUNT_PATTERN.exec(value);
  if (local !== null) return { localAccount: Number(local[1]) };
  const read = readAddress(value);
  if ("address" in read) return read;
  const problem = read.problem.replace(
    /^expected /,
    'expected "account:N" (a local development account) or ',
  );
  ctx.addIssue({ code: "custom", input: value, message: problem });
  return z.NEVER;
});

export function describeAccountRef(ref: AccountRef): string {
  return "address" in ref ? ref.address : `account:${ref.localAccount}`;
}
