// The contract surface tooling reads and calls, in one place: Mandate's modules and SystemPause (and
// Safe's getters) as human-readable ABI fragments held to the compiled contracts by
// test/tooling/abi-fragments.test.ts, the timelock's ABI straight from OpenZeppelin's compiled
// TimelockController, and the timelock's roles. Shared by deployment verification and owner control.
import { createRequire } from "node:module";

import { getAddress, id, Interface, ZeroHash, type InterfaceAbi } from "ethers";

const OWNABLE_2STEP = [
  "function owner() view returns (address)",
  "function pendingOwner() view returns (address)",
  "function transferOwnership(address newOwner)",
  "function acceptOwnership()",
];

/** IMandateModule (every module) with Ownable2Step. */
export const MODULE_ABI = [
  ...OWNABLE_2STEP,
  "function pauser() view returns (address)",
  "function paused() view returns (bool)",
  "function parameterKeys() view returns (bytes32[])",
  "function parameter(bytes32 key) view returns (uint256)",
  "function parameterBounds(bytes32 key) view returns (uint256 min, uint256 max)",
  "function setParameter(bytes32 key, uint256 value)",
  "function setPauser(address newPauser)",
];

/** ISystemPause with Ownable2Step. */
export const SYSTEM_PAUSE_ABI = [
  ...OWNABLE_2STEP,
  "function modules() view returns (address[])",
  "function guardians() view returns (address[])",
  "function isGuardian(address account) view returns (bool)",
  "function pausedStates() view returns (address[] modules, uint8[] states)",
  "function pauseAll() returns (uint256)",
  "function unpauseAll() returns (uint256)",
  "function addModule(address module)",
  "function removeModule(address module)",
  "function addGuardian(address guardian)",
  "function removeGuardian(address guardian)",
];

/**
 * MandateTimelock: OpenZeppelin's TimelockController ABI from the artifact @openzeppelin/contracts
 * ships (the same version the contracts compile against), so no fragment is written by hand.
 */
export const TIMELOCK_ABI: InterfaceAbi = createRequire(import.meta.url)(
  "@openzeppelin/contracts/build/contracts/TimelockController.json",
).abi;

/** The Safe getters tooling needs (Safe 1.4.1). */
export const SAFE_ABI = [
  "function getOwners() view returns (address[])",
  "function getThreshold() view returns (uint256)",
  "function nonce() view returns (uint256)",
];

export const moduleInterface = new Interface(MODULE_ABI);
export const systemPauseInterface = new Interface(SYSTEM_PAUSE_ABI);
export const timelockInterface = new Interface(TIMELOCK_ABI);
export const safeGettersInterface = new Interface(SAFE_ABI);

export const TIMELOCK_ROLES = {
  DEFAULT_ADMIN_ROLE: ZeroHash,
  PROPOSER_ROLE: id("PROPOSER_ROLE"),
  EXECUTOR_ROLE: id("EXECUTOR_ROLE"),
  CANCELLER_ROLE: id("CANCELLER_ROLE"),
} as const;

export type TimelockRoleName = keyof typeof TIMELOCK_ROLES;

export const ROLE_GRANTED_TOPIC = timelockInterface.getEvent("RoleGranted")!.topicHash;
export const ROLE_REVOKED_TOPIC = timelockInterface.getEvent("RoleRevoked")!.topicHash;

/** One RoleGranted or RoleRevoked event, in chain order. */
export interface RoleEvent {
  granted: boolean;
  role: string;
  account: string;
  blockNumber: number;
  logIndex: number;
}

/**
 * Role holders rebuilt from RoleGranted/RoleRevoked events (TimelockController does not enumerate
 * its members): role -> checksummed holders, in the order they were first granted.
 */
export function replayRoleEvents(events: readonly RoleEvent[]): Map<string, string[]> {
  const ordered = [...events].sort(
    (a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex,
  );
  const members = new Map<string, Set<string>>();
  for (const event of ordered) {
    const set = members.get(event.role) ?? new Set<string>();
    if (event.granted) set.add(getAddress(event.account));
    else set.delete(getAddress(event.account));
    members.set(event.role, set);
  }
  return new Map([...members].map(([role, set]) => [role, [...set]]));
}

/** Decodes a raw log of the timelock into a RoleEvent, or undefined if it is another event. */
export function decodeRoleLog(log: {
  topics: readonly string[];
  blockNumber: number | string;
  logIndex?: number | string;
  index?: number;
}): RoleEvent | undefined {
  const topic = log.topics[0];
  if (topic !== ROLE_GRANTED_TOPIC && topic !== ROLE_REVOKED_TOPIC) return undefined;
  return {
    granted: topic === ROLE_GRANTED_TOPIC,
    role: log.topics[1],
    account: getAddress(`0x${log.topics[2].slice(26)}`),
    blockNumber: Number(log.blockNumber),
    logIndex: Number(log.logIndex ?? log.index ?? 0),
  };
}
