// The dry-run output of owner:update-all: the plan as a terminal table, the timelock operation and
// every simulation, and what the reads cost.

import { formatDuration } from "../../deploy/manifest/units.ts";
import { describeSender } from "../route.ts";
import { formatTable } from "./table.ts";
import type { PreparedUpdate } from "../update.ts";

export function formatUpdatePlan(
  prepared: PreparedUpdate,
  options: { color?: boolean; width?: number } = {},
): string {
  const { plan, desired, snapshot } = prepared;
  const lines = [
    `owner:update-all ${desired.network} (chain ${snapshot.chainId}) at block ${snapshot.blockNumber}: ${plan.steps.length} call(s) planned, ${plan.manual.length} drift item(s) need another route, ${plan.errors.length} unreadable, ${plan.skipped.length} skipped`,
  ];
  const drift = [
    ...new Set(plan.steps.map((s) => s.row)),
    ...plan.manual,
    ...plan.skipped,
    ...plan.errors,
  ];
  if (drift.length > 0) {
    const cells = drift.map((row) => {
      const planned = plan.steps.flatMap((s, i) => (s.row === row ? [i] : []));
      const how =
        planned.length > 0
          ? planned
              .map(
                (i) =>
                  `${plan.steps[i].call.description} from ${describeSender(prepared.senders[i])}`,
              )
              .join("\n")
          : plan.skipped.includes(row)
            ? `skipped (--only/--skip): ${row.fix ?? ""}`
            : row.status === "error"
              ? `cannot check: ${row.fix ?? ""}`
              : `not by update-all: ${row.fix ?? ""}`;
      return [
        row.subject,
        row.property.replace(/^parameter /, ""),
        row.actual.replaceAll(", ", ",\n"),
        row.expected.replaceAll(", ", ",\n"),
        how,
      ];
    });
    lines.push(
      formatTable(
        ["module", "parameter", "on chain", "manifest", "call that fixes it"],
        cells,
        options,
      ),
    );
  } else lines.push("No drift: the chain matches the manifest. Nothing to send.");
  if (prepared.operation !== undefined) {
    const { op, status } = prepared.operation;
    lines.push(
      `Timelock operation ${op.id} (label "${op.label}", salt ${op.salt}, delay ${formatDuration(op.delay)}): ${status.state}${status.state === "Waiting" ? `, ready at ${status.readyAt}` : ""}`,
    );
  }
  for (const s of prepared.simulations)
    lines.push(
      `  simulated ${s.ok ? "ok    " : "REVERTS"} ${s.what} (from ${s.from})${s.ok ? "" : `: ${s.error}`}`,
    );
  lines.push(
    `RPC: ${prepared.rpc.requests} requests in ${prepared.rpc.roundTrips} round trips (${prepared.rpc.transport}).`,
  );
  return lines.join("\n");
}
