// owner:update-all's core, one run as the task and the drill use it. The pipeline, one module a stage:
//   desired state (desired-state.ts) -> read (chain/reader.ts) -> diff (diff.ts, policy.ts) -> plan (plan.ts)
//   -> route (route.ts) -> simulate (simulate.ts) -> output: dry run (output/dry-run.ts), Safe batches
//   (output/safe-out.ts, safe-batches.ts) or send (output/execute.ts) -> verify (a fresh diff).
// Hardhat-free. Calls the timelock must make become one timelock operation (owner/operation.ts), so a
// re-run finds what an earlier run scheduled.
import { mkdirSync } from "node:fs";

import type { Signer } from "ethers";

import type { ModuleEntry } from "../deploy/modules.ts";
import { readSystem, type ChainSnapshot } from "./chain/reader.ts";
import type { JsonRpcProvider, RpcTransport } from "./chain/transport.ts";
import { diffSystem, type DriftRow } from "./diff.ts";
import { loadDesiredState, type DesiredState } from "./desired-state.ts";
import { formatUpdatePlan } from "./output/dry-run.ts";
import { executeUpdate, receiptLog } from "./output/execute.ts";
import { updateSafeBatches } from "./output/safe-out.ts";
import { checkSubjectFilter, planUpdate, type SubjectFilter, type UpdatePlan } from "./plan.ts";
import { senderOf, type Sender } from "./route.ts";
import {
  formatWrittenBatches,
  writeSafeBatchFiles,
  type NonceChoice,
  type SafeHashContext,
  type WrittenSafeBatch,
} from "./safe-batches.ts";
import type { OperationStatus, TimelockOperation } from "./safe/timelock.ts";
import { assertSimulationsPass, simulatePlan, type Simulation } from "./simulate.ts";
import { OwnerError } from "./errors.ts";
import { formatBreak, newGovernanceBreaks, type GovernanceBreak } from "./lockout.ts";
import {
  formatRegionWarnings,
  loadRegion,
  regionWarnings,
  type RegionWarning,
} from "./diff/region.ts";

/** The label every update-all operation's salt is derived with (repeats: "#2", "#3"). */
export const UPDATE_LABEL = "owner:update-all";

export interface PreparedUpdate {
  desired: DesiredState;
  snapshot: ChainSnapshot;
  rows: DriftRow[];
  plan: UpdatePlan;
  senders: Sender[];
  /** The timelock operation of the steps the timelock sends, with its state on chain. */
  operation?: { op: TimelockOperation; status: OperationStatus };
  simulations: Simulation[];
  /**
   * Lockout rules the plan would break (owner/lockout.ts). Non-empty only when
   * --allow-governance-change accepted them; otherwise prepareUpdate refuses.
   */
  governanceBreaks: GovernanceBreak[];
  /** Parameters outside the simulation's honest-dominant region: printed, never planned or failed. */
  regionWarnings: RegionWarning[];
  rpc: { transport: string; requests: number; roundTrips: number; posts: number };
}

export interface PrepareOptions {
  network: string;
  manifestFile: string;
  deploymentFile: string;
  transport: RpcTransport;
  modules?: readonly ModuleEntry[];
  filter?: SubjectFilter;
  /** Operation label (default UPDATE_LABEL). */
  label?: string;
  /** --allow-governance-change: plan a change that breaks a lockout rule (it is printed first). */
  allowGovernanceChange?: boolean;
  /** reports/sim/region.json: warn about parameters outside it (absent file: no warning). */
  regionFile?: string;
}

/**
 * Reads the chain at one block (readSystem: two round trips), diffs, plans, routes, and in one more
 * round trip reads the timelock operation's state and simulates every call from its real sender at
 * the same block (owner/simulate.ts).
 */
export async function prepareUpdate(options: PrepareOptions): Promise<PreparedUpdate> {
  const desired = loadDesiredState(options);
  const snapshot = await readSystem(options.transport, desired);
  const rows = diffSystem(desired, snapshot);
  checkSubjectFilter(options.filter ?? {}, rows);
  const plan = planUpdate(rows, options.filter);
  const senders = plan.steps.map((s) => senderOf(s, desired, snapshot));
  const prepared: PreparedUpdate = {
    desired,
    snapshot,
    rows,
    plan,
    senders,
    simulations: [],
    governanceBreaks: [],
    regionWarnings:
      options.regionFile === undefined
        ? []
        : regionWarnings(loadRegion(options.regionFile), desired, snapshot),
    rpc: snapshot.rpc,
  };
  if (plan.errors.length > 0 || plan.steps.length === 0) return prepared;
  prepared.governanceBreaks = newGovernanceBreaks(desired, snapshot, plan.steps);
  if (prepared.governanceBreaks.length > 0 && options.allowGovernanceChange !== true)
    throw new OwnerError(
      "GOVERNANCE_LOCKOUT",
      `the change would break ${prepared.governanceBreaks.length} governance rule(s) the owners need to keep governing; nothing was planned, written or sent. Correct the manifest, or re-run with --allow-governance-change if the change is intended`,
      prepared.governanceBreaks.map(formatBreak),
    );
  await simulatePlan(prepared, {
    transport: options.transport,
    label: options.label ?? UPDATE_LABEL,
  });
  prepared.rpc = { ...options.transport.stats, transport: options.transport.describe };
  return prepared;
}

