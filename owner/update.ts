// owner:update-all's core: diff the manifest against the chain, turn the rows' calls into a plan,
// simulate every call from its real sender at the pinned block, and then either print (dry run),
// write the Safe batches (--safe-out), or send (--execute) recording each step. Hardhat-free.
//
// The plan is a pure function of the diff rows. Who sends a call is read from the chain, not assumed:
// the current owner of its target (the timelock, a Safe, or an account). Calls the timelock must make
// become one timelock operation (owner/operation.ts), so a re-run finds what an earlier run scheduled.
import { appendFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";

import Table from "cli-table3";
import { getAddress, id, toQuantity, type Interface, type Signer } from "ethers";

import { DEV_CHAIN_ID } from "../deploy/config/schema.ts";
import { formatDuration } from "../deploy/config/units.ts";
import type { ModuleEntry } from "../deploy/modules.ts";
import { safeInterface } from "../deploy/safe.ts";
import {
  moduleInterface,
  systemPauseInterface,
  timelockInterface,
  TIMELOCK_ROLES,
} from "../lib/contracts.ts";
import { ReadBatch, toHexBlock } from "./chain/batch.ts";
import { readSystem, type ChainSnapshot } from "./chain/reader.ts";
import { moveDevClock } from "./chain/dev-clock.ts";
import { asEip1193, type JsonRpcProvider, type RpcTransport } from "./chain/transport.ts";
import { diffSystem, summarise, type DoctorRow, type PlannedCall } from "./diff.ts";
import { OwnerError } from "./errors.ts";
import { loadDesiredState, type DesiredState } from "./manifest.ts";
import { planOperation, type OperationStateReader } from "./operation.ts";
import { localSafeSigners, sendFromLocalSafe, timelockBatches } from "./pause.ts";
import {
  formatWrittenBatches,
  writeSafeBatchFiles,
  type SafeBatchRequest,
  type SafeHashContext,
  type WrittenSafeBatch,
} from "./safe-batches.ts";
import { decodeCall, encodeCall, type Call } from "./safe/calls.ts";
import {
  buildTimelockOperation,
  readyOperationOverride,
  decideStep,
  OPERATION_STATES,
  type OperationStatus,
  type TimelockOperation,
} from "./safe/timelock.ts";

/** The label every update-all operation's salt is derived with (repeats: "#2", "#3"). */
export const UPDATE_LABEL = "owner:update-all";

// ------------------------------------------------------------------ the plan (pure)

export interface PlanStep {
  row: DoctorRow;
  call: Call;
}

export interface UpdatePlan {
  /** Drift rows with a call, in diff order (modules, SystemPause, timelock, Safes). */
  steps: PlanStep[];
  /** Drift no single call restores (ownership left the timelock, a paused module, Safe owners): told, not planned. */
  manual: DoctorRow[];
  /** Rows that could not be read: nothing is planned while any exists. */
  errors: DoctorRow[];
  /** Drift left out by --only / --skip. */
  skipped: DoctorRow[];
}

/** The names --only and --skip accept: a row's subject without spaces ("StakeManager", "OwnersSafe"). */
export const subjectKey = (subject: string): string => subject.replace(/\s+/g, "").toLowerCase();

export interface SubjectFilter {
  only?: readonly string[];
  skip?: readonly string[];
}

/** Checks --only / --skip against the subjects of the diff; BAD_ARGUMENT names the valid ones. */
export function checkSubjectFilter(filter: SubjectFilter, rows: readonly DoctorRow[]): void {
  const known = [...new Set(rows.map((r) => r.subject))];
  const keys = new Set(known.map(subjectKey));
  const unknown = [...(filter.only ?? []), ...(filter.skip ?? [])].filter(
    (n) => !keys.has(subjectKey(n)),
  );
  if (unknown.length > 0)
    throw new OwnerError(
      "BAD_ARGUMENT",
      `--only/--skip name ${unknown.map((n) => JSON.stringify(n)).join(", ")}, which the manifest does not know; nothing was sent. Known: ${known.map((s) => s.replace(/\s+/g, "")).join(", ")}`,
    );
}

const INTERFACES: Record<string, Interface> = {
  SystemPause: systemPauseInterface,
  MandateTimelock: timelockInterface,
  Safe: safeInterface,
};

/** A row's call as calldata, with the ABI the Transaction Builder shows. Module calls use the IMandateModule ABI. */
export function encodePlannedCall(planned: PlannedCall, description?: string): Call {
  const iface = INTERFACES[planned.contract] ?? moduleInterface;
  return encodeCall(iface, planned.target, planned.function, planned.args, {
    description: description ?? describePlannedCall(planned),
  });
}

/** The interface a planned call is encoded with (for decoding it back). */
export const interfaceOf = (planned: Pick<PlannedCall, "contract">): Interface =>
  INTERFACES[planned.contract] ?? moduleInterface;

const KNOWN_HASHES = new Map<string, string>(
  Object.entries(TIMELOCK_ROLES).map(([name, hash]) => [hash, name]),
);

/** `StakeManager.setParameter(UNBONDING_PERIOD, 1209600)`: bytes32 keys and roles by name. */
export function describePlannedCall(planned: PlannedCall, parameterNames: string[] = []): string {
  const names = new Map(KNOWN_HASHES);
  for (const name of parameterNames) names.set(id(name), name);
  const args = planned.args.map((a) => names.get(a) ?? a);
  return `${planned.contract}.${planned.function}(${args.join(", ")})`;
}

/** Pure: the drift rows' calls, filtered by --only/--skip, in the diff's order. */
export function planUpdate(rows: readonly DoctorRow[], filter: SubjectFilter = {}): UpdatePlan {
  const only = filter.only?.map(subjectKey);
  const skip = filter.skip?.map(subjectKey) ?? [];
  const selected = (r: DoctorRow) =>
    (only === undefined || only.includes(subjectKey(r.subject))) &&
    !skip.includes(subjectKey(r.subject));
  const plan: UpdatePlan = { steps: [], manual: [], errors: [], skipped: [] };
  for (const row of rows) {
    if (row.status === "ok") continue;
    if (row.status === "error") plan.errors.push(row);
    else if (!selected(row)) plan.skipped.push(row);
    else if (row.call === undefined) plan.manual.push(row);
    else {
      const name = /^parameter (\w+)$/.exec(row.property)?.[1];
      plan.steps.push({
        row,
        call: encodePlannedCall(
          row.call,
          describePlannedCall(row.call, name === undefined ? [] : [name]),
        ),
      });
    }
  }
  return plan;
}

// ------------------------------------------------------------------ who sends what

export type Sender =
  | { kind: "timelock"; address: string }
  | { kind: "safe"; address: string; label: string }
  | { kind: "account"; address: string };

/**
 * The real sender of a planned call: a Safe's own settings are sent by that Safe; any other call by
 * the current owner of its target as read at the pinned block (normally the timelock).
 */
export function senderOf(step: PlanStep, desired: DesiredState, snapshot: ChainSnapshot): Sender {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const safes = [desired.ownersSafe, ...desired.guardians];
  const asSender = (address: string): Sender => {
    if (same(address, desired.timelock)) return { kind: "timelock", address: desired.timelock };
    const safe = safes.find((s) => same(s.address, address));
    if (safe !== undefined) return { kind: "safe", address: safe.address, label: safe.label };
    return { kind: "account", address: getAddress(address) };
  };
  const target = step.call.to;
  if (step.row.call?.via === "safe") return asSender(target);
  if (same(target, desired.timelock)) return asSender(desired.timelock);
  if (same(target, desired.systemPause) && snapshot.systemPause.owner.ok)
    return asSender(snapshot.systemPause.owner.value);
  const module = desired.modules.find((m) => same(m.address, target));
  const owner = module === undefined ? undefined : snapshot.modules[module.name].owner;
  if (owner?.ok) return asSender(owner.value);
  return { kind: "timelock", address: desired.timelock };
}

export const describeSender = (sender: Sender): string =>
  sender.kind === "timelock"
    ? "the timelock (scheduled by the owners' Safe)"
    : sender.kind === "safe"
      ? `${sender.label} ${sender.address} (its owners sign)`
      : `account ${sender.address}`;

// ------------------------------------------------------------------ prepare: read, diff, plan, simulate

export interface Simulation {
  what: string;
  from: string;
  ok: boolean;
  error?: string;
}

export interface PreparedUpdate {
  desired: DesiredState;
  snapshot: ChainSnapshot;
  rows: DoctorRow[];
  plan: UpdatePlan;
  senders: Sender[];
  /** The timelock operation of the steps the timelock sends, with its state on chain. */
  operation?: { op: TimelockOperation; status: OperationStatus };
  simulations: Simulation[];
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
}

/**
 * Reads the chain at one block (readSystem: two round trips), diffs, plans, and in one more round
 * trip reads the timelock operation's state and simulates every call with eth_call from its real
 * sender at the same block: each module call from the timelock (so a failure names its call), the
 * scheduleBatch from the owners' Safe, the executeBatch from the owners' Safe with the operation
 * made Ready by a state override (every call in order, as the timelock will run them after the
 * delay: a call that only fails after an earlier one, or a Safe that is not an executor, shows
 * here), and a Safe's own settings from the Safe.
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
    rpc: snapshot.rpc,
  };
  if (plan.errors.length > 0 || plan.steps.length === 0) return prepared;

  const tag = toHexBlock(snapshot.blockNumber);
  const batch = new ReadBatch(options.transport, tag);
  /** eth_call from `from` at the pinned block, in batch `b`, with an optional state override set. */
  const simulate = (what: string, from: string, call: Call, b = batch, override?: object) => {
    const tx = { from, to: call.to, data: call.data, value: toQuantity(call.value) };
    return b
      .raw("eth_call", override === undefined ? [tx, tag] : [tx, tag, override], () => true)
      .then((r): Simulation =>
        r.ok ? { what, from, ok: true } : { what, from, ok: false, error: r.error },
      );
  };
  /** The same, in a batch of its own (one more round trip): for an operation chosen late. */
  const simulateNow = async (what: string, from: string, call: Call, override?: object) => {
    const own = new ReadBatch(options.transport, tag);
    const result = simulate(what, from, call, own, override);
    await own.flush();
    return result;
  };
  const safeLabel = desired.ownersSafe.label;
  const executeWhat = (op: TimelockOperation) =>
    `${safeLabel} -> MandateTimelock.executeBatch: the ${op.calls.length} call(s) in order, as the timelock will run them (operation made Ready by a state override)`;

  const timelockCalls = plan.steps
    .filter((_, i) => senders[i].kind === "timelock")
    .map((s) => s.call);
  const stateReader =
    (b: ReadBatch): OperationStateReader =>
    async (opId) => {
      const state = b.call<bigint>(desired.timelock, timelockInterface, "getOperationState", [
        opId,
      ]);
      const readyAt = b.call<bigint>(desired.timelock, timelockInterface, "getTimestamp", [opId]);
      if (b !== batch) await b.flush();
      const [s, t] = [await state, await readyAt];
      if (!s.ok || !t.ok)
        throw new OwnerError(
          "RPC_ERROR",
          `could not read the state of timelock operation ${opId}: ${!s.ok ? s.error : (t as { error: string }).error}`,
        );
      return { id: opId, state: OPERATION_STATES[Number(s.value)], readyAt: t.value };
    };

  const pending: Promise<Simulation>[] = plan.steps.map((step, i) =>
    simulate(step.call.description ?? step.row.property, senders[i].address, step.call),
  );
  let scheduleSimulation: Promise<Simulation> | undefined;
  let executeSimulation: Promise<Simulation> | undefined;
  if (timelockCalls.length > 0) {
    if (!snapshot.timelock.minDelay.ok)
      throw new OwnerError(
        "RPC_ERROR",
        `could not read the timelock's minimum delay: ${snapshot.timelock.minDelay.error}`,
      );
    const input = {
      timelock: desired.timelock,
      calls: timelockCalls,
      delay: snapshot.timelock.minDelay.value,
      label: options.label ?? UPDATE_LABEL,
    };
    // The first label's state rides in this batch; a Done operation (the same calls applied
    // before) costs one more round trip per label.
    const first = buildTimelockOperation(input);
    const firstState = stateReader(batch)(first.id);
    scheduleSimulation = simulate(
      `${safeLabel} -> MandateTimelock.scheduleBatch`,
      desired.ownersSafe.address,
      first.schedule,
    );
    executeSimulation = simulate(
      executeWhat(first),
      desired.ownersSafe.address,
      first.execute,
      batch,
      readyOperationOverride(desired.timelock, first.id),
    );
    await batch.flush();
    const status = await firstState;
    prepared.operation =
      status.state !== "Done"
        ? { op: first, status }
        : await planOperation(stateReader(new ReadBatch(options.transport, tag)), input, 2);
  } else await batch.flush();

  prepared.simulations = await Promise.all(pending);
  if (prepared.operation !== undefined) {
    const { op, status } = prepared.operation;
    const firstLabel = op.label === (options.label ?? UPDATE_LABEL);
    if (decideStep("schedule", status).send)
      prepared.simulations.push(
        firstLabel
          ? await scheduleSimulation!
          : await simulateNow(
              `${safeLabel} -> scheduleBatch`,
              desired.ownersSafe.address,
              op.schedule,
            ),
      );
    if (status.state !== "Done")
      prepared.simulations.push(
        firstLabel
          ? await executeSimulation!
          : await simulateNow(
              executeWhat(op),
              desired.ownersSafe.address,
              op.execute,
              readyOperationOverride(desired.timelock, op.id),
            ),
      );
  }
  prepared.rpc = { ...options.transport.stats, transport: options.transport.describe };
  return prepared;
}

