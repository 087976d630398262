// `--json` of owner:update-all and owner:system-pause: one JSON document on stdout per run, built
// from the run's result (the same data the text output is printed from). Shapes in
// docs/owner-control.md ("Machine-readable output"); a run that could not check or act prints the
// doctor's `{ "error": { code, message, details } }` instead (tasks/owner-failure.ts).
import type { DriftRow } from "../diff.ts";
import type { PauseStatus } from "../pause.ts";
import { summaryLine } from "../pause.ts";
import type { SystemPauseResult } from "../system-pause.ts";
import type { UpdateAllResult } from "../update.ts";

/** JSON text of a result: bigints as decimal strings, two-space indent. */
export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);

const row = (r: DriftRow) => ({
  subject: r.subject,
  address: r.address,
  property: r.property,
  expected: r.expected,
  actual: r.actual,
  status: r.status,
  ...(r.fix === undefined ? {} : { fix: r.fix }),
});

export function updateAllJson(
  result: UpdateAllResult,
  mode: "dry-run" | "safe-out" | "execute",
): Record<string, unknown> {
  const { prepared } = result;
  const { plan, senders, snapshot } = prepared;
  return {
    task: "owner:update-all",
    network: prepared.desired.network,
    chainId: snapshot.chainId,
    blockNumber: snapshot.blockNumber,
    mode,
    exitCode: result.exitCode,
    governanceBreaks: prepared.governanceBreaks,
    steps: plan.steps.map((step, i) => ({
      ...row(step.row),
      call: step.call.description ?? null,
      to: step.call.to,
      value: step.call.value,
      data: step.call.data,
      sender: senders[i],
    })),
    manual: plan.manual.map(row),
    errors: plan.errors.map(row),
    skipped: plan.skipped.map(row),
    operation:
      prepared.operation === undefined
        ? null
        : {
            id: prepared.operation.op.id,
            state: prepared.operation.status.state,
            readyAt: prepared.operation.status.readyAt,
            delay: prepared.operation.op.delay,
            salt: prepared.operation.op.salt,
          },
    simulations: prepared.simulations,
    files: result.written ?? [],
    sent: result.sent ?? [],
    receipts: result.receipts ?? null,
    after:
      result.after === undefined
        ? null
        : {
            blockNumber: result.after.snapshot.blockNumber,
            steps: result.after.plan.steps.length,
          },
    rpc: prepared.rpc,
  };
}

const pauseState = (status: PauseStatus) => ({
  blockNumber: status.blockNumber,
  modules: status.modules,
  summary: summaryLine(status),
});

export function systemPauseJson(
  result: SystemPauseResult,
  mode: "dry-run" | "safe-out" | "execute",
  lines: readonly string[],
): Record<string, unknown> {
  const { before } = result;
  return {
    task: "owner:system-pause",
    network: before.network,
    chainId: before.chainId,
    action: result.action,
    mode,
    exitCode: 0,
    systemPause: before.systemPause,
    guardians: before.guardians,
    before: pauseState(before),
    after: result.after === undefined ? null : pauseState(result.after),
    operation:
      result.op === undefined
        ? null
        : {
            id: result.op.id,
            state: result.op.status.state,
            readyAt: result.op.status.readyAt,
            delay: result.op.delay,
            salt: result.op.salt,
          },
    files: result.written ?? [],
    // What the text output says (the dry run's route or who must sign, the files in signing order).
    text: lines.join("\n"),
    rpc: before.rpc,
  };
}
