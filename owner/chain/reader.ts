// Reads everything owner:doctor compares, pinned to one block and batched: a command costs three
// round trips at most (chain id and block; every read; parameters the chain has but the manifest does
// not name), however many modules, parameters, guardians or role holders there are.
import { getAddress, id, keccak256 } from "ethers";

import {
  decodeRoleLog,
  moduleInterface,
  replayRoleEvents,
  ROLE_GRANTED_TOPIC,
  ROLE_REVOKED_TOPIC,
  safeGettersInterface,
  systemPauseInterface,
  timelockInterface,
  TIMELOCK_ROLES,
  type TimelockRoleName,
} from "./contracts.ts";
import { OwnerError } from "../errors.ts";
import type { DesiredState } from "../desired-state.ts";
import { accountsWithoutAuthority, expectedRoleHolders, hasRoleKey } from "../policy.ts";
import { ReadBatch, readOk, toHexBlock, type Read } from "./batch.ts";
import type { RpcStats, RpcTransport } from "./transport.ts";
import {
  DEFAULT_LOG_RANGE,
  QUEUE_TOPICS,
  queueLogs,
  type QueueOptions,
  type RawLog,
} from "../timelock-queue.ts";

export interface ModuleSnapshot {
  address: string;
  owner: Read<string>;
  pendingOwner: Read<string>;
  pauser: Read<string>;
  paused: Read<boolean>;
  /** keccak256 keys the module reports (`parameterKeys()`). */
  parameterKeys: Read<string[]>;
  /** Values by key (bytes32 hex), for every declared name and every key the chain reports. */
  parameters: Record<string, Read<bigint>>;
}

export interface SafeSnapshot {
  address: string;
  owners: Read<string[]>;
  threshold: Read<number>;
}

export interface ChainSnapshot {
  chainId: number;
  blockNumber: number;
  /** The node's accounts, when the manifest names "account:N" (development nodes). */
  localAccounts: string[];
  modules: Record<string, ModuleSnapshot>;
  systemPause: {
    address: string;
    owner: Read<string>;
    pendingOwner: Read<string>;
    modules: Read<string[]>;
    guardians: Read<string[]>;
  };
  timelock: {
    address: string;
    minDelay: Read<bigint>;
    /** Holders of each role, rebuilt from RoleGranted/RoleRevoked up to the pinned block. */
    holders: Read<Record<TimelockRoleName, string[]>>;
    /**
     * `hasRole(role, account)` for each expected holder and each account the policy says must hold
     * nothing, keyed by `hasRoleKey(roleName, account)`.
     */
    hasRole: Record<string, Read<boolean>>;
  };
  safes: Record<string, SafeSnapshot>;
  /** keccak256 of the code at each address the record gives a runtime code hash for, by address. */
  codeHashes: Record<string, Read<string>>;
  /** Asked for with `timelockQueue`: the timelock's queue logs and the pinned block's timestamp. */
  queue?: { logs: Read<RawLog[]>; timestamp: Read<number> };
  rpc: RpcStats & { transport: string };
}

export interface ReadOptions {
  /** Read at this block instead of the latest (the watch reads each block it processes). */
  atBlock?: number;
  /** Also read the timelock queue's logs (in ranges of `logRange` blocks) in the same batch. */
  timelockQueue?: QueueOptions;
}

const addresses = (decoded: { [i: number]: unknown }) =>
  [...(decoded[0] as string[])].map((a) => getAddress(a));

/** Round 1: chain id, the block to pin, and (when needed) the node's accounts. Checks the chain id. */
export async function pinBlock(
  transport: RpcTransport,
  expected: { chainId: number; what: string },
  withAccounts = false,
): Promise<{ chainId: number; blockNumber: number; localAccounts: string[] }> {
  const batch = new ReadBatch(transport, "latest");
  const chainId = batch.raw("eth_chainId", [], (v) => Number(BigInt(v as string)));
  const blockNumber = batch.raw("eth_blockNumber", [], (v) => Number(BigInt(v as string)));
  const accounts = withAccounts
    ? batch.raw("eth_accounts", [], (v) => (v as string[]).map((a) => getAddress(a)))
    : Promise.resolve(readOk<string[]>([]));
  await batch.flush();
  const [c, b, a] = await Promise.all([chainId, blockNumber, accounts]);
  if (!c.ok || !b.ok)
    throw new OwnerError(
      "RPC_ERROR",
      `${transport.describe} did not answer eth_chainId/eth_blockNumber: ${!c.ok ? c.error : (b as { error: string }).error}`,
    );
  if (c.value !== expected.chainId) {
    throw new OwnerError(
      "WRONG_CHAIN",
      `connected to chain ${c.value} (${transport.describe}), but ${expected.what} is for chain ${expected.chainId}; nothing was read or sent`,
    );
  }
  return { chainId: c.value, blockNumber: b.value, localAccounts: a.ok ? a.value : [] };
}

