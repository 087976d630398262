// Reads everything owner:doctor compares, pinned to one block and batched: a command costs three
// round trips at most (chain id and block; every read; parameters the chain has but the manifest does
// not name), however many modules, parameters, guardians or role holders there are.
import { getAddress, id } from "ethers";

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
} from "../../lib/contracts.ts";
import { OwnerError } from "../errors.ts";
import type { DesiredState } from "../manifest.ts";
import { accountsWithoutAuthority, expectedRoleHolders, hasRoleKey } from "../policy.ts";
import { ReadBatch, readOk, toHexBlock, type Read } from "./batch.ts";
import type { RpcStats, RpcTransport } from "./transport.ts";

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
  rpc: RpcStats & { transport: string };
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
): Promise<ChainSnapshot> {
  const pinned = await pinBlock(
    transport,
    { chainId: desired.chainId, what: desired.manifestFile },
    desired.needsLocalAccounts,
  );
  const tag = toHexBlock(pinned.blockNumber);

  // Round 2: every read whose arguments are known before reading.
  const batch = new ReadBatch(transport, tag);
  const code = desired.code.map((c) => ({ ...c, code: batch.hasCode(c.address) }));

  const modules = desired.modules.map((m) => {
    const parameters: Record<string, Promise<Read<bigint>>> = {};
    for (const name of Object.keys(m.entry.parameters))
      parameters[id(name)] = batch.call<bigint>(m.address, moduleInterface, "parameter", [
        id(name),
      ]);
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
  });

  const sp = desired.systemPause;
  const systemPause = {
    owner: batch.call<string>(sp, systemPauseInterface, "owner", []),
    pendingOwner: batch.call<string>(sp, systemPauseInterface, "pendingOwner", []),
    modules: batch.call(sp, systemPauseInterface, "modules", [], addresses),
    guardians: batch.call(sp, systemPauseInterface, "guardians", [], addresses),
  };

  const tl = desired.timelock;
  const minDelay = batch.call<bigint>(tl, timelockInterface, "getMinDelay", []);
  const logs = batch.raw(
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
      const holders = {} as Record<TimelockRoleName, string[]>;
      for (const [name, role] of Object.entries(TIMELOCK_ROLES) as [TimelockRoleName, string][])
        holders[name] = members.get(role) ?? [];
      return holders;
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

  const safes: Record<
    string,
    { owners: Promise<Read<string[]>>; threshold: Promise<Read<number>> }
  > = {};
  for (const safe of [desired.ownersSafe, ...desired.guardians]) {
    safes[safe.address] = {
      owners: batch.call(safe.address, safeGettersInterface, "getOwners", [], addresses),
      threshold: batch.call(safe.address, safeGettersInterface, "getThreshold", [], (d) =>
        Number(d[0]),
      ),
    };
  }
  await batch.flush();

  assertCode(
    await Promise.all(code.map(async (c) => ({ ...c, code: await c.code }))),
    pinned.blockNumber,
  );

  // Round 3, only if a module reports keys its entry does not declare: read their values too.
  const extra = new ReadBatch(transport, tag);
  const moduleSnapshots: Record<string, ModuleSnapshot> = {};
  for (const m of modules) {
    const keys = await m.parameterKeys;
    const parameters: Record<string, Promise<Read<bigint>>> = { ...m.parameters };
    if (keys.ok)
      for (const key of keys.value)
        if (parameters[key] === undefined)
          parameters[key] = extra.call<bigint>(m.address, moduleInterface, "parameter", [key]);
    moduleSnapshots[m.name] = {
      address: m.address,
      owner: await m.owner,
      pendingOwner: await m.pendingOwner,
      pauser: await m.pauser,
      paused: await m.paused,
      parameterKeys: keys,
      parameters: parameters as never,
    };
  }
  await extra.flush();
  for (const snapshot of Object.values(moduleSnapshots))
    snapshot.parameters = Object.fromEntries(
      await Promise.all(
        Object.entries(snapshot.parameters as unknown as Record<string, Promise<Read<bigint>>>).map(
          async ([k, v]) => [k, await v] as const,
        ),
      ),
    );

  return {
    chainId: pinned.chainId,
    blockNumber: pinned.blockNumber,
    localAccounts: pinned.localAccounts,
    modules: moduleSnapshots,
    systemPause: {
      address: sp,
      owner: await systemPause.owner,
      pendingOwner: await systemPause.pendingOwner,
      modules: await systemPause.modules,
      guardians: await systemPause.guardians,
    },
    timelock: {
      address: tl,
      minDelay: await minDelay,
      holders: await logs,
      hasRole: Object.fromEntries(
        await Promise.all(Object.entries(hasRole).map(async ([k, v]) => [k, await v] as const)),
      ),
    },
    safes: Object.fromEntries(
      await Promise.all(
        Object.entries(safes).map(
          async ([address, s]) =>
            [address, { address, owners: await s.owners, threshold: await s.threshold }] as const,
        ),
      ),
    ),
    rpc: { ...transport.stats, transport: transport.describe },
  };
}
