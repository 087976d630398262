// The --safe-out output of owner:update-all: the Safe batches of a plan (the timelock pair for the
// owners' Safe; one file per Safe for its own settings), written by owner/safe-batches.ts.
import { timelockBatches } from "../pause.ts";
import { subjectKey } from "../plan.ts";
import type { SafeBatchRequest } from "../safe-batches.ts";
import type { Call } from "../safe/calls.ts";
import type { PreparedUpdate } from "../update.ts";

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
