// owner:system-pause's reading and planning: every module's paused state in one call at a pinned
// block, the unpause as one timelock operation, and the Safe batches for either. Pausing is a
// guardian's act (direct, or through a guardian Safe); unpausing is governance's, through the
// timelock. Who sends is owner/route.ts; one run is owner/system-pause.ts.
// It needs only the deployment record and the chain, never the manifest: a manifest mid-edit must not
// stand between an incident commander and the pause switch.
import { getAddress, type Provider } from "ethers";

import { formatDuration } from "../deploy/manifest/units.ts";
import { systemPauseInterface } from "./chain/contracts.ts";
import { ReadBatch, toHexBlock } from "./chain/batch.ts";
import { assertCode, pinBlock } from "./chain/reader.ts";
import type { RpcTransport } from "./chain/transport.ts";
import { OwnerError } from "./errors.ts";
import { loadDeploymentRecord, type DeploymentRecordView } from "./desired-state.ts";
import { operationStateReader, planOperation } from "./operation.ts";
import { formatTable } from "./output/table.ts";
import type { SafeBatchRequest } from "./safe-batches.ts";
import { encodeCall } from "./safe/calls.ts";
import {
  decideStep,
  readMinDelay,
  type OperationStatus,
  type TimelockOperation,
} from "./safe/timelock.ts";

export type PauseAction = "status" | "pause" | "unpause";
export const PAUSE_ACTIONS: readonly PauseAction[] = ["status", "pause", "unpause"];

/** A module's state as SystemPause reads it: `unreadable` when its paused() reverts or answers nonsense. */
export type ModuleState = "running" | "paused" | "unreadable";
/** ISystemPause.ModuleState, in the enum's order. */
const MODULE_STATES: readonly ModuleState[] = ["running", "paused", "unreadable"];

export interface PauseStatus {
  network: string;
  chainId: number;
  blockNumber: number;
  systemPause: string;
  timelock: string;
  ownersSafe: string;
  modules: { name: string; address: string; state: ModuleState }[];
  guardians: string[];
  /** The deployment record's Safe suite (development chains), for protocol-kit's contractNetworks. */
  safeSuite?: Record<string, string>;
  rpc: { requests: number; roundTrips: number; posts: number; transport: string };
}

export async function readPauseStatus(
  transport: RpcTransport,
  input: { network: string; deploymentFile: string; record?: DeploymentRecordView },
): Promise<PauseStatus> {
  const record = input.record ?? loadDeploymentRecord(input.deploymentFile);
  const pinned = await pinBlock(transport, { chainId: record.chainId, what: input.deploymentFile });
  const sp = record.governance.systemPause;
  const batch = new ReadBatch(transport, toHexBlock(pinned.blockNumber));
  const code = batch.hasCode(sp);
  const states = batch.call(sp, systemPauseInterface, "pausedStates", [], (d) =>
    [...(d[0] as string[])].map((module, i) => ({
      address: getAddress(module),
      state: MODULE_STATES[Number((d[1] as bigint[])[i])] ?? "unreadable",
    })),
  );
  const guardians = batch.call(sp, systemPauseInterface, "guardians", [], (d) =>
    [...(d[0] as string[])].map((a) => getAddress(a)),
  );
  const owner = batch.call<string>(sp, systemPauseInterface, "owner", []);
  await batch.flush();
  assertCode(
    [
      {
        label: "SystemPause",
        address: sp,
        source: `${input.deploymentFile}: governance.systemPause`,
        code: await code,
      },
    ],
    pinned.blockNumber,
  );
  const [s, g, o] = [await states, await guardians, await owner];
  if (!s.ok || !g.ok || !o.ok)
    throw new OwnerError(
      "RPC_ERROR",
      `could not read SystemPause at ${sp}: ${[s, g, o].flatMap((r) => (r.ok ? [] : [r.error])).join("; ")}`,
    );
  const names = new Map(Object.entries(record.modules).map(([name, a]) => [a.toLowerCase(), name]));
  return {
    network: input.network,
    chainId: pinned.chainId,
    blockNumber: pinned.blockNumber,
    systemPause: sp,
    timelock: getAddress(o.value),
    ownersSafe: record.governance.ownersSafe.address,
    modules: s.value.map((m) => ({
      ...m,
      name: names.get(m.address.toLowerCase()) ?? "(not in the record)",
    })),
    guardians: g.value,
    ...(record.safeSuite !== undefined ? { safeSuite: record.safeSuite } : {}),
    rpc: { ...transport.stats, transport: transport.describe },
  };
}

export function summaryLine(status: PauseStatus): string {
  const count = (state: ModuleState) => status.modules.filter((m) => m.state === state).length;
  const [paused, unreadable] = [count("paused"), count("unreadable")];
  const total = status.modules.length;
  if (total === 0) return "SystemPause has no modules.";
  if (paused === total) return `ALL ${total} MODULES PAUSED.`;
  if (unreadable > 0)
    return `${paused} of ${total} modules paused, ${unreadable} UNREADABLE: ${unreadable === 1 ? "its" : "their"} paused() reverts or answers something else; the switch skips ${unreadable === 1 ? "it" : "them"} (ModulePauseFailed) and handles the others.`;
  if (paused === 0) return `All ${total} modules running (not paused).`;
  return `MIXED: ${paused} of ${total} modules paused.`;
}

