// owner:system-pause's core: read every module's paused state in one call at a pinned block, decide
// what (if anything) to send for the target state, and send it on request. Pausing is a guardian's
// act (direct, or through a guardian Safe); unpausing is governance's, through the timelock.
// It needs only the deployment record and the chain, never the manifest: a manifest mid-edit must not
// stand between an incident commander and the pause switch.
import { Contract, getAddress, type Provider, type Signer } from "ethers";

import { formatDuration } from "../deploy/config/units.ts";
import { DEV_CHAIN_ID } from "../deploy/config/schema.ts";
import { safeGettersInterface, systemPauseInterface } from "../lib/contracts.ts";
import { ReadBatch, toHexBlock } from "./chain/batch.ts";
import { moveDevClock } from "./chain/dev-clock.ts";
import { assertCode, pinBlock } from "./chain/reader.ts";
import { asEip1193, type JsonRpcProvider, type RpcTransport } from "./chain/transport.ts";
import { OwnerError } from "./errors.ts";
import { loadDeploymentRecord, type DeploymentRecordView } from "./manifest.ts";
import { operationStateReader, planOperation } from "./operation.ts";
import { safeHashContext, type SafeBatchRequest } from "./safe-batches.ts";
import { encodeCall, type Call } from "./safe/calls.ts";
import { signAndExecute } from "./safe/sign.ts";
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

export function formatPauseStatus(status: PauseStatus, heading: string): string {
  const width = Math.max(...status.modules.map((m) => m.name.length), 6);
  return [
    `${heading}: SystemPause ${status.systemPause} on ${status.network} (chain ${status.chainId}), block ${status.blockNumber}`,
    ...status.modules.map(
      (m) =>
        `  ${m.name.padEnd(width)}  ${m.address}  ${m.state === "running" ? "running" : m.state.toUpperCase()}`,
    ),
    `  ${summaryLine(status)}`,
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
    });
  else notes.push(`execute not written: ${decideStep("execute", status).message}`);
  return { requests, notes };
}

// ------------------------------------------------------------------ sending

/**
 * Local accounts that own `safe`, as many as its threshold (their addresses: the node signs for
 * them); undefined when there are too few.
 */
export async function localSafeSigners(
  safe: string,
  signers: readonly Signer[],
  provider: Provider,
): Promise<{ owners: string[]; threshold: number; chosen: string[] } | undefined> {
  if ((await provider.getCode(safe)) === "0x") return undefined;
  const contract = new Contract(safe, safeGettersInterface, provider);
  let owners: string[];
  let threshold: number;
  try {
    owners = [...(await contract.getOwners())].map((a: string) => getAddress(a));
    threshold = Number(await contract.getThreshold());
  } catch {
    return undefined; // a contract, but not a Safe
  }
  const chosen: string[] = [];
  for (const signer of signers) {
    if (chosen.length === threshold) break;
    const address = getAddress(await signer.getAddress());
    if (owners.includes(address)) chosen.push(address);
  }
  return chosen.length === threshold ? { owners, threshold, chosen } : undefined;
}

/**
 * Sends `calls` from `safe` through the one Safe layer (protocol-kit), signed by `owners` (accounts
 * the node holds) on a development chain whose Safe suite the deployment record names.
 */
export async function sendFromLocalSafe(
  provider: JsonRpcProvider,
  chain: { chainId: number; safeSuite?: Record<string, string> },
  safe: string,
  calls: readonly Call[],
  owners: readonly string[],
): Promise<{ txHash: string; blockNumber: number }> {
  const connection = {
    ...safeHashContext(asEip1193(provider), chain.chainId, chain.safeSuite),
    safeAddress: safe,
  };
  const executed = await signAndExecute(connection, calls, owners);
  return { txHash: executed.txHash, blockNumber: Number(executed.blockNumber) };
}

export interface PauseRoute {
  /** In words, for the dry run and the log. */
  describe: string;
  send(): Promise<string>;
}

/**
 * Who sends pauseAll: the connected account if it is a guardian; on a development chain, a guardian
 * Safe whose threshold of owner keys this node holds. Anything else: NOT_AUTHORISED (use --safe-out).
 */
