// The diff: desired state (manifest + deployment record) against a chain snapshot, as plain rows.
// Pure. Each row says ok / drift / error, what to do in words, and, where one call restores it, that
// call (target, function, arguments, and who must send it), which the write side will encode.
// One part per subject: diff/code.ts (runtime code against the record's hashes), diff/modules.ts, diff/governance.ts (SystemPause, timelock, treasury),
// diff/safes.ts (Safes, and the accounts the policy says must hold nothing).
import type { ChainSnapshot } from "./chain/reader.ts";
import { codeRows } from "./diff/code.ts";
import { diffContext, type DriftRow, type RowStatus } from "./diff/context.ts";
import { systemPauseRows, timelockRows, treasuryRow } from "./diff/governance.ts";
import { moduleRows } from "./diff/modules.ts";
import { safeRows, withoutAuthorityRows } from "./diff/safes.ts";
import type { DesiredState } from "./desired-state.ts";
import { accountsWithoutAuthority } from "./policy.ts";

export type { DriftRow, PlannedCall, RowStatus } from "./diff/context.ts";

export function diffSystem(desired: DesiredState, snapshot: ChainSnapshot): DriftRow[] {
  const ctx = diffContext(desired, snapshot);
  codeRows(ctx);
  moduleRows(ctx);
  systemPauseRows(ctx);
  timelockRows(ctx);
  for (const safe of [desired.ownersSafe, ...desired.guardians])
    safeRows(ctx.rows, safe, snapshot, ctx.nameOf);
  for (const account of accountsWithoutAuthority(desired))
    withoutAuthorityRows(ctx.rows, desired, snapshot, account);
  treasuryRow(ctx);
  return ctx.rows;
}

export interface DoctorSummary {
  ok: number;
  drift: number;
  error: number;
  /** 0 all holds, 1 drift, 2 something could not be checked. */
  exitCode: 0 | 1 | 2;
}

export function summarise(rows: readonly DriftRow[]): DoctorSummary {
  const count = (status: RowStatus) => rows.filter((r) => r.status === status).length;
  const summary = { ok: count("ok"), drift: count("drift"), error: count("error") };
  return { ...summary, exitCode: summary.error > 0 ? 2 : summary.drift > 0 ? 1 : 0 };
}
