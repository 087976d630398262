// The simulation stage of owner:update-all: every planned call run with eth_call from its real
// sender at the pinned block, in one round trip, before anything is written or sent. Module calls
// run from the timelock (so a failure names its call), the scheduleBatch from the owners' Safe, the
// executeBatch from the owners' Safe with the operation made Ready by a state override (every call
// in order, as the timelock will run them after the delay: a call that only fails after an earlier
// one, or a Safe that is not an executor, shows here), and a Safe's own settings from the Safe, all
// of one Safe's calls as the one Safe transaction they are sent in (owner/safe/multisend.ts).
import { toQuantity } from "ethers";

import { timelockInterface } from "./chain/contracts.ts";
import { ReadBatch, toHexBlock } from "./chain/batch.ts";
import type { RpcTransport } from "./chain/transport.ts";
import { OwnerError } from "./errors.ts";
import { planOperation, type OperationStateReader } from "./operation.ts";
import type { Call } from "./safe/calls.ts";
import { safeCallsSimulation, simulationOutcome } from "./safe/multisend.ts";
import {
  buildTimelockOperation,
  decideStep,
  OPERATION_STATES,
  readyOperationOverride,
  roleMemberSlot,
  timestampSlot,
  type TimelockOperation,
} from "./safe/timelock.ts";
import { encodeCall } from "./safe/calls.ts";
import type { PreparedUpdate } from "./update.ts";

export interface Simulation {
  what: string;
  from: string;
  ok: boolean;
  error?: string;
  /** A check of the post-change governance (a no-op through the new roles), not a planned call. */
  governance?: true;
}

/** eth_call of `call` from `from` at batch `b`'s block, with an optional state override set. */
function simulateIn(
  b: ReadBatch,
  tag: string,
  what: string,
  from: string,
  call: Call,
  override?: object,
): Promise<Simulation> {
  const tx = { from, to: call.to, data: call.data, value: toQuantity(call.value) };
  return b
    .raw("eth_call", override === undefined ? [tx, tag] : [tx, tag, override], () => true)
    .then((r): Simulation =>
      r.ok ? { what, from, ok: true } : { what, from, ok: false, error: r.error },
    );
}

/** Reads an operation's state in `b`; a batch other than `shared` is sent at once (one more round trip). */
function operationStateIn(b: ReadBatch, shared: ReadBatch, timelock: string): OperationStateReader {
  return async (opId) => {
    const state = b.call<bigint>(timelock, timelockInterface, "getOperationState", [opId]);
    const readyAt = b.call<bigint>(timelock, timelockInterface, "getTimestamp", [opId]);
    if (b !== shared) await b.flush();
    const [s, t] = [await state, await readyAt];
    if (!s.ok || !t.ok)
      throw new OwnerError(
        "RPC_ERROR",
        `could not read the state of timelock operation ${opId}: ${!s.ok ? s.error : (t as { error: string }).error}`,
      );
    return { id: opId, state: OPERATION_STATES[Number(s.value)], readyAt: t.value };
  };
}

/**
 * Fills `prepared.operation` (the timelock operation of the calls the timelock sends, with its state
 * on chain) and `prepared.simulations`, in one round trip (one more per label when the same calls
 * were applied before and their operation is Done).
 */
export async function simulatePlan(
  prepared: PreparedUpdate,
  options: { transport: RpcTransport; label: string },
): Promise<void> {
  const { desired, snapshot, plan, senders } = prepared;
  const tag = toHexBlock(snapshot.blockNumber);
  const batch = new ReadBatch(options.transport, tag);
  const simulate = (what: string, from: string, call: Call, override?: object) =>
    simulateIn(batch, tag, what, from, call, override);
  const simulateNow = async (what: string, from: string, call: Call, override?: object) => {
    const own = new ReadBatch(options.transport, tag);
    const result = simulateIn(own, tag, what, from, call, override);
    await own.flush();
    return result;
  };
  const safe = desired.ownersSafe;
  const executeWhat = (op: TimelockOperation) =>
    `${safe.label} -> MandateTimelock.executeBatch: the ${op.calls.length} call(s) in order, as the timelock will run them (operation made Ready by a state override)`;

  const pending = queueSenderSimulations(prepared, batch, tag, simulate);
  const timelockCalls = plan.steps
    .filter((_, i) => senders[i].kind === "timelock")
    .map((s) => s.call);
  let first: { schedule: Promise<Simulation>; execute: Promise<Simulation> } | undefined;
  let governance: Promise<Simulation>[] = [];
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
      label: options.label,
    };
    // The first label's state rides in this batch; a Done operation (the same calls applied
    // before) costs one more round trip per label.
    const op = buildTimelockOperation(input);
    const state = operationStateIn(batch, batch, desired.timelock)(op.id);
    first = {
      schedule: simulate(
        `${safe.label} -> MandateTimelock.scheduleBatch`,
        safe.address,
        op.schedule,
      ),
      execute: simulate(
        executeWhat(op),
        safe.address,
        op.execute,
        readyOperationOverride(desired.timelock, op.id),
      ),
    };
    governance = postChangeGovernance(prepared, batch, tag, input.delay);
    await batch.flush();
    const status = await state;
    const later = new ReadBatch(options.transport, tag);
    prepared.operation =
      status.state !== "Done"
        ? { op, status }
        : await planOperation(operationStateIn(later, batch, desired.timelock), input, 2);
  } else await batch.flush();

  prepared.simulations = await Promise.all(pending);
  if (prepared.operation === undefined) return;
  await pushOperationSimulations(prepared, {
    first,
    simulateNow,
    executeWhat,
    label: options.label,
  });
  prepared.simulations.push(...(await Promise.all(governance)));
}