export async function pauseRoute(
  status: PauseStatus,
  signers: readonly Signer[],
  provider: JsonRpcProvider,
): Promise<PauseRoute> {
  const data = systemPauseInterface.encodeFunctionData("pauseAll");
  const account = signers[0] === undefined ? undefined : getAddress(await signers[0].getAddress());
  if (account !== undefined && status.guardians.includes(account)) {
    return {
      describe: `SystemPause(${status.systemPause}).pauseAll() from guardian ${account} (the connected account)`,
      send: async () => {
        const tx = await signers[0].sendTransaction({ to: status.systemPause, data });
        const receipt = await tx.wait();
        if (receipt?.status !== 1)
          throw new OwnerError("TRANSACTION_FAILED", `pauseAll reverted (tx ${tx.hash})`);
        return tx.hash;
      },
    };
  }
  if (status.chainId === DEV_CHAIN_ID) {
    for (const guardian of status.guardians) {
      const local = await localSafeSigners(guardian, signers, provider);
      if (local === undefined) continue;
      return {
        describe: `SystemPause(${status.systemPause}).pauseAll() from guardian Safe ${guardian}, signed by ${local.threshold} of its ${local.owners.length} owners (local development keys)`,
        send: async () =>
          (
            await sendFromLocalSafe(
              provider,
              status,
              guardian,
              [{ to: status.systemPause, value: 0n, data }],
              local.chosen,
            )
          ).txHash,
      };
    }
  }
  throw new OwnerError(
    "NOT_AUTHORISED",
    `the connected account ${account ?? "(none)"} is not a guardian of SystemPause (guardians: ${status.guardians.join(", ") || "none"}); nothing was sent. ` +
      `Pause from a guardian's key, or write the guardian Safe's batch with --safe-out <dir> and have its owners sign it.`,
  );
}

/** The three steps of an unpause through the timelock, in words. */
export function unpauseSteps(status: PauseStatus, op: UnpauseOperation): string[] {
  return [
    `1. owners Safe ${status.ownersSafe} -> MandateTimelock(${status.timelock}).scheduleBatch([SystemPause.unpauseAll()], salt ${op.salt}, delay ${formatDuration(op.delay)}): operation ${op.id} (now ${op.status.state})`,
    `2. wait ${formatDuration(op.delay)} (the timelock's minimum delay)`,
    `3. owners Safe -> MandateTimelock.executeBatch(same operation)`,
  ];
}

export interface UnpauseRoute {
  describe: string[];
  send(log: (line: string) => void): Promise<void>;
}

/**
 * Development chains only: the owners' Safe schedules the batch with local owner keys, the node's
 * clock is moved past the delay (evm_increaseTime), and the Safe executes it. Live chains: the two
 * Safe transactions are signed by the owners (--safe-out), with the real delay in between.
 */
export async function unpauseRoute(
  status: PauseStatus,
  op: UnpauseOperation,
  signers: readonly Signer[],
  provider: JsonRpcProvider,
): Promise<UnpauseRoute> {
  const steps = unpauseSteps(status, op);
  if (status.chainId !== DEV_CHAIN_ID) {
    throw new OwnerError(
      "NOT_AUTHORISED",
      `unpausing on ${status.network} goes through the timelock, signed by the owners' Safe ${status.ownersSafe}, with a real ${formatDuration(op.delay)} wait; it cannot be sent from one key. Write the two Safe batches with --safe-out <dir>. Steps:\n${steps.join("\n")}`,
    );
  }
  const local = await localSafeSigners(status.ownersSafe, signers, provider);
  if (local === undefined)
    throw new OwnerError(
      "NOT_AUTHORISED",
      `this node does not hold enough owner keys of the owners' Safe ${status.ownersSafe} to unpause; nothing was sent`,
    );
  return {
    describe: [
      ...steps,
      `(development chain: ${local.threshold} local owner keys sign; step 2 moves the node's clock with evm_increaseTime)`,
    ],
    async send(log) {
      // An operation scheduled earlier (from --safe-out files, or a run that stopped) is not
      // scheduled twice: only what is still missing is sent.
      if (decideStep("schedule", op.status).send) {
        const schedule = await sendFromLocalSafe(
          provider,
          status,
          status.ownersSafe,
          [op.schedule],
          local.chosen,
        );
        log(`  scheduled operation ${op.id} (tx ${schedule.txHash})`);
      } else log(`  ${decideStep("schedule", op.status).message}`);
      await moveDevClock(asEip1193(provider), { delay: op.delay });
      log(`  moved the development clock forward by ${formatDuration(op.delay)}`);
      const execute = await sendFromLocalSafe(
        provider,
        status,
        status.ownersSafe,
        [op.execute],
        local.chosen,
      );
      log(`  executed operation ${op.id} (tx ${execute.txHash})`);
    },
  };
}
