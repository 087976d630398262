// owner:system-pause's core: read every module's paused state in one call at a pinned block, decide
// what (if anything) to send for the target state, and send it on request. Pausing is a guardian's
// act (direct, or through a guardian Safe); unpausing is governance's, through the timelock.
// It needs only the deployment record and the chain, never the manifest: a manifest mid-edit must not
// stand between an incident commander and the pause switch.
import { Contract, getAddress, id, ZeroHash, type Provider, type Signer } from "ethers";

import { executeSafeTransaction } from "../deploy/safe.ts";
import { formatDuration } from "../deploy/config/units.ts";
import { DEV_CHAIN_ID } from "../deploy/config/schema.ts";
import { safeGettersInterface, systemPauseInterface, timelockInterface } from "../lib/contracts.ts";
import { ReadBatch, toHexBlock } from "./chain/batch.ts";
import { assertCode, pinBlock } from "./chain/reader.ts";
import type { RpcTransport } from "./chain/transport.ts";
import { OwnerError } from "./errors.ts";
import { loadDeploymentRecord, type DeploymentRecordView } from "./manifest.ts";
import type { SafeBatchRequest } from "./safe-batches.ts";

export type PauseAction = "status" | "pause" | "unpause";
export const PAUSE_ACTIONS: readonly PauseAction[] = ["status", "pause", "unpause"];

export interface PauseStatus {
  network: string;
  chainId: number;
  blockNumber: number;
  systemPause: string;
  timelock: string;
  ownersSafe: string;
  modules: { name: string; address: string; paused: boolean }[];
  guardians: string[];
  rpc: { requests: number; roundTrips: number; transport: string };
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
      paused: (d[1] as boolean[])[i],
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
    rpc: { ...transport.stats, transport: transport.describe },
  };
}

export function summaryLine(status: PauseStatus): string {
  const paused = status.modules.filter((m) => m.paused).length;
  const total = status.modules.length;
  if (total === 0) return "SystemPause has no modules.";
  if (paused === total) return `ALL ${total} MODULES PAUSED.`;
  if (paused === 0) return `All ${total} modules running (not paused).`;
  return `MIXED: ${paused} of ${total} modules paused.`;
}

export function formatPauseStatus(status: PauseStatus, heading: string): string {
  const width = Math.max(...status.modules.map((m) => m.name.length), 6);
  return [
    `${heading}: SystemPause ${status.systemPause} on ${status.network} (chain ${status.chainId}), block ${status.blockNumber}`,
    ...status.modules.map(
      (m) => `  ${m.name.padEnd(width)}  ${m.address}  ${m.paused ? "PAUSED" : "running"}`,
    ),
    `  ${summaryLine(status)}`,
  ].join("\n");
}

/** Already in the target state: every module paused (pause) or none (unpause). */
export function inTargetState(status: PauseStatus, action: "pause" | "unpause"): boolean {
  return status.modules.every((m) => m.paused === (action === "pause"));
}

// ------------------------------------------------------------------ what would be sent

export interface UnpauseOperation {
  targets: string[];
  values: bigint[];
  payloads: string[];
  predecessor: string;
  salt: string;
  delay: bigint;
  /** The timelock operation id (hashOperationBatch). */
  id: string;
}

/** The timelock batch that unpauses: one call, SystemPause.unpauseAll(), salted by the block it was planned at. */
export async function planUnpause(
  status: PauseStatus,
  provider: Provider,
): Promise<UnpauseOperation> {
  const timelock = new Contract(status.timelock, timelockInterface, provider);
  const operation = {
    targets: [status.systemPause],
    values: [0n],
    payloads: [systemPauseInterface.encodeFunctionData("unpauseAll")],
    predecessor: ZeroHash,
    salt: id(`mandate owner:system-pause unpause at block ${status.blockNumber}`),
    delay: (await timelock.getMinDelay()) as bigint,
  };
  const opId: string = await timelock.hashOperationBatch(
    operation.targets,
    operation.values,
    operation.payloads,
    operation.predecessor,
    operation.salt,
  );
  return { ...operation, id: opId };
}