/**
 * The simulations of every call not sent through the timelock: a Safe's own calls as the one Safe
 * transaction they are sent in (each sees the previous one's effect: an owner rotation's prevOwner
 * and threshold depend on it), every other call on its own from its sender.
 */
function queueSenderSimulations(
  prepared: PreparedUpdate,
  batch: ReadBatch,
  tag: string,
  simulate: (what: string, from: string, call: Call) => Promise<Simulation>,
): Promise<Simulation>[] {
  const { plan, senders } = prepared;
  const pending = plan.steps.flatMap((step, i) =>
    senders[i].kind === "safe"
      ? []
      : [simulate(step.call.description ?? step.row.property, senders[i].address, step.call)],
  );
  const bySafe = new Map<string, Call[]>();
  plan.steps.forEach((step, i) => {
    if (senders[i].kind === "safe")
      bySafe.set(senders[i].address, [...(bySafe.get(senders[i].address) ?? []), step.call]);
  });
  for (const [address, calls] of bySafe) {
    const { params, viaSimulateAndRevert } = safeCallsSimulation(address, calls, tag);
    const what = `${calls.map((c) => c.description).join("; ")} (one Safe transaction)`;
    pending.push(
      batch
        .result("eth_call", params)
        .then((r) => ({ what, from: address, ...simulationOutcome(viaSimulateAndRevert, r) })),
    );
  }
  return pending;
}

/** The schedule and execute simulations of the plan's timelock operation (another label's: one more round trip). */
async function pushOperationSimulations(
  prepared: PreparedUpdate,
  context: {
    first: { schedule: Promise<Simulation>; execute: Promise<Simulation> } | undefined;
    simulateNow: (what: string, from: string, call: Call, override?: object) => Promise<Simulation>;
    executeWhat: (op: TimelockOperation) => string;
    label: string;
  },
): Promise<void> {
  const { desired } = prepared;
  const { first, simulateNow, executeWhat } = context;
  const safe = desired.ownersSafe;
  const { op, status } = prepared.operation!;
  const firstLabel = op.label === context.label;
  if (decideStep("schedule", status).send)
    prepared.simulations.push(
      firstLabel
        ? await first!.schedule
        : await simulateNow(`${safe.label} -> scheduleBatch`, safe.address, op.schedule),
    );
  if (status.state !== "Done")
    prepared.simulations.push(
      firstLabel
        ? await first!.execute
        : await simulateNow(
            executeWhat(op),
            safe.address,
            op.execute,
            readyOperationOverride(desired.timelock, op.id),
          ),
    );
}

/** The label of the no-op that proves the post-change governance (never scheduled for real). */
export const LOCKOUT_CHECK_LABEL = "owner:update-all post-change governance check";

/**
 * When the plan grants or revokes timelock roles: the owners' Safe schedules, executes and cancels a
 * no-op (the timelock reading its own delay) with the roles as they will be after the change, set
 * by a state override of the timelock's role storage (the execute and cancel with the no-op made
 * Ready). A plan that takes a role from the owners' Safe fails here, on the real contract.
 */
function postChangeGovernance(
  prepared: PreparedUpdate,
  b: ReadBatch,
  tag: string,
  delay: bigint,
): Promise<Simulation>[] {
  const { desired, plan } = prepared;
  const stateDiff: Record<string, string> = {};
  for (const { row } of plan.steps) {
    const call = row.call;
    if (call?.contract !== "MandateTimelock") continue;
    if (call.function !== "grantRole" && call.function !== "revokeRole") continue;
    stateDiff[roleMemberSlot(call.args[0], call.args[1])] =
      `0x${(call.function === "grantRole" ? 1 : 0).toString(16).padStart(64, "0")}`;
  }
  if (Object.keys(stateDiff).length === 0) return [];
  const noop = buildTimelockOperation({
    timelock: desired.timelock,
    calls: [
      encodeCall(timelockInterface, desired.timelock, "getMinDelay", [], {
        description: "MandateTimelock.getMinDelay() (a no-op)",
      }),
    ],
    delay,
    label: LOCKOUT_CHECK_LABEL,
  });
  const roles = { [desired.timelock]: { stateDiff } };
  const ready = {
    [desired.timelock]: {
      stateDiff: { ...stateDiff, [timestampSlot(noop.id)]: `0x${"2".padStart(64, "0")}` },
    },
  };
  const cancel = encodeCall(timelockInterface, desired.timelock, "cancel", [noop.id]);
  const safe = desired.ownersSafe;
  const check = (verb: string, call: typeof cancel, override: object) =>
    simulateIn(
      b,
      tag,
      `post-change governance: ${safe.label} ${verb} a no-op through the new roles`,
      safe.address,
      call,
      override,
    ).then((r): Simulation => ({ ...r, governance: true }));
  return [
    check("schedules", noop.schedule, roles),
    check("executes", noop.execute, ready),
    check("cancels", cancel, ready),
  ];
}

/**
 * Fails (nothing sent) when a simulation failed, naming every call that would revert. The
 * post-change governance checks fail by design when --allow-governance-change accepted the change.
 */
export function assertSimulationsPass(prepared: PreparedUpdate): void {
  const failed = prepared.simulations.filter(
    (s) => !s.ok && !(s.governance === true && prepared.governanceBreaks.length > 0),
  );
  if (failed.length > 0)
    throw new OwnerError(
      "SIMULATION_FAILED",
      `${failed.length} of ${prepared.simulations.length} call(s) revert when simulated from their real sender at block ${prepared.snapshot.blockNumber}; nothing was sent or written`,
      failed.map((s) => `${s.what} from ${s.from}: ${s.error}`),
    );
}
