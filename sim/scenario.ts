// The scenario file: who is in the market (populations as counts of strategies), how long the run
// is, the amounts participants start with and trade, the arbitrator, random guardian pauses, and the
// grid of manifest parameters a sweep varies. Units are the manifest's: durations "1d", token
// amounts in whole tokens "100". Checked with zod; a bad file is reported by JSON path.
import { readFileSync } from "node:fs";

import { z } from "zod";

import { TOKEN_DECIMALS } from "../deploy/manifest/fields.ts";
import { parseDecimal, parseDuration } from "../deploy/manifest/units.ts";
import { STRATEGIES } from "./strategies/index.ts";

const duration = z.string().transform((value, ctx) => {
  try {
    return parseDuration(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const tokens = z.string().transform((value, ctx) => {
  try {
    return parseDecimal(value, TOKEN_DECIMALS);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

const probability = z.number().min(0).max(1);

export const scenarioSchema = z
  .object({
    description: z.string(),
    /** Epochs per run; the clock moves `epoch` after each. */
    epochs: z.number().int().min(1).max(10_000),
    epoch: duration,
    population: z
      .array(
        z.object({
          strategy: z.enum(Object.keys(STRATEGIES) as [string, ...string[]]),
          count: z.number().int().min(1).max(1_000),
        }),
      )
      .min(1),
    /** Tokens minted to every participant at the start; payoffs are measured against it. */
    endowment: tokens,
    /** What every agent deposits as stake at the start (out of its endowment). */
    agentStake: tokens,
    jobReward: tokens,
    /** How far ahead an employer sets a job's deadline. */
    jobDuration: duration,
    /** Chance per epoch that an employer with no job open posts one. */
    postProbability: probability,
    /**
     * Leases (needed when the population has earners or lessees): every lease's length; the going
     * price, a revoking earner's hold-up price and the lessees' budget, in tokens per day of lease
     * (listed per second, rounded down).
     */
    leases: z
      .object({
        duration,
        pricePerDay: tokens,
        holdUpPricePerDay: tokens,
        budgetPerDay: tokens,
      })
      .strict()
      .optional(),
    /** Colluding pairs: the reward of each farming job and how many jobs a pair runs per epoch. */
    farming: z.object({ reward: tokens, jobsPerEpoch: z.number().int().min(1).max(100) }),
    /** Right with probability `accuracy`; `silent` never rules (disputes end by default). */
    arbitrator: z.union([
      z.object({ accuracy: probability }).strict(),
      z.object({ silent: z.literal(true) }).strict(),
    ]),
    /** A guardian pauses everything with this chance per epoch, for 1..maxEpochs epochs. */
    pauses: z.object({ probability, maxEpochs: z.number().int().min(1) }).strict(),
    seeds: z.number().int().min(1).max(1_000),
    /** Manifest parameters to sweep: `<Module>.<KEY>` → values in manifest units; a Cartesian grid. */
    sweep: z.record(z.string().regex(/^\w+\.\w+$/), z.array(z.string()).min(1)).default({}),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const roles = new Set(scenario.population.map((p) => STRATEGIES[p.strategy]?.role));
    if ((roles.has("earner") || roles.has("lessee")) && scenario.leases === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["leases"],
        message: "the population has earners or lessees: expected a leases object",
      });
    if (roles.has("lessee") && !roles.has("earner"))
      ctx.addIssue({
        code: "custom",
        path: ["population"],
        message: "the population has lessees but no earner whose product they could lease",
      });
  });

export type Scenario = z.output<typeof scenarioSchema>;

export function loadScenario(file: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: cannot read the scenario: ${(error as Error).message}`);
  }
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${file}: ${["$", ...issue.path].join(".")}: ${issue.message}`,
    );
    throw new Error(`the scenario is invalid:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}