/** Fails (nothing sent) when a simulation failed, naming every call that would revert. */
export function assertSimulationsPass(prepared: PreparedUpdate): void {
  const failed = prepared.simulations.filter((s) => !s.ok);
  if (failed.length > 0)
    throw new OwnerError(
      "SIMULATION_FAILED",
      `${failed.length} of ${prepared.simulations.length} call(s) revert when simulated from their real sender at block ${prepared.snapshot.blockNumber}; nothing was sent or written`,
      failed.map((s) => `${s.what} from ${s.from}: ${s.error}`),
    );
}

/** Exit code of a run: 0 nothing left to do (or done), 1 drift remains, 2 could not check. */
export function updateExitCode(prepared: PreparedUpdate, acted: boolean): 0 | 1 | 2 {
  if (prepared.plan.errors.length > 0) return 2;
  if (prepared.plan.manual.length > 0) return 1;
  if (prepared.plan.steps.length > 0 && !acted) return 1;
  return 0;
}

// ------------------------------------------------------------------ rendering

export function formatUpdatePlan(
  prepared: PreparedUpdate,
  options: { color?: boolean } = {},
): string {
  const { plan, desired, snapshot } = prepared;
  const lines = [
    `owner:update-all ${desired.network} (chain ${snapshot.chainId}) at block ${snapshot.blockNumber}: ${plan.steps.length} call(s) planned, ${plan.manual.length} drift item(s) need another route, ${plan.errors.length} unreadable, ${plan.skipped.length} skipped`,
  ];
  const drift = [...plan.steps.map((s) => s.row), ...plan.manual, ...plan.skipped, ...plan.errors];
  if (drift.length > 0) {
    const table = new Table({
      head: ["module", "parameter", "on chain", "manifest", "call that fixes it"],
      style: options.color === true ? {} : { head: [], border: [] },
      wordWrap: true,
      colWidths: [18, 24, 24, 24, 60],
    });
    for (const row of drift) {
      const i = plan.steps.findIndex((s) => s.row === row);
      const how =
        i >= 0
          ? `${plan.steps[i].call.description} from ${describeSender(prepared.senders[i])}`
          : plan.skipped.includes(row)
            ? `skipped (--only/--skip): ${row.fix ?? ""}`
            : row.status === "error"
              ? `cannot check: ${row.fix ?? ""}`
              : `not by update-all: ${row.fix ?? ""}`;
      table.push([
        row.subject,
        row.property.replace(/^parameter /, ""),
        row.actual,
        row.expected,
        how,
      ]);
    }
    lines.push(table.toString());
  } else lines.push("No drift: the chain matches the manifest. Nothing to send.");
  if (prepared.operation !== undefined) {
    const { op, status } = prepared.operation;
    lines.push(
      `Timelock operation ${op.id} (label "${op.label}", salt ${op.salt}, delay ${formatDuration(op.delay)}): ${status.state}${status.state === "Waiting" ? `, ready at ${status.readyAt}` : ""}`,
    );
  }
  for (const s of prepared.simulations)
    lines.push(
      `  simulated ${s.ok ? "ok    " : "REVERTS"} ${s.what} (from ${s.from})${s.ok ? "" : `: ${s.error}`}`,
    );
  lines.push(
    `RPC: ${prepared.rpc.requests} requests in ${prepared.rpc.roundTrips} round trips (${prepared.rpc.transport}).`,
  );
  return lines.join("\n");
}

