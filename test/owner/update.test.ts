// owner:update-all without a chain: the plan is a pure function of the diff rows. Applying the
// planned calls to a snapshot (a small model of what each call does) reaches the manifest, a second
// plan is empty, and every encoded call decodes back to the row's intent. Seeded, so a failure repeats.
import assert from "node:assert/strict";

import { getAddress, id } from "ethers";
import fc from "fast-check";

import { MODULES } from "../../deploy/modules.ts";
import { TIMELOCK_ROLES } from "../../lib/contracts.ts";
import { readOk } from "../../owner/chain/batch.ts";
import type { ChainSnapshot } from "../../owner/chain/reader.ts";
import { diffSystem, type PlannedCall } from "../../owner/diff.ts";
import { OwnerError } from "../../owner/errors.ts";
import type { DesiredState } from "../../owner/manifest.ts";
import { changeFirstDurations } from "../../owner/manifest-edit.ts";
import { decodeCall, encodeFromInputs } from "../../owner/safe/calls.ts";
import { checkSubjectFilter, interfaceOf, planUpdate } from "../../owner/update.ts";
import { addr, desiredFrom, snapshotOf, validManifest } from "./fixtures.ts";

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** What each planned call does to the chain, as a snapshot edit (the test's model of the contracts). */
function apply(snapshot: ChainSnapshot, desired: DesiredState, call: PlannedCall): void {
  const [a0, a1] = call.args;
  const listEdit = (read: { ok: boolean; value?: string[] }, add: boolean, a: string) => {
    const list = (read.value ?? []).filter((x) => !same(x, a));
    return readOk(add ? [...list, a] : list);
  };
  if (call.contract === "SystemPause") {
    const sp = snapshot.systemPause;
    if (call.function === "addModule") sp.modules = listEdit(sp.modules as never, true, a0);
    else if (call.function === "removeModule")
      sp.modules = listEdit(sp.modules as never, false, a0);
    else if (call.function === "addGuardian")
      sp.guardians = listEdit(sp.guardians as never, true, a0);
    else if (call.function === "removeGuardian")
      sp.guardians = listEdit(sp.guardians as never, false, a0);
    else if (call.function === "transferOwnership") sp.pendingOwner = readOk(a0);
    else assert.fail(`no model for SystemPause.${call.function}`);
    return;
  }
  if (call.contract === "MandateTimelock") {
    const tl = snapshot.timelock;
    if (call.function === "updateDelay") tl.minDelay = readOk(BigInt(a0));
    else if (call.function === "grantRole" || call.function === "revokeRole") {
      const grant = call.function === "grantRole";
      const name = Object.entries(TIMELOCK_ROLES).find(([, hash]) => hash === a0)![0];
      const holders = (tl.holders as { value: Record<string, string[]> }).value;
      holders[name] = holders[name].filter((h) => !same(h, a1));
      if (grant) holders[name].push(a1);
      tl.hasRole[`${name}:${a1}`] = readOk(grant);
    } else assert.fail(`no model for MandateTimelock.${call.function}`);
    return;
  }
  if (call.contract === "Safe") {
    assert.equal(call.function, "changeThreshold");
    snapshot.safes[call.target].threshold = readOk(Number(a0));
    return;
  }
  const module = desired.modules.find((m) => same(m.address, call.target))!;
  const s = snapshot.modules[module.name];
  if (call.function === "setParameter") s.parameters[a0] = readOk(BigInt(a1));
  else if (call.function === "setPauser") s.pauser = readOk(a0);
  else if (call.function === "transferOwnership") s.pendingOwner = readOk(a0);
  else assert.fail(`no model for ${call.contract}.${call.function}`);
}

/**
 * Drift of a chain from `desired`, described as data so that fast-check can generate and shrink it:
 * every kind has a restoring call.
 */
function driftOf(desired: DesiredState) {
  const moduleDrift = (m: DesiredState["modules"][number]) =>
    fc.record({
      parameters: fc.tuple(
        ...Object.values(m.entry.parameters).map((spec) =>
          fc.option(fc.bigInt({ min: spec.bounds.min, max: spec.bounds.max }), { freq: 2 }),
        ),
      ),
      pauser: fc.boolean(),
      pendingOwner: fc.boolean(),
    });
  return fc.record({
    modules: fc.tuple(...desired.modules.map(moduleDrift)),
    strangerGuardian: fc.boolean(),
    noGuardians: fc.boolean(),
    firstModuleRemoved: fc.boolean(),
    pausePendingOwner: fc.boolean(),
    minDelay: fc.option(fc.integer({ min: 1, max: 100_000 }), { freq: 2 }),
    strangerProposer: fc.boolean(),
    lowerThreshold: fc.boolean(),
  });
}

type Drift = ReturnType<typeof driftOf> extends fc.Arbitrary<infer T> ? T : never;

/** The chain `desired` describes, drifted as `drift` says. */
function drifted(desired: DesiredState, drift: Drift): ChainSnapshot {
  const snapshot = snapshotOf(desired);
  desired.modules.forEach((m, i) => {
    const d = drift.modules[i]!;
    Object.keys(m.entry.parameters).forEach((name, j) => {
      const value = d.parameters[j];
      if (value !== null && value !== undefined)
        snapshot.modules[m.name].parameters[id(name)] = readOk(value);
    });
    if (d.pauser) snapshot.modules[m.name].pauser = readOk(addr(0xbad));
    if (d.pendingOwner) snapshot.modules[m.name].pendingOwner = readOk(addr(0xbee));
  });
  const sp = snapshot.systemPause;
  if (drift.strangerGuardian)
    sp.guardians = readOk([...(sp.guardians as { value: string[] }).value, addr(0xee)]);
  if (drift.noGuardians) sp.guardians = readOk([]);
  if (drift.firstModuleRemoved)
    sp.modules = readOk((sp.modules as { value: string[] }).value.slice(1));
  if (drift.pausePendingOwner) sp.pendingOwner = readOk(addr(0xabc));
  if (drift.minDelay !== null) snapshot.timelock.minDelay = readOk(BigInt(drift.minDelay));
  if (drift.strangerProposer) {
    const holders = (snapshot.timelock.holders as { value: Record<string, string[]> }).value;
    holders.PROPOSER_ROLE.push(addr(0xdd));
  }
  if (drift.lowerThreshold) snapshot.safes[desired.ownersSafe.address].threshold = readOk(2);
  return snapshot;
}

describe("owner:update-all core: the plan", () => {
  it("plan, apply, diff: reaches the manifest, and a second plan is empty (fast-check)", () => {
    const desired = desiredFrom();
    fc.assert(
      fc.property(driftOf(desired), (drift) => {
        const snapshot = drifted(desired, drift);
        const plan = planUpdate(diffSystem(desired, snapshot));
        assert.deepEqual(plan.errors, []);
        assert.deepEqual(plan.manual, [], JSON.stringify(plan.manual));
        for (const step of plan.steps) apply(snapshot, desired, step.row.call!);
        const after = diffSystem(desired, snapshot).filter((r) => r.status !== "ok");
        assert.deepEqual(after, [], "still drifting after applying the plan");
        assert.equal(planUpdate(diffSystem(desired, snapshot)).steps.length, 0);
      }),
      { numRuns: 300 },
    );
  });

  it("encodes every call so that it decodes back to the row's intent (fast-check)", () => {
    const desired = desiredFrom();
    let checked = 0;
    let scalar = 0;
    fc.assert(
      fc.property(driftOf(desired), (drift) => {
        for (const step of planUpdate(diffSystem(desired, drifted(desired, drift))).steps) {
          const intent = step.row.call!;
          const decoded = decodeCall(interfaceOf(intent), step.call);
          assert.equal(decoded.to, getAddress(intent.target));
          assert.equal(decoded.name, intent.function);
          assert.equal(decoded.value, 0n);
          assert.deepEqual(
            [...decoded.args].map((a) => (typeof a === "string" ? a.toLowerCase() : String(a))),
            intent.args.map((a) => a.toLowerCase()),
            step.call.description,
          );
          // The Transaction Builder's input strings encode to the same calldata: through the
          // project's mirror of the Builder's parser, and (for scalar inputs, which the Builder
          // hands to ethers as they are) through ethers alone.
          const method = step.call.contractMethod!;
          const inputs = step.call.contractInputsValues!;
          assert.equal(encodeFromInputs(method, inputs), step.call.data, step.call.description);
          if (method.inputs.every((input) => !input.type.includes("[") && input.type !== "tuple")) {
            const raw = method.inputs.map((input, index) => inputs[input.name || String(index)]);
            assert.equal(
              interfaceOf(intent).encodeFunctionData(intent.function, raw),
              step.call.data,
              step.call.description,
            );
            scalar++;
          }
          checked++;
        }
      }),
      { numRuns: 100 },
    );
    assert.ok(checked > 200, `${checked} calls checked`);
    assert.ok(scalar > 100, `${scalar} calls re-encoded through ethers alone`);
  });

  it("keeps --only / --skip to the named subjects and refuses unknown names", () => {
    const desired = desiredFrom();
    // One fixed drift (the same every run), plus every module's first parameter at its maximum.
    const [drift] = fc.sample(driftOf(desired), { seed: 7, numRuns: 1 });
    const snapshot = drifted(desired, drift!);
    for (const m of desired.modules)
      snapshot.modules[m.name].parameters[id(Object.keys(m.entry.parameters)[0])] = readOk(
        Object.values(m.entry.parameters)[0].bounds.max,
      );
    const rows = diffSystem(desired, snapshot);
    const first = MODULES[0].name;
    const only = planUpdate(rows, { only: [first] });
    assert.ok(only.steps.length > 0);
    assert.ok(only.steps.every((s) => s.row.subject === first));
    const skip = planUpdate(rows, { skip: [first] });
    assert.ok(skip.steps.every((s) => s.row.subject !== first));
    assert.equal(only.steps.length + skip.steps.length, planUpdate(rows).steps.length);
    assert.throws(
      () => checkSubjectFilter({ only: ["NoSuchModule"] }, rows),
      (e: OwnerError) => e.code === "BAD_ARGUMENT" && /NoSuchModule/.test(e.message),
    );
    checkSubjectFilter({ skip: ["owners safe", "guardian0"] }, rows);
  });

  it("leaves drift without a single restoring call to its own route", () => {
    const desired = desiredFrom();
    const snapshot = snapshotOf(desired);
    snapshot.modules[MODULES[0].name].paused = readOk(true);
    snapshot.modules[MODULES[0].name].owner = readOk(addr(0x1234));
    const plan = planUpdate(diffSystem(desired, snapshot));
    assert.equal(plan.steps.length, 0);
    assert.deepEqual(
      plan.manual.map((r) => r.property),
      ["owner", "paused"],
    );
  });

  it("changes the first duration of each module within its bounds, generically", () => {
    const { manifest, changes } = changeFirstDurations(validManifest(), MODULES);
    assert.ok(changes.length > 0);
    for (const c of changes) {
      const spec = MODULES.find((m) => m.name === c.module)!.parameters[c.parameter];
      assert.equal(spec.unit, "duration");
      assert.ok(c.toValue >= spec.bounds.min && c.toValue <= spec.bounds.max);
      assert.notEqual(c.toValue, c.fromValue);
      assert.equal(manifest.modules[c.module][c.parameter], c.to);
    }
  });
});
