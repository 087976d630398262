// The plan stage of owner:update-all (pure): the drift rows' calls, filtered by --only/--skip, each
// encoded as calldata with the ABI the Transaction Builder shows.
import { id, type Interface } from "ethers";

import { safeInterface } from "../deploy/safe.ts";
import {
  moduleInterface,
  systemPauseInterface,
  timelockInterface,
  TIMELOCK_ROLES,
} from "./chain/contracts.ts";
import type { DriftRow, PlannedCall } from "./diff.ts";
import { OwnerError } from "./errors.ts";
import { encodeCall, type Call } from "./safe/calls.ts";

export interface PlanStep {
  row: DriftRow;
  call: Call;
  /** The planned call this step encodes (the row's `call`, or one of its `calls`). */
  planned: PlannedCall;
}

export interface UpdatePlan {
  /** Drift rows' calls, in diff order (modules, SystemPause, timelock, Safes); a row with several calls gives several steps. */
  steps: PlanStep[];
  /** Drift no single call restores (ownership left the timelock, a paused module, Safe owners): told, not planned. */
  manual: DriftRow[];
  /** Rows that could not be read: nothing is planned while any exists. */
  errors: DriftRow[];
  /** Drift left out by --only / --skip. */
  skipped: DriftRow[];
}

/** The names --only and --skip accept: a row's subject without spaces ("StakeManager", "OwnersSafe"). */
export const subjectKey = (subject: string): string => subject.replace(/\s+/g, "").toLowerCase();

export interface SubjectFilter {
  only?: readonly string[];
  skip?: readonly string[];
}

/** Checks --only / --skip against the subjects of the diff; BAD_ARGUMENT names the valid ones. */
export function checkSubjectFilter(filter: SubjectFilter, rows: readonly DriftRow[]): void {
  const known = [...new Set(rows.map((r) => r.subject))];
  const keys = new Set(known.map(subjectKey));
  const unknown = [...(filter.only ?? []), ...(filter.skip ?? [])].filter(
    (n) => !keys.has(subjectKey(n)),
  );
  if (unknown.length > 0)
    throw new OwnerError(
      "BAD_ARGUMENT",
      `--only/--skip name ${unknown.map((n) => JSON.stringify(n)).join(", ")}, which the manifest does not know; nothing was sent. Known: ${known.map((s) => s.replace(/\s+/g, "")).join(", ")}`,
    );
}

const INTERFACES: Record<string, Interface> = {
  SystemPause: systemPauseInterface,
  MandateTimelock: timelockInterface,
  Safe: safeInterface,
};

/** A row's call as calldata, with the ABI the Transaction Builder shows. Module calls use the IMandateModule ABI. */
export function encodePlannedCall(planned: PlannedCall, description?: string): Call {
  const iface = INTERFACES[planned.contract] ?? moduleInterface;
  return encodeCall(iface, planned.target, planned.function, planned.args, {
    description: description ?? describePlannedCall(planned),
  });
}

/** The interface a planned call is encoded with (for decoding it back). */
export const plannedCallInterface = (planned: Pick<PlannedCall, "contract">): Interface =>
  INTERFACES[planned.contract] ?? moduleInterface;

const KNOWN_HASHES = new Map<string, string>(
  Object.entries(TIMELOCK_ROLES).map(([name, hash]) => [hash, name]),
);

/** `StakeManager.setParameter(UNBONDING_PERIOD, 1209600)`: bytes32 keys and roles by name. */
export function describePlannedCall(planned: PlannedCall, parameterNames: string[] = []): string {
  const names = new Map(KNOWN_HASHES);
  for (const name of parameterNames) names.set(id(name), name);
  const args = planned.args.map((a) => names.get(a) ?? a);
  return `${planned.contract}.${planned.function}(${args.join(", ")})`;
}

/** Pure: the drift rows' calls, filtered by --only/--skip, in the diff's order. */
export function planUpdate(rows: readonly DriftRow[], filter: SubjectFilter = {}): UpdatePlan {
  const only = filter.only?.map(subjectKey);
  const skip = filter.skip?.map(subjectKey) ?? [];
  const selected = (r: DriftRow) =>
    (only === undefined || only.includes(subjectKey(r.subject))) &&
    !skip.includes(subjectKey(r.subject));
  const plan: UpdatePlan = { steps: [], manual: [], errors: [], skipped: [] };
  for (const row of rows) {
    if (row.status === "ok") continue;
    if (row.status === "error") plan.errors.push(row);
    else if (!selected(row)) plan.skipped.push(row);
    else if (row.restoredBy !== undefined)
      continue; // planned with that row
    else if (row.call === undefined && row.calls === undefined) plan.manual.push(row);
    else {
      const name = /^parameter (\w+)$/.exec(row.property)?.[1];
      for (const planned of row.calls ?? [row.call!])
        plan.steps.push({
          row,
          planned,
          call: encodePlannedCall(
            planned,
            describePlannedCall(planned, name === undefined ? [] : [name]),
          ),
        });
    }
  }
  return plan;
}
