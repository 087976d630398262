// The per-network manifest, `config/<network>.json`: its schema and its loader. One file says what a
// network should look like; deploy:system builds it, the owner-control tasks (owner:doctor, ...)
// check and restore it. Everything is validated before any transaction; every problem is reported at
// once, each with the file, the JSON path, and what was expected against what was found. Unknown keys
// are errors. Rules that only make sense for one purpose (a Safe to deploy needs owners; a contract
// already deployed cannot be deployed) are applied by `purpose`.

import { z } from "zod";

import { boundedText, formatJsonPath, readJsonFileOr } from "../../shared/json.ts";
import { DeployError } from "../errors.ts";
import { MODULES, type ModuleEntry } from "../modules.ts";
import { accountRef, address, duration, type AccountRef } from "./fields.ts";
import { parametersSchema } from "./parameters.ts";
import { formatDecimal } from "./units.ts";

/**
 * `deploy`: the manifest of a system about to be deployed (deploy:system).
 * `owner`: the manifest of a deployed system (owner:doctor and the other owner-control tasks); a
 * Safe's address may be left out and is then taken from `config/deployments/<network>.json`.
 */
export type ManifestPurpose = "deploy" | "owner";

/** Chain id of development nodes (`hardhat`, `localhost`): test token and Safes are deployed there. */
export const DEV_CHAIN_ID = 31337;

/** Mirrored from MandateTimelock.MIN_DELAY_FLOOR / MIN_DELAY_CEILING (checked against the contract in tests). */
export const TIMELOCK_DELAY_BOUNDS = { min: 3_600n, max: 30n * 86_400n };

/** Mirrored from SystemPause.MAX_GUARDIANS. */
export const MAX_GUARDIANS = 16;

/**
 * A Safe: either an existing one (`address`, optionally with the `owners` and `threshold` it must have)
 * or, on a development chain only, one to deploy (`owners` and `threshold`, no `address`).
 */
const safeSpec = z.strictObject({
  address: address.optional(),
  owners: z.array(accountRef).min(1).optional(),
  threshold: z.number().int().min(1).optional(),
});

export type SafeSpec = z.output<typeof safeSpec>;

export function buildSchema(modules: readonly ModuleEntry[], purpose: ManifestPurpose = "deploy") {
  const moduleShape: Record<string, z.ZodType> = {};
  const contractShape: Record<string, z.ZodType> = {
    MandateTimelock: address.optional(),
    SystemPause: address.optional(),
  };
  for (const module of modules) {
    moduleShape[module.name] = parametersSchema(module.parameters);
    contractShape[module.name] = address.optional();
  }

  return z
    .strictObject({
      $schema: z.string().optional(),
      network: z.string().min(1),
      chainId: z.number().int().positive(),
      token: address.optional(),
      /**
       * Addresses of the deployed contracts, by the names of the deployment record; each one given
       * here overrides `config/deployments/<network>.json` (owner-control tasks only).
       */
      contracts: z.strictObject(contractShape).optional(),
      governance: governanceSchema,
      modules: z.strictObject(moduleShape),
    })
    .superRefine((config, ctx) => {
      const dev = config.chainId === DEV_CHAIN_ID;
      const deploying = purpose === "deploy";
      if (deploying && config.contracts !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["contracts"],
          message:
            "expected no contract addresses when deploying (deploy:system creates them), found an object",
        });
      }
      checkCrossModuleBounds(config.modules as ModuleParameters, ctx);
      for (const [spec, path] of safesOf(config.governance))
        checkSafe(spec, path, ctx, { dev, deploying });
      if (!dev) checkLiveChain(config, deploying, ctx);
    });
}

const governanceSchema = z.strictObject({
  minDelay: duration(TIMELOCK_DELAY_BOUNDS, "MandateTimelock MIN_DELAY_FLOOR/MIN_DELAY_CEILING"),
  ownersSafe: safeSpec,
  guardians: z.array(safeSpec).min(1).max(MAX_GUARDIANS),
  /** Who may execute ready timelock operations; "ownersSafe" names the owners' Safe. Default: the owners' Safe. */
  executors: z
    .array(
      z.union([z.literal("ownersSafe"), address], {
        error: 'expected "ownersSafe" or a non-zero address',
      }),
    )
    .min(1)
    .default(["ownersSafe"]),
  treasury: accountRef,
  /**
   * Who rules disputes (DisputeModule's arbitrator): a committee Safe's address, "ownersSafe"
   * (the owners' Safe: the development default), or "account:N" on development chains.
   */
  arbitrator: z.union([z.literal("ownersSafe"), accountRef], {
    error: 'expected "ownersSafe", a non-zero address or "account:N"',
  }),
});

