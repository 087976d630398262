// The Mandate modules, one declarative entry each. Adding a module to the deployed system means adding
// one entry here (and its parameters to each `config/<network>.json`): the plan predicts its address,
// the timelock owns it from construction, SystemPause is its pauser and registers it, the
// verification and owner:doctor check its owner, pauser and parameters, each shown in its unit.
import { TOKEN_DECIMALS } from "./manifest/fields.ts";
import { parameter, type ParameterSpec } from "./manifest/parameters.ts";

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

export interface ModuleEntry {
  /** Key in `config.modules` and in the deployment record. */
  name: string;
  /** Hardhat artifact (contract) name. */
  artifact: string;
  /**
   * The module's governance parameters, keyed by the on-chain parameter names (`parameterKeys()`
   * holds `keccak256(name)`), each with its unit and bounds: the one place that says how a value is
   * written in the config, checked, encoded and displayed.
   */
  parameters: Readonly<Record<string, ParameterSpec>>;
  /** `params` holds the exact on-chain integer of every parameter. */
  constructorArgs(context: ModuleContext, params: Record<string, bigint>): unknown[];
}

/** Keeps the parameter names of each entry typed while the list holds entries of different shapes. */
export function defineModule<Params extends Record<string, ParameterSpec>>(entry: {
  name: string;
  artifact: string;
  parameters: Params;
  constructorArgs(context: ModuleContext, params: { [K in keyof Params]: bigint }): unknown[];
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
  minBond: { min: 1n, max: 10n ** 21n },
  bondShare: { min: 0n, max: 10_000n },
  disputeFee: { min: 0n, max: 5_000n },
  rulingPeriod: { min: 86_400n, max: 90n * 86_400n },
};

/** Bounds mirrored from JobRegistry's MIN_/MAX_ constants (checked against the contract in tests). */
export const JOB_REGISTRY_BOUNDS = {
  protocolFee: { min: 0n, max: 2_000n },
  window: { min: 3_600n, max: 30n * 86_400n },
  jobStake: { min: 1n, max: 10n ** 22n },
  slashShare: { min: 0n, max: 10_000n },
  reputationPoints: { min: 0n, max: 10n ** 30n },
  maxJobDuration: { min: 3_600n, max: 365n * 86_400n },
  reputationPrice: { min: 1n, max: 10n ** 20n },
  ungatedReward: { min: 1n, max: 10n ** 30n },
};

/**
 * DisputeModule's `DEFAULT_OUTCOME`, written as the party who wins when nobody rules in time:
 * "claimant" (1) or "respondent" (2).
 */
const DEFAULT_OUTCOMES = { claimant: 1n, respondent: 2n } as const;

/** Bounds mirrored from LeaseAgreement's constants (checked against the contract in tests). */
export const LEASE_AGREEMENT_BOUNDS = {
  protocolFeeBps: { min: 0n, max: 1_000n },
  disputeWindow: { min: 3_600n, max: 30n * 86_400n },
  minLeaseDuration: { min: 1n, max: 86_400n },
  maxLeaseDuration: { min: 86_400n, max: 3_650n * 86_400n },
};

/** In deployment order. A module may name modules declared later: their addresses are predicted. */
export const MODULES: readonly ModuleEntry[] = [
  defineModule({
    name: "StakeManager",
    artifact: "StakeManager",
    parameters: {
      UNBONDING_PERIOD: parameter.duration(
        STAKE_MANAGER_UNBONDING_BOUNDS,
        "StakeManager MIN_/MAX_UNBONDING_PERIOD",
      ),
    },
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
    parameters: {
      HALF_LIFE: parameter.duration(
        REPUTATION_ENGINE_BOUNDS.halfLife,
        "ReputationEngine MIN_/MAX_HALF_LIFE",
      ),
      SCORE_CAP: parameter.points(
        REPUTATION_ENGINE_BOUNDS.scoreCap,
        "ReputationEngine MIN_/MAX_SCORE_CAP",
      ),
    },
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
    parameters: {
      MIN_BOND: parameter.tokenAmount(
        DISPUTE_MODULE_BOUNDS.minBond,
        TOKEN_DECIMALS,
        "DisputeModule MIN_/MAX_MIN_BOND",
      ),
      BOND_SHARE_BPS: parameter.share(
        DISPUTE_MODULE_BOUNDS.bondShare,
        "DisputeModule MAX_BOND_SHARE_BPS",
      ),
      DISPUTE_FEE_BPS: parameter.share(
        DISPUTE_MODULE_BOUNDS.disputeFee,
        "DisputeModule MAX_DISPUTE_FEE_BPS",
      ),
      RULING_PERIOD: parameter.duration(
        DISPUTE_MODULE_BOUNDS.rulingPeriod,
        "DisputeModule MIN_/MAX_RULING_PERIOD",
      ),
      DEFAULT_OUTCOME: parameter.choice(DEFAULT_OUTCOMES, "DisputeModule DEFAULT_OUTCOME 1 or 2"),
    },
    // Client modules that open disputes, by their predicted addresses.
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
      [context.moduleAddress("JobRegistry"), context.moduleAddress("LeaseAgreement")],
    ],
  }),
  defineModule({
    name: "JobRegistry",
    artifact: "JobRegistry",
    parameters: {
      PROTOCOL_FEE_BPS: parameter.share(
        JOB_REGISTRY_BOUNDS.protocolFee,
        "JobRegistry MAX_PROTOCOL_FEE_BPS",
      ),
      REVIEW_WINDOW: parameter.duration(JOB_REGISTRY_BOUNDS.window, "JobRegistry MIN_/MAX_WINDOW"),
      DISPUTE_WINDOW: parameter.duration(JOB_REGISTRY_BOUNDS.window, "JobRegistry MIN_/MAX_WINDOW"),
      JOB_STAKE: parameter.tokenAmount(
        JOB_REGISTRY_BOUNDS.jobStake,
        TOKEN_DECIMALS,
        "JobRegistry MIN_/MAX_JOB_STAKE",
      ),
      SLASH_SHARE_BPS: parameter.share(
        JOB_REGISTRY_BOUNDS.slashShare,
        "JobRegistry SLASH_SHARE_BPS <= BPS",
      ),
      MIN_REPUTATION: parameter.points(
        JOB_REGISTRY_BOUNDS.reputationPoints,
        "JobRegistry MAX_REPUTATION_POINTS",
      ),
      REPUTATION_REWARD: parameter.points(
        JOB_REGISTRY_BOUNDS.reputationPoints,
        "JobRegistry MAX_REPUTATION_POINTS",
      ),
      REPUTATION_PENALTY: parameter.points(
        JOB_REGISTRY_BOUNDS.reputationPoints,
        "JobRegistry MAX_REPUTATION_POINTS",
      ),
      MAX_JOB_DURATION: parameter.duration(
        JOB_REGISTRY_BOUNDS.maxJobDuration,
        "JobRegistry MIN_/MAX_MAX_JOB_DURATION",
      ),
      REPUTATION_PRICE: parameter.tokenAmount(
        JOB_REGISTRY_BOUNDS.reputationPrice,
        TOKEN_DECIMALS,
        "JobRegistry MIN_/MAX_REPUTATION_PRICE",
      ),
      IDLE_LIMIT: parameter.duration(JOB_REGISTRY_BOUNDS.window, "JobRegistry MIN_/MAX_WINDOW"),
      UNGATED_REWARD: parameter.tokenAmount(
        JOB_REGISTRY_BOUNDS.ungatedReward,
        TOKEN_DECIMALS,
        "JobRegistry MIN_/MAX_UNGATED_REWARD",
      ),
    },
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
        params.REPUTATION_PRICE,
        params.IDLE_LIMIT,
        params.UNGATED_REWARD,
      ],
    ],
  }),
  defineModule({
    name: "LeaseAgreement",
    artifact: "LeaseAgreement",
    parameters: {
      PROTOCOL_FEE_BPS: parameter.share(
        LEASE_AGREEMENT_BOUNDS.protocolFeeBps,
        "LeaseAgreement MAX_PROTOCOL_FEE_BPS",
      ),
      DISPUTE_WINDOW: parameter.duration(
        LEASE_AGREEMENT_BOUNDS.disputeWindow,
        "LeaseAgreement MIN_/MAX_DISPUTE_WINDOW",
      ),
      MIN_LEASE_DURATION: parameter.duration(
        LEASE_AGREEMENT_BOUNDS.minLeaseDuration,
        "LeaseAgreement MIN_LEASE_DURATION_FLOOR/CEILING",
      ),
      MAX_LEASE_DURATION: parameter.duration(
        LEASE_AGREEMENT_BOUNDS.maxLeaseDuration,
        "LeaseAgreement MAX_LEASE_DURATION_FLOOR/CEILING",
      ),
    },
    constructorArgs: (context, params) => [
      context.timelock,
      context.systemPause,
      context.token,
      context.moduleAddress("DisputeModule"),
      context.treasury,
      params.PROTOCOL_FEE_BPS,
      params.DISPUTE_WINDOW,
      params.MIN_LEASE_DURATION,
      params.MAX_LEASE_DURATION,
    ],
  }),
];
