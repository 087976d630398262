// A planned change to timelock-owned contracts as one OpenZeppelin TimelockController operation:
// the `scheduleBatch` call and the `executeBatch` call of the same operation, its id as the
// timelock computes it, and its state read from chain so nothing is proposed twice.
import {
  AbiCoder,
  Contract,
  getAddress,
  keccak256,
  toBeHex,
  ZeroHash,
  type ContractRunner,
} from "ethers";

import { timelockInterface } from "../chain/contracts.ts";
import { encodeCall, encodeCallList, type Call } from "./calls.ts";

/** `TimelockController.OperationState`, in enum order. */
export const OPERATION_STATES = ["Unset", "Waiting", "Ready", "Done"] as const;
export type OperationState = (typeof OPERATION_STATES)[number];

/** Versions the salt rule: a new rule gets a new tag, so old and new salts never collide. */
export const SALT_DOMAIN = "mandate.owner.timelock-salt.v1";

export interface TimelockOperation {
  timelock: string;
  /** The calls the timelock makes, in order. */
  calls: readonly Call[];
  targets: string[];
  values: bigint[];
  payloads: string[];
  predecessor: string;
  salt: string;
  /** The delay written into `scheduleBatch`; not part of the id. */
  delay: bigint;
  /** `hashOperationBatch(targets, values, payloads, predecessor, salt)`. */
  id: string;
  label: string;
  /** The Safe's call to `timelock.scheduleBatch(...)`. */
  schedule: Call;
  /** The Safe's call to `timelock.executeBatch(...)`, valid once the operation is Ready. */
  execute: Call;
}

/**
 * The salt of a plan: keccak256(abi.encode(SALT_DOMAIN, label, (address to, uint256 value,
 * bytes data)[] calls)). It is a function of what the operation does and of the caller's label
 * only (no clock, no randomness, not the delay), so writing the files twice for the same plan gives
 * the same operation id, and a plan that was already proposed is recognised on chain. The label
 * lets the same calls be proposed again on purpose (e.g. "2027-03 re-raise").
 */
export function deriveSalt(calls: readonly Pick<Call, "to" | "value" | "data">[], label: string) {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["string", "string", "bytes"],
      [SALT_DOMAIN, label, encodeCallList(calls)],
    ),
  );
}

/** The operation id exactly as `TimelockController.hashOperationBatch` computes it. */
export function hashOperationBatch(
  targets: readonly string[],
  values: readonly bigint[],
  payloads: readonly string[],
  predecessor: string,
  salt: string,
): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(
      ["address[]", "uint256[]", "bytes[]", "bytes32", "bytes32"],
      [targets, values, payloads, predecessor, salt],
    ),
  );
}

/**
 * Builds both halves of one timelock operation from the same arrays, so the `executeBatch` file
 * always names the operation the `scheduleBatch` file created (same targets, values, payloads,
 * predecessor and salt, hence the same id).
 */
export function buildTimelockOperation(input: {
  timelock: string;
  calls: readonly Call[];
  /** Read it with `readMinDelay` (the timelock refuses less). */
  delay: bigint;
  /** Distinguishes deliberate repeats of the same calls; part of the salt. */
  label: string;
  /** Operation that must be Done first; default none. */
  predecessor?: string;
}): TimelockOperation {
  if (input.calls.length === 0) throw new Error("a timelock operation needs at least one call");
  const timelock = getAddress(input.timelock);
  const targets = input.calls.map((c) => getAddress(c.to));
  const values = input.calls.map((c) => c.value);
  const payloads = input.calls.map((c) => c.data);
  const predecessor = input.predecessor ?? ZeroHash;
  const salt = deriveSalt(input.calls, input.label);
  const id = hashOperationBatch(targets, values, payloads, predecessor, salt);
  const total = values.reduce((a, b) => a + b, 0n);
  const what = input.calls.map((c) => c.description ?? c.contractMethod?.name ?? "call").join("; ");
  return {
    timelock,
    calls: input.calls,
    targets,
    values,
    payloads,
    predecessor,
    salt,
    delay: input.delay,
    id,
    label: input.label,
    schedule: encodeCall(
      timelockInterface,
      timelock,
      "scheduleBatch",
      [targets, values, payloads, predecessor, salt, input.delay],
      { description: `Schedule timelock operation ${id} (${input.label}): ${what}` },
    ),
    execute: encodeCall(
      timelockInterface,
      timelock,
      "executeBatch",
      [targets, values, payloads, predecessor, salt],
      { value: total, description: `Execute timelock operation ${id} (${input.label}): ${what}` },
    ),
  };
}

