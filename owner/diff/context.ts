// The diff's shared parts: the row it produces, the call that restores a property, and the context
// every part of the diff writes into (names for addresses, and the two comparisons it is made of).
import { ZeroAddress } from "ethers";

import type { Read } from "../chain/batch.ts";
import type { ChainSnapshot } from "../chain/reader.ts";
import type { DesiredState } from "../desired-state.ts";

export type RowStatus = "ok" | "drift" | "error";

/** One call that restores a property. `via`: who sends it. */
export interface PlannedCall {
  /** `timelock`: scheduled and executed through the timelock by the owners' Safe; `safe`: sent by the Safe itself (its owners sign). */
  via: "timelock" | "safe";
  target: string;
  contract: string;
  function: string;
  /** ABI arguments; integers as decimal strings. */
  args: string[];
}

/** One property of the system: what the desired state wants, what the chain holds, and how to restore it. */
export interface DriftRow {
  /** "StakeManager", "SystemPause", "MandateTimelock", "Owners Safe", "Guardian 0", "Treasury". */
  subject: string;
  address: string;
  /** "owner", "parameter UNBONDING_PERIOD", "PROPOSER_ROLE holders". */
  property: string;
  expected: string;
  actual: string;
  status: RowStatus;
  /** What to do, in words; absent when ok. */
  fix?: string;
  call?: PlannedCall;
  /** Several calls that restore the row together, in order (a Safe's owner rotation); never with `call`. */
  calls?: PlannedCall[];
  /** Restored by the calls of another row of the same subject (a threshold by its Safe's rotation). */
  restoredBy?: string;
}

export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export type RowBase = { subject: string; address: string; property: string };

export type Compare = <T>(
  base: RowBase,
  read: Read<T>,
  expected: string,
  show: (value: T) => string,
  holds: (value: T) => boolean,
  fix: string,
  call?: PlannedCall,
) => void;

export interface DiffContext {
  desired: DesiredState;
  snapshot: ChainSnapshot;
  rows: DriftRow[];
  /** A known address by name ("MandateTimelock", "Guardian 0"), others as they are. */
  nameOf(address: string): string;
  list(addresses: readonly string[]): string;
  /** Adds a row comparing a read against an expectation. */
  compare: Compare;
  viaTimelock(target: string, contract: string, fn: string, args: string[]): PlannedCall;
}

export function diffContext(desired: DesiredState, snapshot: ChainSnapshot): DiffContext {
  const rows: DriftRow[] = [];
  const names = new Map<string, string>();
  const nameOf = (address: string) =>
    address === ZeroAddress ? "none (zero address)" : (names.get(address.toLowerCase()) ?? address);
  names.set(desired.timelock.toLowerCase(), "MandateTimelock");
  names.set(desired.systemPause.toLowerCase(), "SystemPause");
  for (const m of desired.modules) names.set(m.address.toLowerCase(), m.name);
  for (const s of [desired.ownersSafe, ...desired.guardians])
    names.set(s.address.toLowerCase(), s.label);
  const list = (xs: readonly string[]) => (xs.length === 0 ? "(none)" : xs.map(nameOf).join(", "));

  const compare: Compare = (base, read, expected, show, holds, fix, call) => {
    if (!read.ok) {
      rows.push({
        ...base,
        expected,
        actual: "unreadable",
        status: "error",
        fix: `could not read: ${read.error}`,
      });
      return;
    }
    const ok = holds(read.value);
    rows.push({
      ...base,
      expected,
      actual: show(read.value),
      status: ok ? "ok" : "drift",
      ...(ok ? {} : { fix, ...(call ? { call } : {}) }),
    });
  };
  const viaTimelock = (
    target: string,
    contract: string,
    fn: string,
    args: string[],
  ): PlannedCall => ({
    via: "timelock",
    target,
    contract,
    function: fn,
    args,
  });
  return { desired, snapshot, rows, nameOf, list, compare, viaTimelock };
}

/** Rows for a set (modules, guardians, role holders): one when it holds, else one per missing or extra member. */
export function setRows(
  rows: DriftRow[],
  base: { subject: string; address: string; property: string },
  read: Read<string[]>,
  want: readonly string[],
  list: (xs: readonly string[]) => string,
  nameOf: (a: string) => string,
  add: (a: string) => { fix: string; call?: PlannedCall },
  remove: (a: string) => { fix: string; call?: PlannedCall },
): void {
  if (!read.ok) {
    rows.push({
      ...base,
      expected: list(want),
      actual: "unreadable",
      status: "error",
      fix: `could not read: ${read.error}`,
    });
    return;
  }
  const has = (xs: readonly string[], a: string) =>
    xs.some((x) => x.toLowerCase() === a.toLowerCase());
  const missing = want.filter((a) => !has(read.value, a));
  const extra = read.value.filter((a) => !has(want, a));
  if (missing.length === 0 && extra.length === 0) {
    rows.push({ ...base, expected: list(want), actual: list(read.value), status: "ok" });
    return;
  }
  for (const a of missing)
    rows.push({
      ...base,
      expected: `includes ${nameOf(a)}`,
      actual: "missing",
      status: "drift",
      ...add(a),
    });
  for (const a of extra)
    rows.push({
      ...base,
      expected: `not ${nameOf(a)}`,
      actual: `includes ${nameOf(a)}`,
      status: "drift",
      ...remove(a),
    });
}