/** Fails with MISSING_CODE naming every address without code and where it came from. */
export function assertCode(
  checks: readonly { label: string; address: string; source: string; code: Read<boolean> }[],
  blockNumber: number,
): void {
  const missing = checks.filter((c) => !c.code.ok || !c.code.value);
  if (missing.length > 0) {
    throw new OwnerError(
      "MISSING_CODE",
      `${missing.length} address(es) hold no contract at block ${blockNumber}: wrong network, stale deployment record, or a typo; nothing was sent`,
      missing.map(
        (c) =>
          `${c.source}: ${c.label} ${c.address}: ${c.code.ok ? "no code" : `could not read code (${c.code.error})`}`,
      ),
    );
  }
}

export async function readSystem(
  transport: RpcTransport,
  desired: DesiredState,
  options: ReadOptions = {},
): Promise<ChainSnapshot> {
  const latest = await pinBlock(
    transport,
    { chainId: desired.chainId, what: desired.manifestFile },
    desired.needsLocalAccounts,
  );
  const pinned = { ...latest, blockNumber: options.atBlock ?? latest.blockNumber };
  const tag = toHexBlock(pinned.blockNumber);

  // Round 2: every read whose arguments are known before reading.
  const batch = new ReadBatch(transport, tag);
  const code = queueCodeReads(batch, desired);
  const pending = {
    modules: desired.modules.map((m) => queueModuleReads(batch, m)),
    systemPause: queueSystemPauseReads(batch, desired.systemPause),
    timelock: queueTimelockReads(batch, desired, tag),
    safes: Object.fromEntries(
      [desired.ownersSafe, ...desired.guardians].map((s) => [
        s.address,
        queueSafeReads(batch, s.address),
      ]),
    ),
    queue: options.timelockQueue && {
      logs: queueLogs(
        batch,
        desired.timelock,
        [QUEUE_TOPICS],
        desired.fromBlock,
        pinned.blockNumber,
        options.timelockQueue.logRange ?? DEFAULT_LOG_RANGE,
      ),
      timestamp: batch.raw("eth_getBlockByNumber", [tag, false], (v) =>
        Number(BigInt((v as { timestamp: string }).timestamp)),
      ),
    },
  };
  await batch.flush();

  assertCode(
    await Promise.all(code.map(async (c) => ({ ...c, code: await c.code }))),
    pinned.blockNumber,
  );
  const { modules, systemPause, timelock, safes, queue } = pending;
  return {
    chainId: pinned.chainId,
    blockNumber: pinned.blockNumber,
    localAccounts: pinned.localAccounts,
    modules: await readUndeclaredParameters(transport, tag, modules),
    systemPause: { address: desired.systemPause, ...(await settle(systemPause)) },
    timelock: {
      address: desired.timelock,
      minDelay: await timelock.minDelay,
      holders: await timelock.holders,
      hasRole: await settle(timelock.hasRole),
    },
    safes: Object.fromEntries(
      await Promise.all(
        Object.entries(safes).map(
          async ([address, s]) => [address, { address, ...(await settle(s)) }] as const,
        ),
      ),
    ),
    codeHashes: Object.fromEntries(
      await Promise.all(
        code
          .filter((c) => c.runtimeCodeHash !== undefined)
          .map(async (c) => [c.address, await c.hash] as const),
      ),
    ),
    ...(queue ? { queue: await settle(queue) } : {}),
    rpc: { ...transport.stats, transport: transport.describe },
  };
}

/**
 * One eth_getCode per address the system names: it answers both "is there code" and, where the
 * record has a runtime code hash, "is it the contract the record describes".
 */
function queueCodeReads(batch: ReadBatch, desired: DesiredState) {
  return desired.code.map((c) => {
    const hash = batch.codeHash(c.address);
    return {
      ...c,
      hash,
      code: hash.then((h): Read<boolean> =>
        h.ok ? { ok: true, value: h.value !== EMPTY_CODE_HASH } : h,
      ),
    };
  });
}

/** keccak256 of empty code: an address without a contract. */
const EMPTY_CODE_HASH = keccak256("0x");

/** Every value of a record of pending reads, once they have answered. */
async function settle<T extends Record<string, Promise<unknown>>>(
  pending: T,
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  return Object.fromEntries(
    await Promise.all(Object.entries(pending).map(async ([k, v]) => [k, await v] as const)),
  ) as { [K in keyof T]: Awaited<T[K]> };
}

