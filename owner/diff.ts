// The diff: desired state (manifest + deployment record) against a chain snapshot, as plain rows.
// Pure. Each row says ok / drift / error, what to do in words, and, where one call restores it, that
// call (target, function, arguments, and who must send it), which the write side will encode.
import { id, ZeroAddress } from "ethers";

import { formatDuration } from "../deploy/config/units.ts";
import { describeAccountRef } from "../deploy/config/fields.ts";
import { TIMELOCK_ROLES, type TimelockRoleName } from "../lib/contracts.ts";
import type { Read } from "./chain/batch.ts";
import type { ChainSnapshot } from "./chain/reader.ts";
import { resolveAccount, type DesiredSafe, type DesiredState } from "./manifest.ts";
import { accountsWithoutAuthority, expectedRoleHolders, hasRoleKey } from "./policy.ts";

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

export interface DoctorRow {
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
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function diffSystem(desired: DesiredState, snapshot: ChainSnapshot): DoctorRow[] {
  const rows: DoctorRow[] = [];
  const names = new Map<string, string>();
  const nameOf = (address: string) =>
    address === ZeroAddress ? "none (zero address)" : (names.get(address.toLowerCase()) ?? address);
  names.set(desired.timelock.toLowerCase(), "MandateTimelock");
  names.set(desired.systemPause.toLowerCase(), "SystemPause");
  for (const m of desired.modules) names.set(m.address.toLowerCase(), m.name);
  for (const s of [desired.ownersSafe, ...desired.guardians])
    names.set(s.address.toLowerCase(), s.label);
  const list = (xs: readonly string[]) => (xs.length === 0 ? "(none)" : xs.map(nameOf).join(", "));

  /** Adds a row comparing a read against an expectation. */
  const compare = <T>(
    base: { subject: string; address: string; property: string },
    read: Read<T>,
    expected: string,
    show: (value: T) => string,
    holds: (value: T) => boolean,
    fix: string,
    call?: PlannedCall,
  ) => {
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

  // Modules.
  for (const m of desired.modules) {
    const s = snapshot.modules[m.name];
    const base = (property: string) => ({ subject: m.name, address: m.address, property });
    compare(
      base("owner"),
      s.owner,
      nameOf(desired.timelock),
      nameOf,
      (v) => same(v, desired.timelock),
      `ownership has left the timelock: the current owner ${"{owner}"} must call ${m.name}.transferOwnership(${desired.timelock}) and the timelock then accept it (schedule ${m.name}.acceptOwnership() through the timelock)`.replace(
        "{owner}",
        s.owner.ok ? nameOf(s.owner.value) : "?",
      ),
    );
    compare(
      base("pendingOwner"),
      s.pendingOwner,
      nameOf(ZeroAddress),
      nameOf,
      (v) => same(v, ZeroAddress),
      `cancel the pending ownership transfer: schedule ${m.name}.transferOwnership(0x0000000000000000000000000000000000000000) through the timelock`,
      viaTimelock(m.address, m.name, "transferOwnership", [ZeroAddress]),
    );
    compare(
      base("pauser"),
      s.pauser,
      nameOf(desired.systemPause),
      nameOf,
      (v) => same(v, desired.systemPause),
      `schedule ${m.name}.setPauser(${desired.systemPause}) through the timelock, so the pause switch reaches it again`,
      viaTimelock(m.address, m.name, "setPauser", [desired.systemPause]),
    );
    compare(
      base("paused"),
      s.paused,
      "not paused",
      (v) => (v ? "PAUSED" : "not paused"),
      (v) => !v,
      `unpause through governance once the incident is over: npx hardhat owner:system-pause --network ${desired.network} --action unpause`,
    );
    const keys = s.parameterKeys.ok ? s.parameterKeys.value : [];
    const declaredKeys = Object.keys(m.entry.parameters).map((n) => id(n));
    // One row when the chain lists exactly the declared keys; otherwise each key's own row says which.
    if (!s.parameterKeys.ok)
      rows.push({
        ...base("parameter keys"),
        expected: `${declaredKeys.length} declared`,
        actual: "unreadable",
        status: "error",
        fix: `could not read: ${s.parameterKeys.error}`,
      });
    else if (keys.length === declaredKeys.length && declaredKeys.every((k) => keys.includes(k)))
      rows.push({
        ...base("parameter keys"),
        expected: `${declaredKeys.length} declared`,
        actual: `${keys.length} on chain`,
        status: "ok",
      });
    for (const [name, spec] of Object.entries(m.entry.parameters)) {
      const want = m.parameters[name];
      const key = id(name);
      const read = s.parameters[key];
      const show = (v: bigint) =>
        spec.unit === "integer" ? v.toString() : `${spec.format(v)} (${v})`;
      if (s.parameterKeys.ok && !keys.includes(key)) {
        rows.push({
          ...base(`parameter ${name}`),
          expected: show(want),
          actual: "not a parameter of this contract",
          status: "error",
          fix: `${m.name} at ${m.address} does not list ${name} in parameterKeys(): the deployed contract and deploy/modules.ts disagree`,
        });
        continue;
      }
      compare(
        base(`parameter ${name}`),
        read,
        show(want),
        show,
        (v) => v === want,
        `schedule ${m.name}.setParameter(${name}, ${spec.format(want)}) through the timelock`,
        viaTimelock(m.address, m.name, "setParameter", [key, want.toString()]),
      );
    }
    const declared = new Set(declaredKeys);
    for (const key of keys.filter((k) => !declared.has(k))) {
      const read = s.parameters[key];
      rows.push({
        ...base(`parameter ${key}`),
        expected: "(not declared)",
        actual: read?.ok ? read.value.toString() : "unreadable",
        status: "drift",
        fix: `${m.name} has a parameter that deploy/modules.ts does not declare: add it to the ${m.name} entry and to ${desired.manifestFile}`,
      });
    }
  }

  // SystemPause.
  const sp = snapshot.systemPause;
  const spBase = (property: string) => ({
    subject: "SystemPause",
    address: desired.systemPause,
    property,
  });
  compare(
    spBase("owner"),
    sp.owner,
    nameOf(desired.timelock),
    nameOf,
    (v) => same(v, desired.timelock),
    `ownership of SystemPause has left the timelock: its current owner must transfer it back to ${desired.timelock}`,
  );
  compare(
    spBase("pendingOwner"),
    sp.pendingOwner,
    nameOf(ZeroAddress),
    nameOf,
    (v) => same(v, ZeroAddress),
    "cancel the pending ownership transfer: schedule SystemPause.transferOwnership(0x0000000000000000000000000000000000000000) through the timelock",
    viaTimelock(desired.systemPause, "SystemPause", "transferOwnership", [ZeroAddress]),
  );
  setRows(
    rows,
    spBase("modules"),
    sp.modules,
    desired.modules.map((m) => m.address),
    list,
    nameOf,
    (a) => ({
      fix: `schedule SystemPause.addModule(${a}) through the timelock`,
      call: viaTimelock(desired.systemPause, "SystemPause", "addModule", [a]),
    }),
    (a) => ({
      fix: `schedule SystemPause.removeModule(${a}) through the timelock (or add it to the manifest's modules if it belongs)`,
      call: viaTimelock(desired.systemPause, "SystemPause", "removeModule", [a]),
    }),
  );
  setRows(
    rows,
    spBase("guardians"),
    sp.guardians,
    desired.guardians.map((g) => g.address),
    list,
    nameOf,
    (a) => ({
      fix: `schedule SystemPause.addGuardian(${a}) through the timelock`,
      call: viaTimelock(desired.systemPause, "SystemPause", "addGuardian", [a]),
    }),
    (a) => ({
      fix: `schedule SystemPause.removeGuardian(${a}) through the timelock`,
      call: viaTimelock(desired.systemPause, "SystemPause", "removeGuardian", [a]),
    }),
  );

  // Timelock.
  const tl = snapshot.timelock;
  const tlBase = (property: string) => ({
    subject: "MandateTimelock",
    address: desired.timelock,
    property,
  });
  compare(
    tlBase("minDelay"),
    tl.minDelay,
    `${formatDuration(desired.minDelay)} (${desired.minDelay})`,
    (v) => `${formatDuration(v)} (${v})`,
    (v) => v === desired.minDelay,
    `schedule MandateTimelock.updateDelay(${desired.minDelay}) through the timelock (it waits out the current delay)`,
    viaTimelock(desired.timelock, "MandateTimelock", "updateDelay", [desired.minDelay.toString()]),
  );
  const expected = expectedRoleHolders(desired);
  for (const name of Object.keys(TIMELOCK_ROLES) as TimelockRoleName[]) {
    const role = TIMELOCK_ROLES[name];
    // hasRole of the expected holders is authoritative; the event replay finds holders nobody expects.
    const holders: Read<string[]> = !tl.holders.ok
      ? tl.holders
      : {
          ok: true,
          value: [
            ...expected[name].filter((h) => {
              const has = tl.hasRole[hasRoleKey(name, h)];
              return has?.ok
                ? has.value
                : tl.holders.ok && tl.holders.value[name].some((x) => same(x, h));
            }),
            ...tl.holders.value[name].filter((h) => !expected[name].some((x) => same(x, h))),
          ],
        };
    setRows(
      rows,
      tlBase(`${name} holders`),
      holders,
      expected[name],
      list,
      nameOf,
      (a) => ({
        fix: `schedule MandateTimelock.grantRole(${name}, ${a}) through the timelock`,
        call: viaTimelock(desired.timelock, "MandateTimelock", "grantRole", [role, a]),
      }),
      (a) => ({
        fix: `schedule MandateTimelock.revokeRole(${name}, ${a}) through the timelock`,
        call: viaTimelock(desired.timelock, "MandateTimelock", "revokeRole", [role, a]),
      }),
    );
  }

  // Safes.
  for (const safe of [desired.ownersSafe, ...desired.guardians])
    safeRows(rows, safe, snapshot, nameOf);

  for (const account of accountsWithoutAuthority(desired))
    withoutAuthorityRows(rows, desired, snapshot, account);

  // Treasury: no deployed contract stores one yet, so the manifest is compared with the record.
  const treasury = resolveAccount(desired.treasury, snapshot.localAccounts);
  rows.push({
    subject: "Treasury",
    address: desired.recordedTreasury,
    property: "address",
    expected: treasury ?? describeAccountRef(desired.treasury),
    actual: desired.recordedTreasury,
    status:
      treasury === undefined ? "error" : same(treasury, desired.recordedTreasury) ? "ok" : "drift",
    ...(treasury !== undefined && same(treasury, desired.recordedTreasury)
      ? {}
      : {
          fix:
            treasury === undefined
              ? `${describeAccountRef(desired.treasury)} is not an account of this node`
              : `the deployment used ${desired.recordedTreasury}; no contract reads a treasury yet, so correct ${desired.manifestFile} (governance.treasury) or the record`,
        }),
  });
  return rows;
}

function setRows(
  rows: DoctorRow[],
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

function safeRows(
  rows: DoctorRow[],
  safe: DesiredSafe,
  snapshot: ChainSnapshot,
  nameOf: (a: string) => string,
): void {
  const s = snapshot.safes[safe.address];
  const base = (property: string) => ({ subject: safe.label, address: safe.address, property });
  const owners = safe.owners?.map(
    (ref) => resolveAccount(ref, snapshot.localAccounts) ?? describeAccountRef(ref),
  );
  if (!s.owners.ok) {
    rows.push({
      ...base("owners"),
      expected: owners?.join(", ") ?? "(any)",
      actual: "unreadable",
      status: "error",
      fix: `could not read: ${s.owners.error} (is it a Safe?)`,
    });
  } else if (owners === undefined) {
    rows.push({
      ...base("owners"),
      expected: "(not in the manifest)",
      actual: s.owners.value.map(nameOf).join(", "),
      status: "ok",
    });
  } else {
    const has = (xs: readonly string[], a: string) =>
      xs.some((x) => x.toLowerCase() === a.toLowerCase());
    const missing = owners.filter((a) => !has(s.owners.ok ? s.owners.value : [], a));
    const extra = s.owners.value.filter((a) => !has(owners, a));
    const ok = missing.length === 0 && extra.length === 0;
    rows.push({
      ...base("owners"),
      expected: owners.join(", "),
      actual: s.owners.value.join(", "),
      status: ok ? "ok" : "drift",
      ...(ok
        ? {}
        : {
            fix: `change the ${safe.label}'s owners from the Safe itself, signed by its current owners: ${[
              ...missing.map((a) => `add ${a}`),
              ...extra.map((a) => `remove ${a}`),
            ].join(", ")} (addOwnerWithThreshold / removeOwner / swapOwner)`,
          }),
    });
  }
  if (!s.threshold.ok) {
    rows.push({
      ...base("threshold"),
      expected: String(safe.threshold ?? "(any)"),
      actual: "unreadable",
      status: "error",
      fix: `could not read: ${s.threshold.error} (is it a Safe?)`,
    });
  } else {
    const count = s.owners.ok ? ` of ${s.owners.value.length}` : "";
    const ok = safe.threshold === undefined || safe.threshold === s.threshold.value;
    rows.push({
      ...base("threshold"),
      expected: safe.threshold === undefined ? "(not in the manifest)" : String(safe.threshold),
      actual: `${s.threshold.value}${count}`,
      status: ok ? "ok" : "drift",
      ...(ok
        ? {}
        : {
            fix: `call changeThreshold(${safe.threshold}) from the ${safe.label} itself, signed by ${s.threshold.value} current owners`,
            call: {
              via: "safe",
              target: safe.address,
              contract: "Safe",
              function: "changeThreshold",
              args: [String(safe.threshold)],
            },
          }),
    });
  }
}

/**
 * The policy's "holds nothing" rule for one account (the deployer): no timelock role (read with
 * hasRole, not only from events), not a guardian, not an owner of any Safe. Where the manifest names
 * the holders the set rows above find the same account with a call to remove it; these rows also
 * cover Safes whose owners the manifest leaves open.
 */
function withoutAuthorityRows(
  rows: DoctorRow[],
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

export interface DoctorSummary {
  ok: number;
  drift: number;
  error: number;
  /** 0 all holds, 1 drift, 2 something could not be checked. */
  exitCode: 0 | 1 | 2;
}

export function summarise(rows: readonly DoctorRow[]): DoctorSummary {
  const count = (status: RowStatus) => rows.filter((r) => r.status === status).length;
  const summary = { ok: count("ok"), drift: count("drift"), error: count("error") };
  return { ...summary, exitCode: summary.error > 0 ? 2 : summary.drift > 0 ? 1 : 0 };
}