// ------------------------------------------------------------------ --safe-out

/** The Safe batches of a plan: the timelock pair for the owners' Safe, one file per Safe for its own settings. */
export function updateSafeBatches(prepared: PreparedUpdate): {
  requests: SafeBatchRequest[];
  notes: string[];
} {
  const { desired, plan, senders, snapshot } = prepared;
  const requests: SafeBatchRequest[] = [];
  const notes: string[] = [];
  const bySafe = new Map<string, { label: string; calls: Call[] }>();
  plan.steps.forEach((step, i) => {
    const sender = senders[i];
    if (sender.kind === "safe") {
      const entry = bySafe.get(sender.address) ?? { label: sender.label, calls: [] };
      entry.calls.push(step.call);
      bySafe.set(sender.address, entry);
    } else if (sender.kind === "account")
      notes.push(
        `${step.call.description}: sent by account ${sender.address}, not a Safe: run --execute from that account`,
      );
  });
  if (prepared.operation !== undefined) {
    const batches = timelockBatches({
      prefix: "update-all",
      what: `${prepared.operation.op.calls.length} call(s): ${prepared.operation.op.calls.map((c) => c.description).join("; ")}`,
      network: desired.network,
      chainId: snapshot.chainId,
      ownersSafe: desired.ownersSafe.address,
      ...prepared.operation,
    });
    requests.push(...batches.requests);
    notes.push(...batches.notes);
  }
  for (const [safe, { label, calls }] of bySafe)
    requests.push({
      name: `update-all-${subjectKey(label)}`,
      description: `${label}'s own settings on ${desired.network}: ${calls.map((c) => c.description).join("; ")}`,
      chainId: snapshot.chainId,
      safe,
      calls,
    });
  return { requests, notes };
}