type PendingModule = ReturnType<typeof queueModuleReads>;

/** A module's owner, pending owner, pauser, paused state, parameter keys and declared parameters. */
function queueModuleReads(batch: ReadBatch, m: DesiredState["modules"][number]) {
  const parameters: Record<string, Promise<Read<bigint>>> = {};
  for (const name of Object.keys(m.entry.parameters))
    parameters[id(name)] = batch.call<bigint>(m.address, moduleInterface, "parameter", [id(name)]);
  return {
    name: m.name,
    address: m.address,
    owner: batch.call<string>(m.address, moduleInterface, "owner", []),
    pendingOwner: batch.call<string>(m.address, moduleInterface, "pendingOwner", []),
    pauser: batch.call<string>(m.address, moduleInterface, "pauser", []),
    paused: batch.call<boolean>(m.address, moduleInterface, "paused", []),
    parameterKeys: batch.call<string[]>(m.address, moduleInterface, "parameterKeys", [], (d) => [
      ...(d[0] as string[]),
    ]),
    parameters,
  };
}

/**
 * Round 3, only if a module reports keys its entry does not declare: reads their values too, then
 * settles every module's reads.
 */
async function readUndeclaredParameters(
  transport: RpcTransport,
  tag: string,
  modules: readonly PendingModule[],
): Promise<Record<string, ModuleSnapshot>> {
  const extra = new ReadBatch(transport, tag);
  const withKeys = await Promise.all(
    modules.map(async (m) => {
      const keys = await m.parameterKeys;
      const parameters = { ...m.parameters };
      if (keys.ok)
        for (const key of keys.value)
          parameters[key] ??= extra.call<bigint>(m.address, moduleInterface, "parameter", [key]);
      return { m, keys, parameters };
    }),
  );
  await extra.flush();
  const snapshots: Record<string, ModuleSnapshot> = {};
  for (const { m, keys, parameters } of withKeys)
    snapshots[m.name] = {
      address: m.address,
      ...(await settle({
        owner: m.owner,
        pendingOwner: m.pendingOwner,
        pauser: m.pauser,
        paused: m.paused,
      })),
      parameterKeys: keys,
      parameters: await settle(parameters),
    };
  return snapshots;
}

function queueSystemPauseReads(batch: ReadBatch, sp: string) {
  return {
    owner: batch.call<string>(sp, systemPauseInterface, "owner", []),
    pendingOwner: batch.call<string>(sp, systemPauseInterface, "pendingOwner", []),
    modules: batch.call(sp, systemPauseInterface, "modules", [], addresses),
    guardians: batch.call(sp, systemPauseInterface, "guardians", [], addresses),
  };
}

/**
 * The minimum delay, every role's holders rebuilt from RoleGranted/RoleRevoked up to the pinned
 * block, and hasRole for each holder the policy expects and each account it says must hold nothing.
 */
function queueTimelockReads(batch: ReadBatch, desired: DesiredState, tag: string) {
  const tl = desired.timelock;
  const minDelay = batch.call<bigint>(tl, timelockInterface, "getMinDelay", []);
  const holders = batch.raw(
    "eth_getLogs",
    [
      {
        address: tl,
        fromBlock: toHexBlock(desired.fromBlock),
        toBlock: tag,
        topics: [[ROLE_GRANTED_TOPIC, ROLE_REVOKED_TOPIC]],
      },
    ],
    (value) => {
      const events = (
        value as { topics: string[]; blockNumber: string; logIndex: string }[]
      ).flatMap((log) => decodeRoleLog(log) ?? []);
      const members = replayRoleEvents(events);
      const byName = {} as Record<TimelockRoleName, string[]>;
      for (const [name, role] of Object.entries(TIMELOCK_ROLES) as [TimelockRoleName, string][])
        byName[name] = members.get(role) ?? [];
      return byName;
    },
  );
  const expectedHolders = expectedRoleHolders(desired);
  const hasRole: Record<string, Promise<Read<boolean>>> = {};
  for (const name of Object.keys(TIMELOCK_ROLES) as TimelockRoleName[])
    for (const account of [...expectedHolders[name], ...accountsWithoutAuthority(desired)])
      hasRole[hasRoleKey(name, account)] ??= batch.call<boolean>(tl, timelockInterface, "hasRole", [
        TIMELOCK_ROLES[name],
        account,
      ]);
  return { minDelay, holders, hasRole };
}

function queueSafeReads(batch: ReadBatch, safe: string) {
  return {
    owners: batch.call(safe, safeGettersInterface, "getOwners", [], addresses),
    threshold: batch.call(safe, safeGettersInterface, "getThreshold", [], (d) => Number(d[0])),
  };
}
