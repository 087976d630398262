// The one calldata decoder, for people: every address named from the manifest and record, every call
// parsed with its target's interface, module parameters in manifest units. Two views of it:
// - owner:verify-batch's tree: a Safe transaction recursively through MultiSend and the timelock's
//   schedule/execute(Batch) down to the module calls (`StakeManager.UNBONDING_PERIOD: 7d -> 14d
//   (bounds 1h..60d)`), with the risks a signer must see flagged (delegatecall, owner/threshold/role
//   changes, the timelock delay, ownership, unknown calls);
// - the timelock queue's calls (the doctor and owner:watch), each judged against the desired state
//   by owner/decode-queue.ts with the parsing and names below.
// Pure: names, parameter tables and current values come in through the context.
import { getAddress, id, ZeroAddress, type Interface, type Result } from "ethers";

import { formatDuration } from "../deploy/manifest/units.ts";
import type { ModuleEntry } from "../deploy/modules.ts";
import { safeInterface } from "../deploy/safe.ts";
import {
  moduleInterface,
  systemPauseInterface,
  timelockInterface,
  TIMELOCK_ROLES,
  type TimelockRoleName,
} from "./chain/contracts.ts";
import type { ChainSnapshot } from "./chain/reader.ts";
import type { DesiredState } from "./desired-state.ts";
import { SENTINEL_OWNERS } from "./rotation.ts";
import { decodeMultiSend, multiSendInterface } from "./safe/multisend.ts";

export type RiskKind =
  | "delegatecall"
  | "owners"
  | "threshold"
  | "role"
  | "timelock-delay"
  | "ownership"
  | "guardians"
  | "safe-config"
  | "gas-refund"
  | "bounds"
  | "unknown-call";

export interface Risk {
  kind: RiskKind;
  text: string;
}

export type TargetKind = "module" | "timelock" | "systemPause" | "safe" | "multisend";

export interface KnownTarget {
  name: string;
  kind: TargetKind;
  module?: ModuleEntry;
}

export interface DecodeContext {
  /** Known addresses (lowercase keys). */
  targets: Map<string, KnownTarget>;
  /** A module parameter's value on chain now, by module address and parameter name. */
  parameterNow?(module: string, name: string): bigint | undefined;
  /** The timelock's delay now; a Safe's threshold now. */
  minDelayNow?: bigint;
  thresholdNow?(safe: string): number | undefined;
}

export interface DecodedCall {
  operation: "call" | "delegatecall";
  to: string;
  toName: string;
  value: bigint;
  /** One line, in manifest units where the call is a known one. */
  summary: string;
  children: DecodedCall[];
  risks: Risk[];
}

export const ROLE_NAMES = new Map(
  Object.entries(TIMELOCK_ROLES).map(([name, hash]) => [hash, name as TimelockRoleName]),
);
export const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Every address the manifest and record know, with its name and kind (lowercase keys). */
export function knownTargets(desired: DesiredState): Map<string, KnownTarget> {
  const targets = new Map<string, KnownTarget>();
  targets.set(desired.timelock.toLowerCase(), { name: "MandateTimelock", kind: "timelock" });
  targets.set(desired.systemPause.toLowerCase(), { name: "SystemPause", kind: "systemPause" });
  for (const m of desired.modules)
    targets.set(m.address.toLowerCase(), { name: m.name, kind: "module", module: m.entry });
  for (const s of [desired.ownersSafe, ...desired.guardians])
    targets.set(s.address.toLowerCase(), { name: s.label, kind: "safe" });
  for (const name of ["MultiSend", "MultiSendCallOnly"])
    if (desired.safeSuite?.[name] !== undefined)
      targets.set(desired.safeSuite[name].toLowerCase(), { name, kind: "multisend" });
  return targets;
}

/** Names of the system's addresses, as the doctor shows them (lower-case address -> name). */
export function addressNames(desired: DesiredState): Map<string, string> {
  const names = new Map([...knownTargets(desired)].map(([a, t]) => [a, t.name]));
  names.set(ZeroAddress.toLowerCase(), "none (zero address)");
  return names;
}

/** The decoder's context from the desired state and, for "from -> to", the chain read before. */
export function decodeContext(desired: DesiredState, snapshot?: ChainSnapshot): DecodeContext {
  const modules = new Map(desired.modules.map((m) => [m.address.toLowerCase(), m]));
  const minDelay = snapshot?.timelock.minDelay;
  return {
    targets: knownTargets(desired),
    parameterNow: (module, name) => {
      const m = modules.get(module.toLowerCase());
      const read = m && snapshot?.modules[m.name]?.parameters[id(name)];
      return read?.ok ? read.value : undefined;
    },
    minDelayNow: minDelay?.ok ? minDelay.value : undefined,
    thresholdNow: (safe) => {
      const s = Object.values(snapshot?.safes ?? {}).find((x) => same(x.address, safe));
      return s?.threshold.ok ? s.threshold.value : undefined;
    },
  };
}

