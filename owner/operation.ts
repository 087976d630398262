// One timelock operation for a list of calls, named so that it is never confused with an operation
// that already ran: the salt rule of owner/safe/timelock.ts with the caller's label, and when an
// operation with that label is Done (the same calls were applied before and have since drifted back)
// the next label ("<label> #2", "#3", ...). Deterministic from the calls and the chain, so two runs
// of the same plan find the same operation and never schedule it twice.
import type { ContractRunner } from "ethers";

import type { Call } from "./safe/calls.ts";
import {
  buildTimelockOperation,
  readOperationState,
  type OperationStatus,
  type TimelockOperation,
} from "./safe/timelock.ts";

export type OperationStateReader = (id: string) => Promise<OperationStatus>;

export const operationStateReader =
  (runner: ContractRunner, timelock: string): OperationStateReader =>
  (id) =>
    readOperationState(runner, timelock, id);

export const labelFor = (base: string, n: number): string => (n === 1 ? base : `${base} #${n}`);

export async function planOperation(
  readState: OperationStateReader,
  input: { timelock: string; calls: readonly Call[]; delay: bigint; label: string },
  /** The first label number to try (a caller that already read #1 passes 2). */
  from = 1,
): Promise<{ op: TimelockOperation; status: OperationStatus }> {
  for (let n = from; ; n++) {
    const op = buildTimelockOperation({ ...input, label: labelFor(input.label, n) });
    const status = await readState(op.id);
    if (status.state !== "Done") return { op, status };
  }
}