export function scheduleData(op: UnpauseOperation): string {
  return timelockInterface.encodeFunctionData("scheduleBatch", [
    op.targets,
    op.values,
    op.payloads,
    op.predecessor,
    op.salt,
    op.delay,
  ]);
}

export function executeData(op: UnpauseOperation): string {
  return timelockInterface.encodeFunctionData("executeBatch", [
    op.targets,
    op.values,
    op.payloads,
    op.predecessor,
    op.salt,
  ]);
}

/** The Safe batches --safe-out writes: pauseAll for each guardian Safe, or schedule + execute for the owners' Safe. */
export function safeBatchesFor(
  action: "pause" | "unpause",
  status: PauseStatus,
  op?: UnpauseOperation,
): SafeBatchRequest[] {
  if (action === "pause")
    return status.guardians.map((guardian, i) => ({
      name: `pause-guardian-${i}`,
      description: `SystemPause.pauseAll() on ${status.network}, from guardian ${guardian}`,
      chainId: status.chainId,
      safe: guardian,
      calls: [
        {
          to: status.systemPause,
          value: 0n,
          data: systemPauseInterface.encodeFunctionData("pauseAll"),
          contractMethod: "pauseAll()",
          contractInputsValues: {},
        },
      ],
    }));
  const inputs = (withDelay: boolean): Record<string, string> => ({
    targets: JSON.stringify(op!.targets),
    values: JSON.stringify(op!.values.map(String)),
    payloads: JSON.stringify(op!.payloads),
    predecessor: op!.predecessor,
    salt: op!.salt,
    ...(withDelay ? { delay: op!.delay.toString() } : {}),
  });
  return [
    {
      name: "unpause-1-schedule",
      description: `Schedule SystemPause.unpauseAll() through the timelock on ${status.network} (operation ${op!.id})`,
      chainId: status.chainId,
      safe: status.ownersSafe,
      calls: [
        {
          to: status.timelock,
          value: 0n,
          data: scheduleData(op!),
          contractMethod: "scheduleBatch",
          contractInputsValues: inputs(true),
        },
      ],
    },
    {
      name: "unpause-2-execute",
      description: `Execute operation ${op!.id} (SystemPause.unpauseAll()) after ${formatDuration(op!.delay)}`,
      chainId: status.chainId,
      safe: status.ownersSafe,
      calls: [
        {
          to: status.timelock,
          value: 0n,
          data: executeData(op!),
          contractMethod: "executeBatch",
          contractInputsValues: inputs(false),
        },
      ],
    },
  ];
}

// ------------------------------------------------------------------ sending

/** Local signers that own `safe`, as many as its threshold; undefined when there are too few. */
async function localSafeSigners(
  safe: string,
  signers: readonly Signer[],
  provider: Provider,
): Promise<{ owners: string[]; threshold: number; chosen: Signer[] } | undefined> {
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
  const chosen: Signer[] = [];
  for (const signer of signers) {
    if (chosen.length === threshold) break;
    if (owners.includes(getAddress(await signer.getAddress()))) chosen.push(signer);
  }
  return chosen.length === threshold ? { owners, threshold, chosen } : undefined;
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
  provider: Provider,
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
          (await executeSafeTransaction(guardian, { to: status.systemPause, data }, local.chosen))
            .hash,
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
    `1. owners Safe ${status.ownersSafe} -> MandateTimelock(${status.timelock}).scheduleBatch([SystemPause.unpauseAll()], salt ${op.salt}, delay ${formatDuration(op.delay)}): operation ${op.id}`,
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
  provider: Provider & { send(method: string, params: unknown[]): Promise<unknown> },
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
      const schedule = await executeSafeTransaction(
        status.ownersSafe,
        { to: status.timelock, data: scheduleData(op) },
        local.chosen,
      );
      log(`  scheduled operation ${op.id} (tx ${schedule.hash})`);
      await provider.send("evm_increaseTime", [Number(op.delay)]);
      await provider.send("evm_mine", []);
      log(`  moved the development clock forward by ${formatDuration(op.delay)}`);
      const execute = await executeSafeTransaction(
        status.ownersSafe,
        { to: status.timelock, data: executeData(op) },
        local.chosen,
      );
      log(`  executed operation ${op.id} (tx ${execute.hash})`);
    },
  };
}
