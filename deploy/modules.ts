// The Mandate modules, one declarative entry each. Adding a module to the deployed system means adding
// one entry here (and its parameters to each `config/<network>.json`): the plan predicts its address,
// the timelock owns it from construction, SystemPause is its pauser and registers it, and the
// verification checks its owner, pauser and parameters.
import { z } from "zod";

import { duration, points, share, tokenAmount } from "./config/fields.ts";

/** What a module's constructor may use. Every address is predicted before the first transaction. */
export interface ModuleContext {
  /** MandateTimelock: the owner of every module from construction. */
  timelock: string;
  /** SystemPause: the pauser of every module from construction (deployed after all modules). */
  systemPause: string;
  /** The stake and payment token. */
  token: string;
  /** Where protocol fees (JobRegistry) and dispute fees (DisputeModule) go. */
  treasury: string;
  /** Who rules disputes: `governance.arbitrator` (the owners' Safe on development networks). */
  arbitrator: string;
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

/** Bounds mirrored from DisputeModule's MIN_/MAX_ constants (checked against the contract in tests). */
export const DISPUTE_MODULE_BOUNDS = {
  minBond: { min: 1n, max: 10n ** 30n },
  bondShare: { min: 0n, max: 10_000n },
  disputeFee: { min: 0n, max: 5_000n },
  rulingPeriod: { min: 86_400n, max: 90n * 86_400n },
};

/** Bounds mirrored from JobRegistry's MIN_/MAX_ constants (checked against the contract in tests). */
export const JOB_REGISTRY_BOUNDS = {
  protocolFee: { min: 0n, max: 2_000n },
  window: { min: 3_600n, max: 30n * 86_400n },
  jobStake: { min: 1n, max: 10n ** 30n },
  slashShare: { min: 0n, max: 10_000n },
  reputationPoints: { min: 0n, max: 10n ** 30n },
  maxJobDuration: { min: 3_600n, max: 365n * 86_400n },
};

/**
 * DisputeModule's `DEFAULT_OUTCOME`, written as the party who wins when nobody rules in time:
 * "claimant" (1) or "respondent" (2).
 */
const defaultOutcome = z
  .enum(["claimant", "respondent"])
  .transform((winner) => (winner === "claimant" ? 1n : 2n));

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
    // JobRegistry locks, releases and slashes stake: authorised by its predicted address, although
    // it is deployed after StakeManager.
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      context.token,
      params.UNBONDING_PERIOD,
      [context.moduleAddress("JobRegistry")],
    ],
  }),
  defineModule({
    name: "ReputationEngine",
    artifact: "ReputationEngine",
    parameters: z.strictObject({
      HALF_LIFE: duration(REPUTATION_ENGINE_BOUNDS.halfLife, "ReputationEngine MIN_/MAX_HALF_LIFE"),
      SCORE_CAP: points(REPUTATION_ENGINE_BOUNDS.scoreCap, "ReputationEngine MIN_/MAX_SCORE_CAP"),
    }),
    // JobRegistry raises and lowers agents' scores.
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      params.HALF_LIFE,
      params.SCORE_CAP,
      [context.moduleAddress("JobRegistry")],
    ],
  }),
  defineModule({
    name: "DisputeModule",
    artifact: "DisputeModule",
    parameters: z.strictObject({
      MIN_BOND: tokenAmount(DISPUTE_MODULE_BOUNDS.minBond, "DisputeModule MIN_/MAX_MIN_BOND"),
      BOND_SHARE_BPS: share(DISPUTE_MODULE_BOUNDS.bondShare, "DisputeModule MAX_BOND_SHARE_BPS"),
      DISPUTE_FEE_BPS: share(DISPUTE_MODULE_BOUNDS.disputeFee, "DisputeModule MAX_DISPUTE_FEE_BPS"),
      RULING_PERIOD: duration(
        DISPUTE_MODULE_BOUNDS.rulingPeriod,
        "DisputeModule MIN_/MAX_RULING_PERIOD",
      ),
      DEFAULT_OUTCOME: defaultOutcome,
    }),
    // Client modules that open disputes: JobRegistry (LeaseAgreement joins here the same way).
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      context.token,
      context.arbitrator,
      context.treasury,
      [
        params.MIN_BOND,
        params.BOND_SHARE_BPS,
        params.DISPUTE_FEE_BPS,
        params.RULING_PERIOD,
        params.DEFAULT_OUTCOME,
      ],
      [context.moduleAddress("JobRegistry")],
    ],
  }),
  defineModule({
    name: "JobRegistry",
    artifact: "JobRegistry",
    parameters: z.strictObject({
      PROTOCOL_FEE_BPS: share(JOB_REGISTRY_BOUNDS.protocolFee, "JobRegistry MAX_PROTOCOL_FEE_BPS"),
      REVIEW_WINDOW: duration(JOB_REGISTRY_BOUNDS.window, "JobRegistry MIN_/MAX_WINDOW"),
      DISPUTE_WINDOW: duration(JOB_REGISTRY_BOUNDS.window, "JobRegistry MIN_/MAX_WINDOW"),
      JOB_STAKE: tokenAmount(JOB_REGISTRY_BOUNDS.jobStake, "JobRegistry MIN_/MAX_JOB_STAKE"),
      SLASH_SHARE_BPS: share(JOB_REGISTRY_BOUNDS.slashShare, "JobRegistry SLASH_SHARE_BPS <= BPS"),
      MIN_REPUTATION: points(
        JOB_REGISTRY_BOUNDS.reputationPoints,
        "JobRegistry MAX_REPUTATION_POINTS",
      ),
      REPUTATION_REWARD: points(
        JOB_REGISTRY_BOUNDS.reputationPoints,
        "JobRegistry MAX_REPUTATION_POINTS",
      ),
      REPUTATION_PENALTY: points(
        JOB_REGISTRY_BOUNDS.reputationPoints,
        "JobRegistry MAX_REPUTATION_POINTS",
      ),
      MAX_JOB_DURATION: duration(
        JOB_REGISTRY_BOUNDS.maxJobDuration,
        "JobRegistry MIN_/MAX_MAX_JOB_DURATION",
      ),
    }),
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      context.treasury,
      context.moduleAddress("StakeManager"),
      context.moduleAddress("ReputationEngine"),
      context.moduleAddress("DisputeModule"),
      [
        params.PROTOCOL_FEE_BPS,
        params.REVIEW_WINDOW,
        params.DISPUTE_WINDOW,
        params.JOB_STAKE,
        params.SLASH_SHARE_BPS,
        params.MIN_REPUTATION,
        params.REPUTATION_REWARD,
        params.REPUTATION_PENALTY,
        params.MAX_JOB_DURATION,
      ],
    ],
  }),
];
