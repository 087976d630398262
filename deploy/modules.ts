// The Mandate modules, one declarative entry each. Adding a module to the deployed system means adding
// one entry here (and its parameters to each `config/<network>.json`): the plan predicts its address,
// the timelock owns it from construction, SystemPause is its pauser and registers it, and the
// verification checks its owner, pauser and parameters.
import { z } from "zod";

import { duration, points } from "./config/fields.ts";

/** What a module's constructor may use. Every address is predicted before the first transaction. */
export interface ModuleContext {
  /** MandateTimelock: the owner of every module from construction. */
  timelock: string;
  /** SystemPause: the pauser of every module from construction (deployed after all modules). */
  systemPause: string;
  /** The stake and payment token. */
  token: string;
  treasury: string;
  /** The predicted address of any module in this list, whether declared before or after the caller. */
  moduleAddress(name: string): string;
}

export interface ModuleEntry<Params extends Record<string, unknown> = Record<string, unknown>> {
  /** Key in `config.modules` and in the deployment record. */
  name: string;
  /** Hardhat artifact (contract) name. */
  artifact: string;
  /**
   * The module's governance parameters in the network config, keyed by the on-chain parameter names
   * (`parameterKeys()`), so verification can read each back with `parameter(keccak256(name))`.
   */
  parameters: z.ZodType<Params>;
  constructorArgs(context: ModuleContext, params: Params): unknown[];
}

/** Keeps the parameter type of each entry while the list holds entries of different types. */
function defineModule<Schema extends z.ZodType<Record<string, unknown>>>(entry: {
  name: string;
  artifact: string;
  parameters: Schema;
  constructorArgs(context: ModuleContext, params: z.output<Schema>): unknown[];
}): ModuleEntry {
  return entry as unknown as ModuleEntry;
}

/** Bounds mirrored from StakeManager's MIN_/MAX_UNBONDING_PERIOD (checked against the contract in tests). */
export const STAKE_MANAGER_UNBONDING_BOUNDS = { min: 3_600n, max: 60n * 86_400n };

/** Bounds mirrored from ReputationEngine's MIN_/MAX_HALF_LIFE and MIN_/MAX_SCORE_CAP. */
export const REPUTATION_ENGINE_BOUNDS = {
  halfLife: { min: 3_600n, max: 3_650n * 86_400n },
  scoreCap: { min: 10n ** 18n, max: 10n ** 30n },
};

/** In deployment order. A module may name modules declared later: their addresses are predicted. */
export const MODULES: readonly ModuleEntry[] = [
  defineModule({
    name: "StakeManager",
    artifact: "StakeManager",
    parameters: z.strictObject({
      UNBONDING_PERIOD: duration(
        STAKE_MANAGER_UNBONDING_BOUNDS,
        "StakeManager MIN_/MAX_UNBONDING_PERIOD",
      ),
    }),
    // initialModules stays empty until the market modules exist; JobRegistry will add
    // `context.moduleAddress("JobRegistry")` here although it is deployed after StakeManager.
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      context.token,
      params.UNBONDING_PERIOD,
      [],
    ],
  }),
  defineModule({
    name: "ReputationEngine",
    artifact: "ReputationEngine",
    parameters: z.strictObject({
      HALF_LIFE: duration(REPUTATION_ENGINE_BOUNDS.halfLife, "ReputationEngine MIN_/MAX_HALF_LIFE"),
      SCORE_CAP: points(REPUTATION_ENGINE_BOUNDS.scoreCap, "ReputationEngine MIN_/MAX_SCORE_CAP"),
    }),
    // initialModules: JobRegistry joins here, by its predicted address, when it exists.
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      params.HALF_LIFE,
      params.SCORE_CAP,
      [],
    ],
  }),
];