/**
 * Storage slot of TimelockController's `_timestamps` mapping (OpenZeppelin 5.x: right after
 * AccessControl's `_roles`). The chain tests check it against `getTimestamp` on a real timelock.
 */
export const TIMELOCK_TIMESTAMPS_SLOT = 1n;

/** Where the timelock stores operation `id`'s ready time. */
export function timestampSlot(id: string): string {
  return keccak256(
    AbiCoder.defaultAbiCoder().encode(["bytes32", "uint256"], [id, TIMELOCK_TIMESTAMPS_SLOT]),
  );
}

/** Storage slot of AccessControl's `_roles` mapping (OpenZeppelin 5.x: the timelock's first variable). */
export const TIMELOCK_ROLES_SLOT = 0n;

/** Where the timelock stores whether `account` holds `role` (`_roles[role].hasRole[account]`). */
export function roleMemberSlot(role: string, account: string): string {
  const coder = AbiCoder.defaultAbiCoder();
  const roleData = keccak256(coder.encode(["bytes32", "uint256"], [role, TIMELOCK_ROLES_SLOT]));
  return keccak256(coder.encode(["address", "bytes32"], [account, roleData]));
}

/**
 * An `eth_call` state override (geth's "state override set", third parameter) that makes operation
 * `id` Ready: its timestamp becomes 2, past the Done marker (1) and before any block's time. With it
 * the `executeBatch` the owners' Safe will send is simulated now, all calls in order, exactly as the
 * timelock will run them after the delay (executor role, predecessor, and each call's effect on the
 * next included).
 */
export function readyOperationOverride(
  timelock: string,
  id: string,
): Record<string, { stateDiff: Record<string, string> }> {
  return { [getAddress(timelock)]: { stateDiff: { [timestampSlot(id)]: toBeHex(2, 32) } } };
}

export interface OperationStatus {
  id: string;
  state: OperationState;
  /** When it becomes (or became) Ready; 0 when Unset, 1 when Done (the timelock's convention). */
  readyAt: bigint;
}

export async function readOperationState(
  runner: ContractRunner,
  timelock: string,
  id: string,
): Promise<OperationStatus> {
  const contract = new Contract(timelock, timelockInterface, runner);
  const [state, readyAt]: [bigint, bigint] = await Promise.all([
    contract.getOperationState(id),
    contract.getTimestamp(id),
  ]);
  const name = OPERATION_STATES[Number(state)];
  if (name === undefined) throw new Error(`timelock ${timelock}: unknown operation state ${state}`);
  return { id, state: name, readyAt };
}

export async function readMinDelay(runner: ContractRunner, timelock: string): Promise<bigint> {
  return new Contract(timelock, timelockInterface, runner).getMinDelay();
}

export type Step = "schedule" | "execute";

export interface StepDecision {
  /** Send it (write/sign the file) or not. */
  send: boolean;
  /** What to tell the user. */
  message: string;
}

/**
 * Whether a step may be proposed given the operation's state: scheduling only from Unset,
 * executing only from Ready. Everything else is reported, not sent (the timelock would revert).
 */
export function decideStep(step: Step, status: OperationStatus, now?: bigint): StepDecision {
  const { id, state, readyAt } = status;
  if (step === "schedule") {
    switch (state) {
      case "Unset":
        return { send: true, message: `operation ${id} is not scheduled yet` };
      case "Waiting":
      case "Ready":
        return {
          send: false,
          message: `operation ${id} is already scheduled (${state}, ready at ${readyAt}${now !== undefined ? `, now ${now}` : ""}): nothing to send`,
        };
      case "Done":
        return { send: false, message: `operation ${id} was already executed: nothing to send` };
    }
  }
  switch (state) {
    case "Ready":
      return { send: true, message: `operation ${id} is ready to execute` };
    case "Unset":
      return { send: false, message: `operation ${id} is not scheduled: schedule it first` };
    case "Waiting":
      return {
        send: false,
        message: `operation ${id} is scheduled but not ready until ${readyAt}${now !== undefined ? ` (now ${now})` : ""}`,
      };
    case "Done":
      return { send: false, message: `operation ${id} was already executed: nothing to send` };
  }
}
