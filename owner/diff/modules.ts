// The diff of each module: who owns and pauses it, whether it is paused, and every parameter.
import { id, ZeroAddress } from "ethers";

import type { DesiredModule } from "../desired-state.ts";
import { same, type DiffContext } from "./context.ts";

export function moduleRows(ctx: DiffContext): void {
  for (const m of ctx.desired.modules) {
    moduleAuthorityRows(ctx, m);
    moduleParameterRows(ctx, m);
  }
}

/** Owner, pending owner, pauser, paused. */
function moduleAuthorityRows(ctx: DiffContext, m: DesiredModule): void {
  const { desired, snapshot, nameOf, compare, viaTimelock } = ctx;
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
}

/** The parameter keys, each declared parameter's value, and any key the entry does not declare. */
function moduleParameterRows(ctx: DiffContext, m: DesiredModule): void {
  const { desired, snapshot, rows, compare, viaTimelock } = ctx;
  const s = snapshot.modules[m.name];
  const base = (property: string) => ({ subject: m.name, address: m.address, property });
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