// ------------------------------------------------------------------ --execute

export interface ReceiptLine {
  at: string;
  network: string;
  step: string;
  status: "sent" | "skipped" | "failed" | "not-sent";
  txHash?: string;
  blockNumber?: number;
  operation?: string;
  detail?: string;
}

/** Appends one JSON line per step to reports/<network>/receipts/update-all-<time>.jsonl. */
export function receiptLog(reportsDir: string, network: string, now = new Date()) {
  const dir = join(reportsDir, network, "receipts");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `update-all-${now.toISOString().replace(/[:.]/g, "-")}.jsonl`);
  return {
    file,
    write(line: Omit<ReceiptLine, "at" | "network">) {
      appendFileSync(
        file,
        `${JSON.stringify({ at: new Date().toISOString(), network, ...line })}\n`,
      );
    },
  };
}

interface SendStep {
  name: string;
  run(): Promise<{ txHash?: string; blockNumber?: number; detail?: string; skipped?: boolean }>;
}

/**
 * Sends the plan: calls the connected account makes itself; a Safe's own settings and the timelock
 * operation through Safes whose keys this node holds (development chains only), moving the node's
 * clock past the delay between schedule and execute. Every route is decided before the first
 * transaction: anything that cannot be sent is refused with NOT_AUTHORISED and nothing is sent.
 * On a failure midway, stops, records it, and throws naming what ran and what did not.
 */
