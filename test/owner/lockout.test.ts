// Lockout protection without a chain: the post-change governance a plan leaves, and the four rules
// it must keep (owner/lockout.ts). The e2e refusal on a real node is in test/owner/e2e.test.ts.
import assert from "node:assert/strict";

import { diffSystem } from "../../owner/diff.ts";
import {
  governanceAfter,
  governanceBreaks,
  newGovernanceBreaks,
  type GovernanceState,
} from "../../owner/lockout.ts";
import { planUpdate } from "../../owner/plan.ts";
import { addr, desiredFrom, snapshotOf, validManifest } from "./fixtures.ts";

/** The plan that takes the chain (as `validManifest` says) to `edit(manifest)`, and its new breaks. */
function breaksOf(edit: (manifest: any) => void, filter = {}) {
  const snapshot = snapshotOf(desiredFrom());
  const manifest = validManifest();
  edit(manifest);
  const desired = desiredFrom(manifest);
  const plan = planUpdate(diffSystem(desired, snapshot), filter);
  return { plan, breaks: newGovernanceBreaks(desired, snapshot, plan.steps) };
}

describe("owner:update-all lockout rules (pure)", () => {
  it("refuses executors set to an EOA: the owners' Safe would lose EXECUTOR_ROLE (governance.executors)", () => {
    const { plan, breaks } = breaksOf((m) => (m.governance.executors = [addr(0xe0a)]));
    assert.ok(plan.steps.some((s) => s.row.call?.function === "revokeRole"));
    assert.deepEqual(
      breaks.map((b) => [b.rule, b.where]),
      [["OWNERS_CAN_GOVERN", "config/hardhat.json: governance.executors"]],
    );
    assert.match(breaks[0].message, /no longer hold EXECUTOR_ROLE .* could not execute/);
  });

  it("accepts an executor added beside the owners' Safe, and a plan that leaves the revoke out", () => {
    assert.deepEqual(
      breaksOf((m) => (m.governance.executors = ["ownersSafe", addr(0xe0a)])).breaks,
      [],
    );
    const skipped = breaksOf((m) => (m.governance.executors = [addr(0xe0a)]), {
      skip: ["MandateTimelock"],
    });
    assert.equal(skipped.plan.steps.length, 0);
    assert.deepEqual(skipped.breaks, []);
  });

  it("does not blame a plan for a rule the chain breaks already", () => {
    const desired = desiredFrom();
    const snapshot = snapshotOf(desired);
    const tl = snapshot.timelock;
    if (!tl.holders.ok) throw new Error("fixture");
    tl.holders.value.EXECUTOR_ROLE = [];
    for (const key of Object.keys(tl.hasRole))
      if (key.startsWith("EXECUTOR_ROLE:")) tl.hasRole[key] = { ok: true, value: false };
    assert.deepEqual(
      governanceBreaks(governanceAfter(desired, snapshot, []), desired.manifestFile).map(
        (b) => b.rule,
      ),
      ["OWNERS_CAN_GOVERN"],
    );
    assert.deepEqual(newGovernanceBreaks(desired, snapshot, []), []);
  });

  it("names each rule a post-change state breaks, and none for a sound one", () => {
    const sound: GovernanceState = {
      timelock: addr(0x10),
      ownersSafe: addr(0x20),
      roles: {
        DEFAULT_ADMIN_ROLE: [addr(0x10)],
        PROPOSER_ROLE: [addr(0x20)],
        EXECUTOR_ROLE: [addr(0x20)],
        CANCELLER_ROLE: [addr(0x20)],
      },
      guardians: [addr(0x21)],
      safes: [
        {
          label: "Owners Safe",
          address: addr(0x20),
          owners: 5,
          threshold: 3,
          path: "governance.ownersSafe",
        },
        {
          label: "Guardian 0",
          address: addr(0x21),
          owners: 3,
          threshold: 2,
          path: "governance.guardians[0]",
        },
      ],
    };
    assert.deepEqual(governanceBreaks(sound, "m.json"), []);
    // Anyone may execute (the zero address holds EXECUTOR_ROLE): the owners can still execute.
    const open = structuredClone(sound);
    open.roles.EXECUTOR_ROLE = ["0x0000000000000000000000000000000000000000"];
    assert.deepEqual(governanceBreaks(open, "m.json"), []);

    const broken = structuredClone(sound);
    broken.roles.PROPOSER_ROLE = [];
    broken.roles.CANCELLER_ROLE = [addr(0xbad)];
    broken.roles.DEFAULT_ADMIN_ROLE.push(addr(0xad));
    broken.guardians = [];
    broken.safes[1].threshold = 4;
    broken.safes[0].threshold = 0;
    assert.deepEqual(
      governanceBreaks(broken, "m.json").map((b) => `${b.rule} ${b.where}`),
      [
        "OWNERS_CAN_GOVERN m.json: governance.ownersSafe",
        "OWNERS_CAN_GOVERN m.json: governance.ownersSafe",
        "SAFE_THRESHOLD_REACHABLE m.json: governance.ownersSafe.threshold",
        "SAFE_THRESHOLD_REACHABLE m.json: governance.guardians[0].threshold",
        "TIMELOCK_HAS_NO_ADMIN m.json: governance",
        "SYSTEMPAUSE_KEEPS_A_GUARDIAN m.json: governance.guardians",
      ],
    );
  });

  it("applies the plan's role, guardian and threshold calls to the snapshot", () => {
    const desired = desiredFrom();
    const snapshot = snapshotOf(desired);
    const step = (contract: string, fn: string, target: string, args: string[]) =>
      ({
        row: { call: { via: "timelock", target, contract, function: fn, args } },
      }) as never;
    const after = governanceAfter(desired, snapshot, [
      step("SystemPause", "removeGuardian", desired.systemPause, [desired.guardians[0].address]),
      step("Safe", "changeThreshold", desired.ownersSafe.address, ["9"]),
    ]);
    assert.deepEqual(after.guardians, []);
    assert.equal(after.safes[0].threshold, 9);
    assert.deepEqual(
      governanceBreaks(after, "m.json").map((b) => b.rule),
      ["SAFE_THRESHOLD_REACHABLE", "SYSTEMPAUSE_KEEPS_A_GUARDIAN"],
    );
  });
});
