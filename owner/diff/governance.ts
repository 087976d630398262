// The diff of the governance contracts: SystemPause (owner, modules, guardians), the timelock (delay
// and role holders, under the governance policy), and the treasury the deployment used.
import { ZeroAddress } from "ethers";

import { describeAccountRef } from "../../deploy/manifest/fields.ts";
import { formatDuration } from "../../deploy/manifest/units.ts";
import { TIMELOCK_ROLES, type TimelockRoleName } from "../chain/contracts.ts";
import type { Read } from "../chain/batch.ts";
import { resolveAccount } from "../desired-state.ts";
import { expectedRoleHolders, hasRoleKey } from "../policy.ts";
import { same, setRows, type DiffContext } from "./context.ts";

export function systemPauseRows(ctx: DiffContext): void {
  const { desired, snapshot, rows, nameOf, list, compare, viaTimelock } = ctx;
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
}

export function timelockRows(ctx: DiffContext): void {
  const { desired, snapshot, rows, nameOf, list, compare, viaTimelock } = ctx;
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
}

/** No deployed contract stores a treasury yet, so the manifest is compared with the record. */
export function treasuryRow(ctx: DiffContext): void {
  const { desired, snapshot, rows } = ctx;
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
}