type Governance = z.output<typeof governanceSchema>;
type JsonPath = (string | number)[];

/** The owners' Safe and every guardian Safe, each with its JSON path in the manifest. */
function safesOf(governance: Governance): [SafeSpec, JsonPath][] {
  return [
    [governance.ownersSafe, ["governance", "ownersSafe"]],
    ...governance.guardians.map((spec, i): [SafeSpec, JsonPath] => [
      spec,
      ["governance", "guardians", i],
    ]),
  ];
}

/**
 * A Safe to deploy (no address) needs owners and a threshold, and exists only on a development chain;
 * any Safe's owners are distinct and at least as many as its threshold.
 */
function checkSafe(
  spec: SafeSpec,
  path: JsonPath,
  ctx: z.RefinementCtx,
  { dev, deploying }: { dev: boolean; deploying: boolean },
): void {
  const issue = (at: JsonPath, message: string) =>
    ctx.addIssue({ code: "custom", path: [...path, ...at], message });
  if (spec.address === undefined && deploying) {
    if (!dev)
      issue(
        ["address"],
        `expected the address of an existing Safe (Safes are deployed only on chain ${DEV_CHAIN_ID}), found nothing`,
      );
    if (spec.owners === undefined)
      issue(["owners"], "expected the owners of the Safe to deploy, found nothing");
    if (spec.threshold === undefined)
      issue(["threshold"], "expected the threshold of the Safe to deploy, found nothing");
  }
  if (spec.owners === undefined) return;
  const seen = new Set<string>();
  spec.owners.forEach((owner, index) => {
    const key = "address" in owner ? owner.address : `account:${owner.localAccount}`;
    if (seen.has(key)) issue(["owners", index], `expected distinct owners, found ${key} twice`);
    seen.add(key);
  });
  if (spec.threshold !== undefined && spec.threshold > spec.owners.length)
    issue(
      ["threshold"],
      `expected at most ${spec.owners.length} (the number of owners), found ${spec.threshold}`,
    );
}

/**
 * Off the development chain there is no test token to deploy and no "account:N" (the node's own
 * unlocked accounts): every party is named by its address.
 */
function checkLiveChain(
  config: { token?: string | undefined; governance: Governance },
  deploying: boolean,
  ctx: z.RefinementCtx,
): void {
  if (config.token === undefined && deploying) {
    ctx.addIssue({
      code: "custom",
      path: ["token"],
      message: `expected the token address (a test token is deployed only on chain ${DEV_CHAIN_ID}), found nothing`,
    });
  }
  const noLocal = (ref: AccountRef, path: JsonPath) => {
    if ("localAccount" in ref)
      ctx.addIssue({
        code: "custom",
        path,
        message: `expected an address ("account:N" exists only on chain ${DEV_CHAIN_ID}), found "account:${ref.localAccount}"`,
      });
  };
  const { governance } = config;
  noLocal(governance.treasury, ["governance", "treasury"]);
  if (governance.arbitrator !== "ownersSafe")
    noLocal(governance.arbitrator, ["governance", "arbitrator"]);
  for (const [spec, path] of safesOf(governance))
    spec.owners?.forEach((owner, i) => noLocal(owner, [...path, "owners", i]));
}

type ModuleParameters = Readonly<Record<string, Readonly<Record<string, bigint>> | undefined>>;

/**
 * Bounds between modules, which each contract's own bounds cannot see: JobRegistry's MIN_REPUTATION
 * may not exceed ReputationEngine's SCORE_CAP (JobRegistry refuses it on chain too), or no agent
 * could ever qualify for a gated job.
 */
function checkCrossModuleBounds(modules: ModuleParameters, ctx: z.RefinementCtx): void {
  const minReputation = modules.JobRegistry?.MIN_REPUTATION;
  const scoreCap = modules.ReputationEngine?.SCORE_CAP;
  if (minReputation === undefined || scoreCap === undefined || minReputation <= scoreCap) return;
  const points = (value: bigint) => formatDecimal(value, 18);
  ctx.addIssue({
    code: "custom",
    path: ["modules", "JobRegistry", "MIN_REPUTATION"],
    message: `expected at most modules.ReputationEngine.SCORE_CAP (${points(scoreCap)} points: no score can exceed the cap), found ${points(minReputation)}`,
  });
}

export type NetworkConfig = z.output<ReturnType<typeof buildSchema>>;

export { formatJsonPath };

