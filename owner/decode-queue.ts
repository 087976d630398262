// The timelock queue's view of the one calldata decoder (owner/decode.ts): each call of a queued
// operation judged against the desired state, for the doctor and owner:watch. Executing it brings
// the chain to the manifest (matches), changes something the manifest does not say (unmanaged), or
// sets something the manifest does not want (undoes).
import { ZeroAddress } from "ethers";

import { formatDuration } from "../deploy/manifest/units.ts";
import type { ChainSnapshot } from "./chain/reader.ts";
import {
  decodeContext,
  nameIn,
  parameterOf,
  parseCall,
  ROLE_NAMES,
  same,
  type TargetKind,
} from "./decode.ts";
import type { DesiredState } from "./desired-state.ts";
import { expectedRoleHolders } from "./policy.ts";

export type CallVerdict = "matches" | "unmanaged" | "undoes";

/** One call of a timelock operation, as CallScheduled logs carry it. */
export interface TimelockCall {
  target: string;
  value: bigint;
  data: string;
}

/** A timelock call in words, judged against the desired state. */
export interface JudgedCall {
  /** "StakeManager", "SystemPause", "MandateTimelock", or the target address. */
  contract: string;
  /** "setParameter", or the 4-byte selector when it is not a known function. */
  function: string;
  /** The call in words, in manifest units. */
  text: string;
  verdict: CallVerdict;
}

/** The kinds of target a timelock operation manages; a call to anything else is unmanaged. */
const TIMELOCK_TARGETS: readonly TargetKind[] = ["module", "systemPause", "timelock"];

/** Decodes and judges one call of an operation; `snapshot` (the chain before it runs) adds "from → to". */
export function decodeTimelockCall(
  desired: DesiredState,
  call: TimelockCall,
  snapshot?: ChainSnapshot,
): JudgedCall {
  const ctx = decodeContext(desired, snapshot);
  const nameOf = nameIn(ctx);
  const contract = nameOf(call.target);
  const kind = ctx.targets.get(call.target.toLowerCase())?.kind;
  const parsed =
    kind !== undefined && TIMELOCK_TARGETS.includes(kind) ? parseCall(call, kind, true) : undefined;
  if (!parsed) {
    const selector = call.data.slice(0, 10);
    return {
      contract,
      function: selector,
      text: `${contract} call ${selector} (${(call.data.length - 2) / 2} bytes${call.value > 0n ? `, ${call.value} wei` : ""})`,
      verdict: "unmanaged",
    };
  }
  const { fn, args } = parsed;
  const judged = (text: string, verdict: CallVerdict): JudgedCall => ({
    contract,
    function: fn,
    text: `${contract}.${fn}${text === "" ? "" : ` ${text}`}`,
    verdict,
  });
  const wants = (ok: boolean): CallVerdict => (ok ? "matches" : "undoes");
  const module =
    kind === "module" ? desired.modules.find((m) => same(m.address, call.target)) : undefined;

  if (module && fn === "setParameter") {
    const value = args[1] as bigint;
    const found = parameterOf(module.entry, args[0]);
    if (found === undefined) return judged(`${args[0]} ${value}`, "unmanaged");
    const [name, spec] = found;
    const before = ctx.parameterNow?.(call.target, name);
    const from = before !== undefined ? `${spec.format(before)} → ` : "";
    return judged(`${name} ${from}${spec.format(value)}`, wants(value === module.parameters[name]));
  }
  if (fn === "setPauser") return judged(nameOf(args[0]), wants(same(args[0], desired.systemPause)));
  if (fn === "transferOwnership")
    // Governance keeps ownership: only cancelling a pending transfer (to zero) is what the manifest wants.
    return judged(nameOf(args[0]), wants(same(args[0], ZeroAddress)));
  if (fn === "acceptOwnership" || fn === "unpauseAll") return judged("", "matches");
  if (fn === "pauseAll") return judged("", "undoes");
  if (fn === "addModule" || fn === "removeModule") {
    const listed = desired.modules.some((m) => same(m.address, args[0]));
    return judged(nameOf(args[0]), wants(listed === (fn === "addModule")));
  }
  if (fn === "addGuardian" || fn === "removeGuardian") {
    const listed = desired.guardians.some((g) => same(g.address, args[0]));
    return judged(nameOf(args[0]), wants(listed === (fn === "addGuardian")));
  }
  if (fn === "updateDelay") {
    const from = ctx.minDelayNow !== undefined ? `${formatDuration(ctx.minDelayNow)} → ` : "";
    return judged(`${from}${formatDuration(args[0])}`, wants(args[0] === desired.minDelay));
  }
  if (fn === "grantRole" || fn === "revokeRole") {
    const role = ROLE_NAMES.get(args[0]);
    if (role === undefined) return judged(`${args[0]} ${nameOf(args[1])}`, "unmanaged");
    const expected = expectedRoleHolders(desired)[role].some((h) => same(h, args[1]));
    return judged(`${role} ${nameOf(args[1])}`, wants(expected === (fn === "grantRole")));
  }
  const shown = parsed.inputs.map((input, i) =>
    input.type === "address" ? nameOf(args[i]) : String(args[i]),
  );
  return judged(shown.join(" "), "unmanaged");
}
