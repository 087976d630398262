// Module parameters, declared once per parameter: the unit a person writes and reads ("7d", "2.5%",
// "1000" points), the on-chain bounds it is checked against, and the exact conversion both ways.
// The config schema, deployment verification and owner:doctor all take their units from here.
import { z } from "zod";

import { duration, points, share, tokenAmount, integer, type IntegerBounds } from "./fields.ts";
import { formatDecimal, formatDuration, formatShare } from "./units.ts";

export type ParameterUnit = "duration" | "share" | "points" | "tokenAmount" | "integer" | "choice";

export interface ParameterSpec {
  unit: ParameterUnit;
  /** Inclusive on-chain bounds, in the raw on-chain integer. */
  bounds: IntegerBounds;
  /** Which contract constants the bounds mirror (named in error messages). */
  boundsSource: string;
  /** Validates what the manifest says ("7d") and converts it to the exact on-chain integer. */
  schema: z.ZodType<bigint>;
  /** The on-chain integer as a person writes it in the manifest: 604800n -> "7d". */
  format(value: bigint): string;
}

/**
 * One of a few named values stored as integers, written by name: `{ claimant: 1n, respondent: 2n }`
 * lets a manifest say "respondent" where the contract stores 2.
 */
function choice(options: Readonly<Record<string, bigint>>, boundsSource: string): ParameterSpec {
  const names = Object.keys(options);
  const values = Object.values(options);
  const byValue = new Map(values.map((value, index) => [value, names[index]!]));
  return {
    unit: "choice",
    bounds: {
      min: values.reduce((a, b) => (a < b ? a : b)),
      max: values.reduce((a, b) => (a > b ? a : b)),
    },
    boundsSource,
    schema: z
      .enum(names as [string, ...string[]], {
        error: `expected one of ${names.map((n) => JSON.stringify(n)).join(", ")} (${boundsSource})`,
      })
      .transform((name) => options[name]!),
    format: (value) => byValue.get(value) ?? `${value} (not a known value)`,
  };
}

export const parameter = {
  /** Seconds, written "90s", "1h", "7d", "2w". */
  duration: (bounds: IntegerBounds, boundsSource: string): ParameterSpec => ({
    unit: "duration",
    bounds,
    boundsSource,
    schema: duration(bounds, boundsSource),
    format: formatDuration,
  }),
  /** Basis points, written "2.5%". */
  share: (bounds: IntegerBounds, boundsSource: string): ParameterSpec => ({
    unit: "share",
    bounds,
    boundsSource,
    schema: share(bounds, boundsSource),
    format: formatShare,
  }),
  /** Points with 18 decimals, written "1000" or "2.5". */
  points: (bounds: IntegerBounds, boundsSource: string): ParameterSpec => ({
    unit: "points",
    bounds,
    boundsSource,
    schema: points(bounds, boundsSource),
    format: (value) => formatDecimal(value, 18),
  }),
  /**
   * A token amount in whole tokens ("1500.25"), scaled by the token's `decimals`. The decimals are
   * declared with the parameter (the system has one token; its decimals are fixed at deployment).
   */
  tokenAmount: (bounds: IntegerBounds, decimals: number, boundsSource: string): ParameterSpec => ({
    unit: "tokenAmount",
    bounds,
    boundsSource,
    schema: tokenAmount(bounds, decimals, boundsSource),
    format: (value) => formatDecimal(value, decimals),
  }),
  /** A plain integer (counts, raw values), written as a JSON number or a decimal string. */
  integer: (bounds: IntegerBounds, boundsSource: string): ParameterSpec => ({
    unit: "integer",
    bounds,
    boundsSource,
    schema: integer(bounds, boundsSource),
    format: (value) => value.toString(),
  }),
  choice,
};

/** The zod object of one module's parameters: every declared key required, unknown keys refused. */
export function parametersSchema(parameters: Readonly<Record<string, ParameterSpec>>) {
  const shape: Record<string, z.ZodType<bigint>> = {};
  for (const [name, spec] of Object.entries(parameters)) shape[name] = spec.schema;
  return z.strictObject(shape);
}