/** An address by its name: the owner list's sentinel, the zero address, a known target, else checksummed. */
export function nameIn(ctx: DecodeContext): (a: string) => string {
  return (a) =>
    a.toLowerCase() === SENTINEL_OWNERS
      ? "SENTINEL (head of the owner list)"
      : same(a, ZeroAddress)
        ? "none (zero address)"
        : (ctx.targets.get(String(a).toLowerCase())?.name ?? getAddress(a));
}

/** A module's parameter by its key (keccak256 of the name), with its spec. */
export function parameterOf(entry: ModuleEntry, key: string) {
  return Object.entries(entry.parameters).find(([n]) => id(n) === key);
}

/** Decodes one call (operation 0) or delegatecall (1) and everything it carries. */
export function decodeCallTree(
  call: { to: string; value: bigint; data: string; operation?: number },
  ctx: DecodeContext,
): DecodedCall {
  const to = getAddress(call.to);
  const known = ctx.targets.get(to.toLowerCase());
  const node: DecodedCall = {
    operation: call.operation === 1 ? "delegatecall" : "call",
    to,
    toName: known?.name ?? to,
    value: call.value,
    summary: "",
    children: [],
    risks: [],
  };
  const risk = (kind: RiskKind, text: string) => node.risks.push({ kind, text });
  const name = nameIn(ctx);
  const selector = call.data.slice(0, 10).toLowerCase();
  if (selector === multiSendInterface.getFunction("multiSend")!.selector) {
    node.children = decodeMultiSend(call.data).map((t) => decodeCallTree(t, ctx));
    node.summary = `MultiSend of ${node.children.length} transaction(s)`;
    if (node.operation === "delegatecall" && known?.kind !== "multisend")
      risk("delegatecall", `delegatecall into ${to}, which is not a known MultiSend contract`);
    return node;
  }
  if (node.operation === "delegatecall")
    risk(
      "delegatecall",
      `delegatecall into ${node.toName}: its code runs as the Safe and can change anything in it`,
    );
  if (call.data === "0x" || call.data === "") {
    node.summary = `transfer ${call.value} wei to ${node.toName}`;
    return node;
  }
  const parsed = parseCall(call, known?.kind);
  if (parsed === undefined) {
    node.summary = `${node.toName}: unknown function ${selector} (${(call.data.length - 2) / 2} bytes)`;
    risk("unknown-call", `${node.summary}: not decoded, check it by other means`);
    return node;
  }
  const { fn, args, kind } = parsed;
  const contract = known?.name ?? (kind === "safe" ? `Safe ${to}` : to);
  node.summary = `${contract}.${fn}(${args.map((a) => showArg(a, name)).join(", ")})`;
  if (kind === "timelock") decodeTimelock(node, fn, args, ctx, name, risk);
  else if (kind === "module") decodeModule(node, known, fn, args, ctx, risk);
  else if (kind === "safe") decodeSafe(node, fn, args, ctx, name, risk);
  else if (kind === "systemPause") {
    if (/Guardian$/.test(fn)) risk("guardians", `${node.summary}: changes who can pause`);
    if (/Module$/.test(fn)) risk("ownership", `${node.summary}: changes what the switch pauses`);
  }
  if (fn === "transferOwnership" || fn === "setPauser")
    risk("ownership", `${node.summary}: hands control of ${contract} to ${name(args[0])}`);
  if (call.value > 0n) node.summary += ` with ${call.value} wei`;
  return node;
}

const INTERFACES: [TargetKind, Interface][] = [
  ["timelock", timelockInterface],
  ["safe", safeInterface],
  ["systemPause", systemPauseInterface],
  ["module", moduleInterface],
];

/**
 * The call parsed with its target's interface, else (unless `onlyTarget`) with the first known
 * interface its selector matches.
 */
export function parseCall(
  call: { data: string; value: bigint },
  kind: TargetKind | undefined,
  onlyTarget = false,
): { fn: string; args: Result; kind: TargetKind; inputs: readonly { type: string }[] } | undefined {
  const ordered = [
    ...INTERFACES.filter(([k]) => k === kind),
    ...(onlyTarget ? [] : INTERFACES.filter(([k]) => k !== kind)),
  ];
  for (const [k, iface] of ordered) {
    try {
      const parsed = iface.parseTransaction({ data: call.data, value: call.value });
      if (parsed !== null)
        return { fn: parsed.name, args: parsed.args, kind: k, inputs: parsed.fragment.inputs };
    } catch {
      /* not this interface */
    }
  }
  return undefined;
}