/** The switch's modules as a terminal table (owner/output/table.ts: no address is ever split). */
export function formatPauseStatus(
  status: PauseStatus,
  heading: string,
  options: { width?: number } = {},
): string {
  return [
    `${heading}: SystemPause ${status.systemPause} on ${status.network} (chain ${status.chainId}), block ${status.blockNumber}`,
    formatTable(
      ["module", "address", "state"],
      status.modules.map((m) => [
        m.name,
        m.address,
        m.state === "running" ? "running" : m.state.toUpperCase(),
      ]),
      options,
    ),
    summaryLine(status),
  ].join("\n");
}

/** Already in the target state: every module paused (pause) or none (unpause). */
export function inTargetState(status: PauseStatus, action: "pause" | "unpause"): boolean {
  return status.modules.every((m) => m.state === (action === "pause" ? "paused" : "running"));
}

// ------------------------------------------------------------------ what would be sent

/** The unpause as one timelock operation, with its state on chain when it was planned. */
export type UnpauseOperation = TimelockOperation & { status: OperationStatus };

/** The label of every unpause operation (salt rule: owner/safe/timelock.ts; repeats: owner/operation.ts). */
export const UNPAUSE_LABEL = "owner:system-pause unpauseAll";

/**
 * The timelock batch that unpauses: one call, SystemPause.unpauseAll(). Its salt depends on the
 * call and the label only, so the schedule and execute steps of one incident always name the same
 * operation, whoever plans them and when; an unpause that already ran (an earlier incident) moves
 * the label on to "#2", "#3".
 */
export async function planUnpause(
  status: PauseStatus,
  provider: Provider,
): Promise<UnpauseOperation> {
  const { op, status: state } = await planOperation(
    operationStateReader(provider, status.timelock),
    {
      timelock: status.timelock,
      calls: [
        encodeCall(systemPauseInterface, status.systemPause, "unpauseAll", [], {
          description: "SystemPause.unpauseAll()",
        }),
      ],
      delay: await readMinDelay(provider, status.timelock),
      label: UNPAUSE_LABEL,
    },
  );
  return { ...op, status: state };
}

/**
 * The Safe batches --safe-out writes: pauseAll for each guardian Safe; for unpause, the owners'
 * Safe's scheduleBatch (unless the operation is already scheduled: reported, not written twice) and
 * executeBatch of the same operation.
 */
export function safeBatchesFor(
  action: "pause" | "unpause",
  status: PauseStatus,
  op?: UnpauseOperation,
): { requests: SafeBatchRequest[]; notes: string[] } {
  if (action === "pause")
    return {
      requests: status.guardians.map((guardian, i) => ({
        name: `pause-guardian-${i}`,
        description: `SystemPause.pauseAll() on ${status.network}, from guardian ${guardian}`,
        chainId: status.chainId,
        safe: guardian,
        calls: [
          encodeCall(systemPauseInterface, status.systemPause, "pauseAll", [], {
            description: "SystemPause.pauseAll()",
          }),
        ],
      })),
      notes: [],
    };
  return timelockBatches({
    prefix: "unpause",
    what: "SystemPause.unpauseAll()",
    network: status.network,
    chainId: status.chainId,
    ownersSafe: status.ownersSafe,
    op: op!,
    status: op!.status,
  });
}

/**
 * The owners' Safe files of one timelock operation: `<prefix>-1-schedule` (only while the operation
 * is Unset) and `<prefix>-2-execute` (unless it is Done). What is not written is said in `notes`.
 */
export function timelockBatches(input: {
  prefix: string;
  what: string;
  network: string;
  chainId: number;
  ownersSafe: string;
  op: TimelockOperation;
  status: OperationStatus;
}): { requests: SafeBatchRequest[]; notes: string[] } {
  const { op, status } = input;
  const requests: SafeBatchRequest[] = [];
  const notes: string[] = [];
  const schedule = decideStep("schedule", status);
  if (schedule.send)
    requests.push({
      name: `${input.prefix}-1-schedule`,
      description: `Schedule ${input.what} through the timelock on ${input.network} (operation ${op.id}, delay ${formatDuration(op.delay)})`,
      chainId: input.chainId,
      safe: input.ownersSafe,
      calls: [op.schedule],
    });
  else notes.push(`schedule not written: ${schedule.message}`);
  if (status.state !== "Done")
    requests.push({
      name: `${input.prefix}-2-execute`,
      description: `Execute operation ${op.id} (${input.what}) after ${formatDuration(op.delay)}`,
      chainId: input.chainId,
      safe: input.ownersSafe,
      calls: [op.execute],
      when:
        status.state === "Waiting"
          ? `after the timelock delay, from ${new Date(Number(status.readyAt) * 1000).toISOString()} (block time)`
          : status.state === "Ready"
            ? "now (the operation is ready)"
            : `after the schedule file is executed and the timelock delay (${formatDuration(op.delay)}) has passed`,
    });
  else notes.push(`execute not written: ${decideStep("execute", status).message}`);
  return { requests, notes };
}

/** The three steps of an unpause through the timelock, in words. */
export function unpauseSteps(status: PauseStatus, op: UnpauseOperation): string[] {
  return [
    `1. owners Safe ${status.ownersSafe} -> MandateTimelock(${status.timelock}).scheduleBatch([SystemPause.unpauseAll()], salt ${op.salt}, delay ${formatDuration(op.delay)}): operation ${op.id} (now ${op.status.state})`,
    `2. wait ${formatDuration(op.delay)} (the timelock's minimum delay)`,
    `3. owners Safe -> MandateTimelock.executeBatch(same operation)`,
  ];
}
