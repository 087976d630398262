// (The timelock queue's own decoder, beside owner/decode.ts, which decodes whole Safe batches for
// owner:verify-batch.) Decodes the calls of a timelock operation into module calls in manifest units
// ("StakeManager.setParameter UNBONDING_PERIOD 7d → 14d") and judges each against the desired
// state: executing it brings the chain to the manifest (matches), changes something the manifest
// does not say (unmanaged), or sets something the manifest does not want (undoes). Pure; used by
// the doctor's timelock queue and the watch's alerts. Small on purpose: timelock calls only.
import { getAddress, id, ZeroAddress, type Interface } from "ethers";

import { formatDuration } from "../deploy/manifest/units.ts";
import {
  moduleInterface,
  systemPauseInterface,
  timelockInterface,
  TIMELOCK_ROLES,
  type TimelockRoleName,
} from "./chain/contracts.ts";
import type { ChainSnapshot } from "./chain/reader.ts";
import type { DesiredState } from "./desired-state.ts";
import { expectedRoleHolders } from "./policy.ts";

export type CallVerdict = "matches" | "unmanaged" | "undoes";

export interface TimelockCall {
  target: string;
  value: bigint;
  data: string;
}

export interface DecodedCall {
  /** "StakeManager", "SystemPause", "MandateTimelock", or the target address. */
  contract: string;
  /** "setParameter", or the 4-byte selector when it is not a known function. */
  function: string;
  /** The call in words, in manifest units. */
  text: string;
  verdict: CallVerdict;
}

/** The worst verdict of an operation's calls: one call that undoes the manifest makes it undo. */
export function operationVerdict(calls: readonly DecodedCall[]): CallVerdict {
  if (calls.some((c) => c.verdict === "undoes")) return "undoes";
  if (calls.some((c) => c.verdict === "unmanaged")) return "unmanaged";
  return "matches";
}

export const VERDICT_WORDS: Record<CallVerdict, string> = {
  matches: "brings the chain to the manifest",
  unmanaged: "changes something the manifest does not say",
  undoes: "undoes the manifest",
};

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const ROLE_NAMES = new Map(
  Object.entries(TIMELOCK_ROLES).map(([name, role]) => [role, name as TimelockRoleName]),
);

/** Decodes one call of an operation; `snapshot` (the chain before it runs) adds "from → to". */
export function decodeTimelockCall(
  desired: DesiredState,
  call: TimelockCall,
  snapshot?: ChainSnapshot,
): DecodedCall {
  const names = addressNames(desired);
  const nameOf = (a: string) => names.get(a.toLowerCase()) ?? getAddress(a);
  const contract = nameOf(call.target);
  const module = desired.modules.find((m) => same(m.address, call.target));
  const iface: Interface | undefined = module
    ? moduleInterface
    : same(call.target, desired.systemPause)
      ? systemPauseInterface
      : same(call.target, desired.timelock)
        ? timelockInterface
        : undefined;
  const parsed = iface?.parseTransaction({ data: call.data, value: call.value });
  if (!parsed) {
    const selector = call.data.slice(0, 10);
    return {
      contract,
      function: selector,
      text: `${contract} call ${selector} (${(call.data.length - 2) / 2} bytes${call.value > 0n ? `, ${call.value} wei` : ""})`,
      verdict: "unmanaged",
    };
  }
  const fn = parsed.name;
  const args = parsed.args;
  const judged = (text: string, verdict: CallVerdict): DecodedCall => ({
    contract,
    function: fn,
    text: `${contract}.${fn}${text === "" ? "" : ` ${text}`}`,
    verdict,
  });
  const wants = (ok: boolean): CallVerdict => (ok ? "matches" : "undoes");

  if (module && fn === "setParameter") {
    const key = args[0] as string;
    const value = args[1] as bigint;
    const name = Object.keys(module.entry.parameters).find((n) => id(n) === key);
    if (name === undefined) return judged(`${key} ${value}`, "unmanaged");
    const spec = module.entry.parameters[name];
    const before = snapshot?.modules[module.name]?.parameters[key];
    const from = before?.ok ? `${spec.format(before.value)} → ` : "";
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
    const before = snapshot?.timelock.minDelay;
    const from = before?.ok ? `${formatDuration(before.value)} → ` : "";
    return judged(`${from}${formatDuration(args[0])}`, wants(args[0] === desired.minDelay));
  }
  if (fn === "grantRole" || fn === "revokeRole") {
    const role = ROLE_NAMES.get(args[0]);
    if (role === undefined) return judged(`${args[0]} ${nameOf(args[1])}`, "unmanaged");
    const expected = expectedRoleHolders(desired)[role].some((h) => same(h, args[1]));
    return judged(`${role} ${nameOf(args[1])}`, wants(expected === (fn === "grantRole")));
  }
  const shown = parsed.fragment.inputs.map((input, i) =>
    input.type === "address" ? nameOf(args[i]) : String(args[i]),
  );
  return judged(shown.join(" "), "unmanaged");
}

/** Names of the system's addresses, as the doctor shows them (lower-case address -> name). */
export function addressNames(desired: DesiredState): Map<string, string> {
  const names = new Map<string, string>();
  names.set(desired.timelock.toLowerCase(), "MandateTimelock");
  names.set(desired.systemPause.toLowerCase(), "SystemPause");
  names.set(ZeroAddress.toLowerCase(), "none (zero address)");
  for (const m of desired.modules) names.set(m.address.toLowerCase(), m.name);
  for (const s of [desired.ownersSafe, ...desired.guardians])
    names.set(s.address.toLowerCase(), s.label);
  return names;
}