function showArg(value: unknown, name: (a: string) => string): string {
  if (typeof value === "string" && /^0x[0-9a-fA-F]{40}$/.test(value)) return name(value);
  if (typeof value === "string" && ROLE_NAMES.has(value)) return ROLE_NAMES.get(value)!;
  if (typeof value === "string" && value.length > 74)
    return `${value.slice(0, 18)}…(${(value.length - 2) / 2} bytes)`;
  if (Array.isArray(value)) return `[${value.map((v) => showArg(v, name)).join(", ")}]`;
  return String(value);
}

type RiskSink = (kind: RiskKind, text: string) => void;

function decodeTimelock(
  node: DecodedCall,
  fn: string,
  args: Result,
  ctx: DecodeContext,
  name: (a: string) => string,
  risk: RiskSink,
): void {
  const inner = (targets: string[], values: bigint[], payloads: string[]) =>
    targets.map((t, i) => decodeCallTree({ to: t, value: values[i], data: payloads[i] }, ctx));
  if (fn === "scheduleBatch" || fn === "executeBatch") {
    node.children = inner([...args[0]], [...args[1]], [...args[2]]);
    node.summary = `${node.toName}.${fn}: ${node.children.length} call(s)${fn === "scheduleBatch" ? `, delay ${formatDuration(args[5])}` : ""}, salt ${args[4]}`;
  } else if (fn === "schedule" || fn === "execute") {
    node.children = inner([args[0]], [args[1]], [args[2]]);
    node.summary = `${node.toName}.${fn}: 1 call${fn === "schedule" ? `, delay ${formatDuration(args[5])}` : ""}, salt ${args[4]}`;
  } else if (fn === "updateDelay") {
    const now = ctx.minDelayNow === undefined ? "?" : formatDuration(ctx.minDelayNow);
    node.summary = `${node.toName} delay: ${now} → ${formatDuration(args[0])}`;
    risk("timelock-delay", `${node.summary}: changes how long every future change waits`);
  } else if (fn === "grantRole" || fn === "revokeRole" || fn === "renounceRole")
    risk(
      "role",
      `${node.toName}: ${fn} ${ROLE_NAMES.get(args[0]) ?? args[0]} ${fn === "grantRole" ? "to" : "from"} ${name(args[1])}`,
    );
}

function decodeModule(
  node: DecodedCall,
  known: KnownTarget | undefined,
  fn: string,
  args: Result,
  ctx: DecodeContext,
  risk: RiskSink,
): void {
  if (fn !== "setParameter" || known?.module === undefined) return;
  const found = parameterOf(known.module, args[0]);
  if (found === undefined) {
    node.summary = `${known.name}.setParameter(${args[0]}, ${args[1]}): a key ${known.name} does not declare`;
    risk("unknown-call", node.summary);
    return;
  }
  const [param, spec] = found;
  const value = args[1] as bigint;
  const now = ctx.parameterNow?.(node.to, param);
  const bounds = `${spec.format(spec.bounds.min)}..${spec.format(spec.bounds.max)}`;
  node.summary = `${known.name}.${param}: ${now === undefined ? "?" : spec.format(now)} → ${spec.format(value)} (bounds ${bounds})`;
  if (value < spec.bounds.min || value > spec.bounds.max)
    risk("bounds", `${node.summary}: outside the bounds, the module will refuse it`);
}

function decodeSafe(
  node: DecodedCall,
  fn: string,
  args: Result,
  ctx: DecodeContext,
  name: (a: string) => string,
  risk: RiskSink,
): void {
  const safe = node.toName;
  const now = ctx.thresholdNow?.(node.to);
  if (fn === "swapOwner")
    risk("owners", `${safe}: owner ${name(args[1])} replaced by ${name(args[2])}`);
  else if (fn === "addOwnerWithThreshold")
    risk("owners", `${safe}: owner ${name(args[0])} added, threshold ${now ?? "?"} → ${args[1]}`);
  else if (fn === "removeOwner")
    risk("owners", `${safe}: owner ${name(args[1])} removed, threshold ${now ?? "?"} → ${args[2]}`);
  else if (fn === "changeThreshold") {
    node.summary = `${safe} threshold: ${now ?? "?"} → ${args[0]}`;
    risk("threshold", node.summary);
  } else if (
    ["enableModule", "disableModule", "setGuard", "setFallbackHandler", "setup"].includes(fn)
  )
    risk("safe-config", `${node.summary}: changes who or what can act for the Safe`);
  else if (fn === "execTransaction")
    risk("unknown-call", `${node.summary}: a transaction of another Safe, not decoded further`);
}

/** Every risk in the tree, depth first. */
export function risksOf(node: DecodedCall): Risk[] {
  return [...node.risks, ...node.children.flatMap(risksOf)];
}

/** The tree as indented lines ("- " per level). */
export function formatCallTree(node: DecodedCall, depth = 0): string[] {
  const pad = "  ".repeat(depth);
  const head = `${pad}- ${node.operation === "delegatecall" ? "DELEGATECALL " : ""}${node.summary}`;
  return [head, ...node.children.flatMap((c) => formatCallTree(c, depth + 1))];
}
