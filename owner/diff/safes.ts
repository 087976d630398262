// The diff of the Safes (owners and threshold as the manifest names them) and the policy's rule that
// some accounts (the deployer) hold no authority at all.
import { isAddress } from "ethers";

import { TIMELOCK_ROLES, type TimelockRoleName } from "../chain/contracts.ts";
import { describeAccountRef } from "../../deploy/manifest/fields.ts";
import type { Read } from "../chain/batch.ts";
import type { ChainSnapshot } from "../chain/reader.ts";
import { resolveAccount, type DesiredSafe, type DesiredState } from "../desired-state.ts";
import { hasRoleKey } from "../policy.ts";
import { planOwnerRotation, RotationError, rotationArgs } from "../rotation.ts";
import { same, type DriftRow, type PlannedCall } from "./context.ts";

type SafeRead = ChainSnapshot["safes"][string];

/** The owners row and the threshold row of one Safe. */
export function safeRows(
  rows: DriftRow[],
  safe: DesiredSafe,
  snapshot: ChainSnapshot,
  nameOf: (a: string) => string,
): void {
  const s = snapshot.safes[safe.address];
  const owners = safe.owners?.map(
    (ref) => resolveAccount(ref, snapshot.localAccounts) ?? describeAccountRef(ref),
  );
  const owned = ownersRow(safe, s, owners, nameOf);
  rows.push(owned.row, thresholdRow(safe, s, owned.rotated));
}

function rowBase(safe: DesiredSafe, property: string) {
  return { subject: safe.label, address: safe.address, property };
}

/** The owners as read against the manifest's; when they drift, the row carries the whole rotation. */
function ownersRow(
  safe: DesiredSafe,
  s: SafeRead,
  owners: string[] | undefined,
  nameOf: (a: string) => string,
): { row: DriftRow; rotated: boolean } {
  const base = rowBase(safe, "owners");
  if (!s.owners.ok) {
    const fix = `could not read: ${s.owners.error} (is it a Safe?)`;
    const expected = owners?.join(", ") ?? "(any)";
    return {
      row: { ...base, expected, actual: "unreadable", status: "error", fix },
      rotated: false,
    };
  }
  const actual = s.owners.value;
  if (owners === undefined) {
    const row: DriftRow = {
      ...base,
      expected: "(not in the manifest)",
      actual: actual.map(nameOf).join(", "),
      status: "ok",
    };
    return { row, rotated: false };
  }
  const has = (xs: readonly string[], a: string) => xs.some((x) => same(x, a));
  const missing = owners.filter((a) => !has(actual, a));
  const extra = actual.filter((a) => !has(owners, a));
  const ok = missing.length === 0 && extra.length === 0;
  const fix = ok ? {} : rotationFix(safe, s, owners, missing, extra);
  const row: DriftRow = {
    ...base,
    expected: owners.join(", "),
    actual: actual.join(", "),
    status: ok ? "ok" : "drift",
    ...fix,
  };
  return { row, rotated: "calls" in fix };
}

/** The threshold as read against the manifest's; set by the owners row when that row rotates. */
function thresholdRow(safe: DesiredSafe, s: SafeRead, rotated: boolean): DriftRow {
  const base = rowBase(safe, "threshold");
  if (!s.threshold.ok)
    return {
      ...base,
      expected: String(safe.threshold ?? "(any)"),
      actual: "unreadable",
      status: "error",
      fix: `could not read: ${s.threshold.error} (is it a Safe?)`,
    };
  const count = s.owners.ok ? ` of ${s.owners.value.length}` : "";
  const actual = `${s.threshold.value}${count}`;
  const ok = safe.threshold === undefined || safe.threshold === s.threshold.value;
  if (ok)
    return {
      ...base,
      expected: safe.threshold === undefined ? "(not in the manifest)" : String(safe.threshold),
      actual,
      status: "ok",
    };
  if (rotated)
    return {
      ...base,
      expected: String(safe.threshold),
      actual,
      status: "drift",
      fix: `set by the owners row's rotation of the ${safe.label} (one Safe transaction)`,
      restoredBy: "owners",
    };
  return {
    ...base,
    expected: String(safe.threshold),
    actual,
    status: "drift",
    fix: `call changeThreshold(${safe.threshold}) from the ${safe.label} itself, signed by ${s.threshold.value} current owners`,
    call: {
      via: "safe",
      target: safe.address,
      contract: "Safe",
      function: "changeThreshold",
      args: [String(safe.threshold)],
    },
  };
}