export async function executeUpdate(
  prepared: PreparedUpdate,
  context: {
    signers: readonly Signer[];
    provider: JsonRpcProvider;
    receipts: { write(line: Omit<ReceiptLine, "at" | "network">): void; file: string };
    log?: (line: string) => void;
  },
): Promise<{ sent: string[] }> {
  assertSimulationsPass(prepared);
  const log = context.log ?? (() => {});
  const { desired, plan, senders, snapshot } = prepared;
  const dev = snapshot.chainId === DEV_CHAIN_ID;
  const account =
    context.signers[0] === undefined
      ? undefined
      : getAddress(await context.signers[0].getAddress());
  const refuse = (what: string) =>
    new OwnerError(
      "NOT_AUTHORISED",
      `${what}; nothing was sent. Write the Safe batches with --safe-out <dir> and have the owners sign them.`,
    );

  const steps: SendStep[] = [];
  // 1. Calls the connected account may make itself.
  plan.steps.forEach((step, i) => {
    const sender = senders[i];
    if (sender.kind !== "account") return;
    if (account === undefined || sender.address !== account)
      throw refuse(
        `${step.call.description} must be sent by ${sender.address}, and the connected account is ${account ?? "(none)"}`,
      );
    steps.push({
      name: `${step.call.description} from ${account}`,
      run: async () => {
        const tx = await context.signers[0].sendTransaction({
          to: step.call.to,
          data: step.call.data,
        });
        const receipt = await tx.wait();
        if (receipt?.status !== 1) throw new Error(`reverted (tx ${tx.hash})`);
        return { txHash: tx.hash, blockNumber: receipt.blockNumber };
      },
    });
  });
  // 2. A Safe's own settings, and 3. the timelock operation: Safes signed with local keys.
  const safeSigners = async (address: string, label: string) => {
    if (!dev)
      throw refuse(
        `${label} ${address} must sign on ${desired.network} (chain ${snapshot.chainId}); a single key cannot`,
      );
    const local = await localSafeSigners(address, context.signers, context.provider);
    if (local === undefined)
      throw refuse(`this node does not hold ${label} ${address}'s threshold of owner keys`);
    return local.chosen;
  };
  const safeChain = { chainId: snapshot.chainId, safeSuite: desired.safeSuite };
  const bySafe = new Map<string, { label: string; calls: Call[] }>();
  plan.steps.forEach((step, i) => {
    const sender = senders[i];
    if (sender.kind !== "safe") return;
    const entry = bySafe.get(sender.address) ?? { label: sender.label, calls: [] };
    entry.calls.push(step.call);
    bySafe.set(sender.address, entry);
  });
  for (const [safe, { label, calls }] of bySafe) {
    const chosen = await safeSigners(safe, label);
    for (const call of calls)
      steps.push({
        name: `${label} -> ${call.description}`,
        run: () => sendFromLocalSafe(context.provider, safeChain, safe, [call], chosen),
      });
  }
  if (prepared.operation !== undefined) {
    const { op, status } = prepared.operation;
    const chosen = await safeSigners(desired.ownersSafe.address, desired.ownersSafe.label);
    const viaSafe = (call: Call) => () =>
      sendFromLocalSafe(context.provider, safeChain, desired.ownersSafe.address, [call], chosen);
    const schedule = decideStep("schedule", status);
    steps.push({
      name: `schedule operation ${op.id}`,
      run: schedule.send
        ? viaSafe(op.schedule)
        : async () => ({ skipped: true, detail: schedule.message }),
    });
    steps.push({
      name: `move the development clock forward by ${formatDuration(op.delay)}`,
      run: async () => {
        // Scheduled just now: the whole delay from now; scheduled earlier: until it is ready.
        const wait = await moveDevClock(
          asEip1193(context.provider),
          status.state === "Unset" ? { delay: op.delay } : { readyAt: status.readyAt },
        );
        if (wait === 0n) return { skipped: true, detail: "the delay has passed already" };
        return { detail: `+${wait} s` };
      },
    });
    steps.push({ name: `execute operation ${op.id}`, run: viaSafe(op.execute) });
  }

  const sent: string[] = [];
  for (const [index, step] of steps.entries()) {
    try {
      const result = await step.run();
      const status = result.skipped === true ? "skipped" : "sent";
      context.receipts.write({
        step: step.name,
        status,
        ...(prepared.operation ? { operation: prepared.operation.op.id } : {}),
        ...result,
      });
      log(
        `  ${status === "sent" ? "done   " : "skipped"} ${step.name}${result.txHash ? ` (tx ${result.txHash})` : ""}${result.detail ? `: ${result.detail}` : ""}`,
      );
      if (status === "sent") sent.push(step.name);
    } catch (error) {
      const message = (error as Error).message.split("\n")[0];
      context.receipts.write({ step: step.name, status: "failed", detail: message });
      const rest = steps.slice(index + 1).map((s) => s.name);
      for (const name of rest) context.receipts.write({ step: name, status: "not-sent" });
      throw new OwnerError(
        "TRANSACTION_FAILED",
        `stopped at step ${index + 1} of ${steps.length} (${step.name}): ${message}. Re-run owner:update-all: it plans from the chain again and sends only what is still missing. Receipts: ${context.receipts.file}`,
        [
          ...sent.map((s) => `sent: ${s}`),
          `FAILED: ${step.name}`,
          ...rest.map((s) => `not sent: ${s}`),
        ],
      );
    }
  }
  return { sent };
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
  log(formatUpdatePlan(prepared));
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
    for (const note of batches.notes) log(`\n${note}`);
    let written: WrittenSafeBatch[] = [];
    if (batches.requests.length > 0) {
      mkdirSync(options.safeOut!, { recursive: true });
      written = await writeSafeBatchFiles(
        options.safeOut!,
        batches.requests,
        await options.hashes!(),
        {
          createdAt: options.createdAt,
        },
      );
      log(`\nWrote ${written.length} Safe Transaction Builder file(s); nothing was sent:`);
      log(formatWrittenBatches(written));
      if (prepared.operation !== undefined)
        log(
          `The owners' Safe signs the schedule file now and the execute file after ${formatDuration(prepared.operation.op.delay)}.`,
        );
    } else log("Nothing to write; nothing was sent.");
    return { prepared, exitCode: updateExitCode(prepared, true), written };
  }

  const { signers, provider } = await options.connect!();
  const receipts = receiptLog(options.reportsDir, prepared.desired.network);
  log("\nSending:");
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