/** Exit code of a run: 0 nothing left to do (or done), 1 drift remains, 2 could not check. */
export function updateExitCode(prepared: PreparedUpdate, acted: boolean): 0 | 1 | 2 {
  if (prepared.plan.errors.length > 0) return 2;
  if (prepared.plan.manual.length > 0) return 1;
  if (prepared.plan.steps.length > 0 && !acted) return 1;
  return 0;
}

// ------------------------------------------------------------------ one run, as the task and the drill use it

export interface UpdateAllOptions extends PrepareOptions {
  mode: "dry-run" | "safe-out" | "execute";
  /** --safe-out directory. */
  safeOut?: string;
  reportsDir: string;
  /** For --safe-out: how to reach the Safes for nonces and hashes. */
  hashes?: () => Promise<SafeHashContext>;
  /** For --execute: the connected accounts and a provider that can send. */
  connect?: () => Promise<{ signers: readonly Signer[]; provider: JsonRpcProvider }>;
  /** A fresh transport to re-read the chain after sending. */
  reread?: () => Promise<RpcTransport>;
  log?: (line: string) => void;
  createdAt?: number;
  /** --nonce: the Safe nonce the files are for instead of each Safe's next nonce. */
  nonce?: NonceChoice;
}

export interface UpdateAllResult {
  prepared: PreparedUpdate;
  exitCode: 0 | 1 | 2;
  written?: WrittenSafeBatch[];
  sent?: string[];
  receipts?: string;
  /** After --execute: the diff re-read from chain. */
  after?: PreparedUpdate;
}

/** Prepare, then print / write / send; throws OwnerError (exit 2) when it cannot act. */
export async function runUpdateAll(options: UpdateAllOptions): Promise<UpdateAllResult> {
  const log = options.log ?? (() => {});
  const prepared = await prepareUpdate(options);
  const warning = prepared.governanceBreaks.map(formatBreak);
  for (const line of warning) log(line);
  log(formatUpdatePlan(prepared));
  for (const line of formatRegionWarnings(prepared.regionWarnings)) log(line);
  if (prepared.plan.errors.length > 0) {
    log(
      "\nSome rows could not be read: nothing is planned or sent until they can (see owner:doctor).",
    );
    return { prepared, exitCode: 2 };
  }
  if (prepared.plan.steps.length === 0) {
    log(
      prepared.plan.manual.length > 0
        ? "\nNothing update-all can send; the drift above needs the route its row names."
        : "\nNothing to send.",
    );
    return { prepared, exitCode: updateExitCode(prepared, true) };
  }
  assertSimulationsPass(prepared);

  if (options.mode === "dry-run") {
    log(
      "\nDRY RUN, nothing was sent. Re-run with --safe-out <dir> (Safe batches) or --execute (development chains, or calls the connected account may make).",
    );
    return { prepared, exitCode: updateExitCode(prepared, false) };
  }
  if (options.mode === "safe-out") {
    const batches = updateSafeBatches(prepared);
    // An accepted governance change is the first line of every file's description too.
    for (const request of batches.requests)
      request.description = [...warning, request.description].join("\n");
    for (const note of batches.notes) log(`\n${note}`);
    let written: WrittenSafeBatch[] = [];
    if (batches.requests.length > 0) {
      mkdirSync(options.safeOut!, { recursive: true });
      written = await writeSafeBatchFiles(
        options.safeOut!,
        batches.requests,
        await options.hashes!(),
        { createdAt: options.createdAt, nonce: options.nonce },
      );
      log(`\nWrote ${written.length} Safe Transaction Builder file(s); nothing was sent:`);
      log(formatWrittenBatches(written));
    } else log("Nothing to write; nothing was sent.");
    return { prepared, exitCode: updateExitCode(prepared, true), written };
  }

  const { signers, provider } = await options.connect!();
  const receipts = receiptLog(options.reportsDir, prepared.desired.network);
  const { sent } = await executeUpdate(prepared, { signers, provider, receipts, log });
  const after = await prepareUpdate({ ...options, transport: await options.reread!() });
  const left = after.plan.steps.length;
  log(
    left === 0
      ? `\nAfter: no drift left that update-all plans (block ${after.snapshot.blockNumber}). Receipts: ${receipts.file}`
      : `\nAfter: ${left} call(s) still planned (block ${after.snapshot.blockNumber}). Receipts: ${receipts.file}`,
  );
  return {
    prepared,
    exitCode: left > 0 ? 1 : updateExitCode(after, true),
    sent,
    receipts: receipts.file,
    after,
  };
}