/**
 * The owners row's fix: the rotation (owner/rotation.ts) from the owner list read at the pinned block
 * to the manifest's, each call sent by the Safe itself; in words only when it cannot be planned (an
 * owner the manifest names by an account the node does not have, an unreadable threshold, a target
 * that is no valid Safe).
 */
function rotationFix(
  safe: DesiredSafe,
  s: SafeRead,
  owners: string[],
  missing: string[],
  extra: string[],
): { fix: string; calls?: PlannedCall[] } {
  const words = [...missing.map((a) => `add ${a}`), ...extra.map((a) => `remove ${a}`)].join(", ");
  const manual = (why: string) => ({
    fix: `change the ${safe.label}'s owners from the Safe itself, signed by its current owners: ${words} (${why})`,
  });
  if (!s.owners.ok || !s.threshold.ok) return manual("the threshold could not be read");
  if (!owners.every((a) => isAddress(a))) return manual("an owner is not an address");
  try {
    const steps = planOwnerRotation(
      { owners: s.owners.value, threshold: s.threshold.value },
      { owners, threshold: safe.threshold },
    );
    return {
      fix: `rotate the ${safe.label}'s owners from the Safe itself, signed by ${s.threshold.value} current owners: ${steps.map((st) => st.kind).join(", ")}`,
      calls: steps.map((step) => ({
        via: "safe",
        target: safe.address,
        contract: "Safe",
        function: step.kind,
        args: rotationArgs(step),
      })),
    };
  } catch (error) {
    if (error instanceof RotationError) return manual(error.message);
    throw error;
  }
}

/**
 * The policy's "holds nothing" rule for one account (the deployer): no timelock role (read with
 * hasRole, not only from events), not a guardian, not an owner of any Safe. Where the manifest names
 * the holders the set rows above find the same account with a call to remove it; these rows also
 * cover Safes whose owners the manifest leaves open.
 */
export function withoutAuthorityRows(
  rows: DriftRow[],
  desired: DesiredState,
  snapshot: ChainSnapshot,
  account: string,
): void {
  const base = (property: string) => ({ subject: "Deployer", address: account, property });
  const rule = (property: string, read: Read<boolean>, fix: string) =>
    rows.push(
      !read.ok
        ? {
            ...base(property),
            expected: "no",
            actual: "unreadable",
            status: "error",
            fix: `could not read: ${read.error}`,
          }
        : {
            ...base(property),
            expected: "no",
            actual: read.value ? "yes" : "no",
            status: read.value ? "drift" : "ok",
            ...(read.value ? { fix } : {}),
          },
    );
  const holds = (list: Read<string[]>): Read<boolean> =>
    list.ok ? { ok: true, value: list.value.some((a) => same(a, account)) } : list;
  for (const name of Object.keys(TIMELOCK_ROLES) as TimelockRoleName[])
    rule(
      `holds ${name}`,
      snapshot.timelock.hasRole[hasRoleKey(name, account)] ?? {
        ok: false,
        error: "hasRole was not read",
      },
      `the deployer keeps no authority: schedule MandateTimelock.revokeRole(${name}, ${account}) through the timelock`,
    );
  rule(
    "guardian of SystemPause",
    holds(snapshot.systemPause.guardians),
    `the deployer keeps no authority: schedule SystemPause.removeGuardian(${account}) through the timelock`,
  );
  for (const safe of [desired.ownersSafe, ...desired.guardians])
    rule(
      `owner of ${safe.label}`,
      holds(snapshot.safes[safe.address].owners),
      `the deployer keeps no authority: remove it from the ${safe.label}'s owners (removeOwner, signed by the Safe's owners)`,
    );
}
