// The owner-rotation planner without a chain: on many random before/after owner sets, every step is
// one the Safe accepts (its checks mirrored by applyRotationStep), the threshold never exceeds the
// owners nor drops below the lower of the two thresholds, and the end state is the manifest's.
import assert from "node:assert/strict";

import { getAddress } from "ethers";

import { readOk } from "../../owner/chain/batch.ts";
import { diffSystem } from "../../owner/diff.ts";
import { planUpdate } from "../../owner/plan.ts";
import {
  applyRotationStep,
  planOwnerRotation,
  RotationError,
  SENTINEL_OWNERS,
  type SafeOwnerState,
} from "../../owner/rotation.ts";
import { desiredFrom, LOCAL, snapshotOf } from "./fixtures.ts";

const owner = (n: number) => getAddress(`0x${(0x1000 + n).toString(16).padStart(40, "0")}`);

/** Deterministic pseudo-random numbers (mulberry32), so a failure names its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  return (below: number) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * below;
  };
}

function pick(rand: (n: number) => number, pool: number[], count: number): string[] {
  const left = [...pool];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(owner(left.splice(Math.floor(rand(left.length)), 1)[0]));
  return out;
}

function checkRotation(before: SafeOwnerState, target: { owners: string[]; threshold: number }) {
  const steps = planOwnerRotation(before, target);
  const floor = Math.min(before.threshold, target.threshold);
  let state = before;
  for (const [i, step] of steps.entries()) {
    state = applyRotationStep(state, step); // throws where the Safe would revert
    assert.ok(state.threshold <= state.owners.length, `step ${i}: threshold above owners`);
    assert.ok(state.threshold >= floor, `step ${i}: threshold ${state.threshold} below ${floor}`);
  }
  assert.deepEqual(
    [...state.owners].map((a) => a.toLowerCase()).sort(),
    [...target.owners].map((a) => a.toLowerCase()).sort(),
  );
  assert.equal(state.threshold, target.threshold);
  return steps;
}

describe("owner rotation planner (pure)", () => {
  it("swaps one departing signer in place, prevOwner from the linked list", () => {
    const before = { owners: [owner(1), owner(2), owner(3)], threshold: 2 };
    const steps = checkRotation(before, { owners: [owner(1), owner(9), owner(3)], threshold: 2 });
    assert.deepEqual(steps, [
      { kind: "swapOwner", prevOwner: owner(1), oldOwner: owner(2), newOwner: owner(9) },
    ]);
    const first = planOwnerRotation(before, { owners: [owner(9), owner(2), owner(3)] });
    assert.equal(first[0].kind === "swapOwner" && first[0].prevOwner, SENTINEL_OWNERS);
  });

  it("adds before raising the threshold, removes before lowering it, nothing when equal", () => {
    const base = { owners: [owner(1), owner(2)], threshold: 2 };
    assert.deepEqual(
      checkRotation(base, { owners: [owner(1), owner(2), owner(3)], threshold: 3 }).map(
        (s) => s.kind,
      ),
      ["addOwnerWithThreshold"],
    );
    assert.deepEqual(
      checkRotation(
        { owners: [owner(1), owner(2), owner(3)], threshold: 3 },
        {
          owners: [owner(1)],
          threshold: 1,
        },
      ).map((s) => s.kind),
      ["removeOwner", "removeOwner"],
    );
    assert.deepEqual(checkRotation(base, { owners: [owner(2), owner(1)], threshold: 2 }), []);
    assert.deepEqual(
      checkRotation(base, { owners: [owner(2), owner(1)], threshold: 1 }).map((s) => s.kind),
      ["changeThreshold"],
    );
  });

  it("holds on 500 random before/after owner sets", () => {
    for (let seed = 1; seed <= 500; seed++) {
      const rand = random(seed);
      const pool = Array.from({ length: 16 }, (_, i) => i);
      const nBefore = 1 + Math.floor(rand(7));
      const nAfter = 1 + Math.floor(rand(7));
      const before = pick(rand, pool, nBefore);
      // Overlap: the target keeps some of the current owners and brings some of the pool.
      const keep = before.filter(() => rand(2) < 1).slice(0, nAfter);
      const fresh = pick(
        rand,
        pool.filter((i) => !before.includes(owner(i))),
        nAfter - keep.length,
      );
      const target = [...keep, ...fresh].sort(() => rand(2) - 1);
      try {
        checkRotation(
          { owners: before, threshold: 1 + Math.floor(rand(nBefore)) },
          { owners: target, threshold: 1 + Math.floor(rand(target.length)) },
        );
      } catch (error) {
        throw new Error(`seed ${seed}: ${(error as Error).message}`);
      }
    }
  });

  it("refuses a target that is no Safe: no owner, a repeated owner, a threshold above the owners", () => {
    const before = { owners: [owner(1), owner(2)], threshold: 1 };
    assert.throws(() => planOwnerRotation(before, { owners: [] }), RotationError);
    assert.throws(() => planOwnerRotation(before, { owners: [owner(1), owner(1)] }), /twice/);
    assert.throws(
      () => planOwnerRotation(before, { owners: [owner(1)], threshold: 2 }),
      /outside 1\.\.1/,
    );
  });

  it("the Safe model rejects what the Safe rejects (so the property above can fail)", () => {
    const state = { owners: [owner(1), owner(2)], threshold: 2 };
    assert.throws(
      () =>
        applyRotationStep(state, {
          kind: "removeOwner",
          prevOwner: SENTINEL_OWNERS,
          owner: owner(1),
          threshold: 2,
        }),
      /GS201/,
    );
    assert.throws(
      () =>
        applyRotationStep(state, {
          kind: "swapOwner",
          prevOwner: SENTINEL_OWNERS,
          oldOwner: owner(2),
          newOwner: owner(3),
        }),
      /GS205/,
    );
    assert.throws(
      () =>
        applyRotationStep(state, { kind: "addOwnerWithThreshold", owner: owner(2), threshold: 2 }),
      /GS204/,
    );
  });

  it("plans a drifted owner list as the Safe's own calls, threshold included, from the list read on chain", () => {
    const desired = desiredFrom(); // owners' Safe: account:1..5, threshold 3
    const snapshot = snapshotOf(desired);
    const safe = desired.ownersSafe.address;
    snapshot.safes[safe].owners = readOk([LOCAL[1], LOCAL[2], LOCAL[3], LOCAL[4], LOCAL[7]]);
    snapshot.safes[safe].threshold = readOk(2);
    const rows = diffSystem(desired, snapshot).filter((r) => r.address === safe);
    const plan = planUpdate(rows);
    assert.deepEqual(plan.manual, []);
    assert.deepEqual(
      plan.steps.map((s) => [s.planned.via, s.call.to, s.planned.function, s.planned.args]),
      [
        ["safe", safe, "swapOwner", [LOCAL[4], LOCAL[7], LOCAL[5]]],
        ["safe", safe, "changeThreshold", ["3"]],
      ],
    );
    const threshold = rows.find((r) => r.property === "threshold")!;
    assert.equal(threshold.status, "drift");
    assert.equal(threshold.call, undefined, "the rotation sets it; not planned twice");
  });
});