/** What a config problem found, for "expected …, found …"; long values are cut (shared/json.ts). */
export function describeFound(input: unknown): string {
  if (input === undefined) return "nothing";
  if (input === null) return "null";
  if (Array.isArray(input)) return `an array`;
  if (typeof input === "object") return "an object";
  return `${typeof input} ${boundedText(JSON.stringify(input))}`;
}

export function formatIssue(
  issue: z.core.$ZodIssue,
): { path: readonly PropertyKey[]; message: string }[] {
  switch (issue.code) {
    case "invalid_type":
      return [
        {
          path: issue.path,
          message: `expected ${issue.expected}, found ${describeFound(issue.input)}`,
        },
      ];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...issue.path, key],
        message: "unknown key (expected no such key here)",
      }));
    case "invalid_value":
      return [
        {
          path: issue.path,
          message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, found ${describeFound(issue.input)}`,
        },
      ];
    case "too_small":
    case "too_big": {
      const bound =
        issue.code === "too_small" ? `at least ${issue.minimum}` : `at most ${issue.maximum}`;
      const what =
        issue.origin === "array" ? "items" : issue.origin === "string" ? "characters" : "";
      const found = Array.isArray(issue.input)
        ? `${issue.input.length} items`
        : describeFound(issue.input);
      return [
        { path: issue.path, message: `expected ${bound}${what ? ` ${what}` : ""}, found ${found}` },
      ];
    }
    case "invalid_union":
      return [
        { path: issue.path, message: `${issue.message}, found ${describeFound(issue.input)}` },
      ];
    default:
      return [{ path: issue.path, message: issue.message }];
  }
}

export interface ManifestOptions {
  /** The Hardhat network in use; the file's `network` must equal it. */
  expectedNetwork?: string;
  modules?: readonly ModuleEntry[];
  /** Default `deploy`. */
  purpose?: ManifestPurpose;
  /**
   * The chain the file must be for (the connected one, or the network's configured chain id). A file
   * for another chain is WRONG_CHAIN alone: the rules of that other chain are not applied to it.
   */
  expectedChain?: { chainId: number; what: string };
}

/** Validates parsed JSON; throws CONFIG_INVALID listing every problem as `file: path: message`. */
export function parseNetworkConfig(
  data: unknown,
  file: string,
  options: ManifestOptions = {},
): NetworkConfig {
  const expected = options.expectedChain;
  const found = (data as { chainId?: unknown } | null)?.chainId;
  if (expected !== undefined && typeof found === "number" && found !== expected.chainId)
    throw new DeployError(
      "WRONG_CHAIN",
      `${expected.what} chain ${expected.chainId}, but ${file} is for chain ${found}. Nothing was sent. (${file}: chainId: expected ${expected.chainId}, found ${found})`,
    );
  const result = buildSchema(options.modules ?? MODULES, options.purpose).safeParse(data, {
    reportInput: true,
  });
  const problems = result.success ? [] : result.error.issues.flatMap(formatIssue);
  if (
    result.success &&
    options.expectedNetwork !== undefined &&
    result.data.network !== options.expectedNetwork
  ) {
    problems.push({
      path: ["network"],
      message: `expected ${JSON.stringify(options.expectedNetwork)} (the network deployed to), found ${JSON.stringify(result.data.network)}`,
    });
  }
  if (problems.length > 0) {
    throw new DeployError(
      "CONFIG_INVALID",
      `${file} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was sent:`,
      problems.map((p) => `${file}: ${formatJsonPath(p.path)}: ${p.message}`),
    );
  }
  return (result as { data: NetworkConfig }).data;
}

/** Reads and validates `file`. */
export function loadNetworkConfig(file: string, options: ManifestOptions = {}): NetworkConfig {
  const data = readJsonFileOr(file, {
    notFound: () =>
      new DeployError(
        "CONFIG_NOT_FOUND",
        `${file} not found: every network needs a deployment configuration (see docs/deployment.md)`,
      ),
    unreadable: (error) =>
      new DeployError("CONFIG_INVALID", `${file} is invalid; nothing was sent:`, error.details),
  });
  return parseNetworkConfig(data, file, options);
}

/**
 * The JSON Schema of the manifest files (editor help only: durations and bounds are checked by the
 * loader, and cross-field rules such as "threshold <= owners" have no JSON Schema form here). Built
 * for the `owner` purpose, the wider one: every file valid for deployment is valid against it.
 */
export function networkConfigJsonSchema(
  modules: readonly ModuleEntry[] = MODULES,
): Record<string, unknown> {
  return z.toJSONSchema(buildSchema(modules, "owner"), {
    io: "input",
    unrepresentable: "any",
  }) as Record<string, unknown>;
}
