// owner:watch's pure core: which logs of the system's addresses matter, and the alert each becomes
// (kind, severity, a plain sentence), keyed by (block, transaction, log index) so that a range
// processed twice yields the same alerts; and drift alerts, one per diff row whose status changed.
import { getAddress, Interface, type Result } from "ethers";

import { formatDuration } from "../../deploy/manifest/units.ts";
import { timelockInterface, TIMELOCK_ROLES } from "../chain/contracts.ts";
import { addressNames } from "../decode.ts";
import { decodeTimelockCall } from "../decode-queue.ts";
import type { DesiredState } from "../desired-state.ts";
import type { DriftRow } from "../diff.ts";
import { operationVerdict, VERDICT_WORDS, type RawLog } from "../timelock-queue.ts";

export type AlertKind = "authority" | "switch" | "timelock" | "drift" | "watch";
export type Severity = "critical" | "warning" | "info";

export interface Alert {
  /** Position in the journal (reports/<network>/watch/alerts.jsonl), from 1. */
  seq: number;
  /** Unique and stable: `<block>:<tx>:<logIndex>` for a log, `<block>:drift:<subject>:<property>` for drift. */
  key: string;
  block: number;
  tx?: string;
  logIndex?: number;
  kind: AlertKind;
  severity: Severity;
  /** The event or check behind it: "SystemPaused", "RoleGranted", "drift". */
  event: string;
  /** Which contract or Safe: "SystemPause", "Owners Safe", "StakeManager". */
  subject: string;
  message: string;
}

export type NewAlert = Omit<Alert, "seq">;

/**
 * Every event the watch reads: Ownable2Step, IMandateModule and Pausable on the modules, ISystemPause,
 * the timelock's own (from OpenZeppelin's ABI) and Safe 1.4.1's owner management.
 */
const WATCH_EVENTS = new Interface([
  "event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)",
  "event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)",
  "event PauserUpdated(address indexed previousPauser, address indexed newPauser)",
  "event ParameterUpdated(bytes32 indexed key, uint256 previousValue, uint256 newValue)",
  "event Paused(address account)",
  "event Unpaused(address account)",
  "event ModuleAdded(address indexed module)",
  "event ModuleRemoved(address indexed module)",
  "event GuardianAdded(address indexed guardian)",
  "event GuardianRemoved(address indexed guardian)",
  "event SystemPaused(address indexed caller, uint256 modulesPaused)",
  "event SystemUnpaused(address indexed caller, uint256 modulesUnpaused)",
  "event ModulePauseFailed(address indexed module, bool pausing, bytes reason)",
  ...[
    "RoleGranted",
    "RoleRevoked",
    "MinDelayChange",
    "CallScheduled",
    "CallExecuted",
    "Cancelled",
  ].map((name) => timelockInterface.getEvent(name)!),
  "event AddedOwner(address indexed owner)",
  "event RemovedOwner(address indexed owner)",
  "event ChangedThreshold(uint256 threshold)",
]);

/** topic0 -> event name, for every event the watch reads. */
const BY_TOPIC = new Map<string, string>();
WATCH_EVENTS.forEachEvent((e) => BY_TOPIC.set(e.topicHash, e.name));

/** The topic filter of the watch's one eth_getLogs: every watched event, any system address. */
export const WATCH_TOPICS: string[] = [...BY_TOPIC.keys()];

/** Every address the watch reads logs of: modules, SystemPause, the timelock and every Safe. */
export function watchedAddresses(desired: DesiredState): string[] {
  return [
    ...desired.modules.map((m) => m.address),
    desired.systemPause,
    desired.timelock,
    desired.ownersSafe.address,
    ...desired.guardians.map((g) => g.address),
  ];
}

/** Events after which the doctor's diff is run again. */
const CHANGES_STATE = new Set(
  [...BY_TOPIC.values()].filter((n) => n !== "CallScheduled" && n !== "Cancelled"),
);

export interface DerivedAlerts {
  alerts: NewAlert[];
  /** A log that can change what the diff reports arrived: run the diff at the range's end. */
  stateChanged: boolean;
}

const ROLE_NAMES = new Map(Object.entries(TIMELOCK_ROLES).map(([n, r]) => [r, n]));

/**
 * Alerts for the logs of one range, in chain order. A timelock operation's CallScheduled (or
 * CallExecuted) logs of one transaction become one alert, keyed by its first log.
 */
export function deriveAlerts(desired: DesiredState, logs: readonly RawLog[]): DerivedAlerts {
  const names = addressNames(desired);
  const nameOf = (a: string) => names.get(a.toLowerCase()) ?? getAddress(a);
  const ordered = [...logs]
    .filter((l) => l.removed !== true && BY_TOPIC.has(l.topics[0]))
    .sort(
      (a, b) =>
        Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex),
    );
  const alerts: NewAlert[] = [];
  const operations = new Map<
    string,
    { alert: NewAlert; calls: { target: string; value: bigint; data: string }[]; readyIn?: bigint }
  >();
  let stateChanged = false;
  for (const log of ordered) {
    const event = BY_TOPIC.get(log.topics[0])!;
    const args = WATCH_EVENTS.parseLog(log)!.args;
    const block = Number(log.blockNumber);
    const subject = nameOf(log.address);
    const base = {
      key: `${block}:${log.transactionHash}:${Number(log.logIndex)}`,
      block,
      tx: log.transactionHash,
      logIndex: Number(log.logIndex),
      event,
      subject,
    };
    if (CHANGES_STATE.has(event)) stateChanged = true;
    const plain = describeEvent(event, args, subject, nameOf);
    if (plain !== undefined) {
      alerts.push({ ...base, ...plain });
      continue;
    }
    // ParameterUpdated: no alert of its own (the timelock's CallExecuted and the diff say it).
    if (event !== "CallScheduled" && event !== "CallExecuted" && event !== "Cancelled") continue;
    const opKey = `${event}:${log.transactionHash}:${args.id}`;
    let op = operations.get(opKey);
    if (op === undefined) {
      const alert: NewAlert = { ...base, kind: "timelock", severity: "warning", message: "" };
      op = { alert, calls: [] };
      operations.set(opKey, op);
      alerts.push(alert);
    }
    if (event !== "Cancelled")
      op.calls[Number(args.index)] = {
        target: args.target,
        value: args.value,
        data: args.data,
      };
    if (event === "CallScheduled") op.readyIn = args.delay;
  }
  for (const [opKey, op] of operations) {
    const [event, , id] = opKey.split(":");
    const decoded = op.calls.map((c) => decodeTimelockCall(desired, c));
    const verdict = operationVerdict(decoded);
    const what = decoded.map((c) => c.text).join("; ");
    op.alert.severity =
      event === "Cancelled" ? "info" : verdict === "undoes" ? "critical" : "warning";
    op.alert.message =
      event === "Cancelled"
        ? `MandateTimelock: operation ${id} cancelled`
        : `MandateTimelock: operation ${id} ${event === "CallScheduled" ? `scheduled, executable ${formatDuration(op.readyIn ?? 0n)} after block ${op.alert.block}` : "executed"}: ${what}; ${event === "CallScheduled" ? "once executed it" : "it"} ${VERDICT_WORDS[verdict]}`;
  }
  return { alerts, stateChanged };
}

type Described = { kind: AlertKind; severity: Severity; message: string };
const described = (kind: AlertKind, severity: Severity, message: string): Described => ({
  kind,
  severity,
  message,
});

type Describe = (
  args: Result,
  subject: string,
  nameOf: (address: string) => string,
  event: string,
) => Described;

/** The alert of each event that is not part of a timelock operation, by event name. */
const EVENT_ALERTS: Readonly<Record<string, Describe>> = {
  OwnershipTransferStarted: (args, subject, nameOf) =>
    described(
      "authority",
      "critical",
      `${subject}: ownership transfer to ${nameOf(args.newOwner)} started by ${nameOf(args.previousOwner)}`,
    ),
  OwnershipTransferred: (args, subject, nameOf) =>
    described(
      "authority",
      "critical",
      `${subject}: ownership passed from ${nameOf(args.previousOwner)} to ${nameOf(args.newOwner)}`,
    ),
  PauserUpdated: (args, subject, nameOf) =>
    described(
      "authority",
      "critical",
      `${subject}: pauser changed from ${nameOf(args.previousPauser)} to ${nameOf(args.newPauser)}`,
    ),
  ModuleAdded: (args, _, nameOf, event) =>
    described(
      "authority",
      "warning",
      `SystemPause: module ${nameOf(args.module)} ${event === "ModuleAdded" ? "added to" : "removed from"} the switch`,
    ),
  GuardianAdded: (args, _, nameOf, event) =>
    described(
      "authority",
      "critical",
      `SystemPause: guardian ${nameOf(args.guardian)} ${event === "GuardianAdded" ? "added" : "removed"}`,
    ),
  RoleGranted: (args, _, nameOf, event) =>
    described(
      "authority",
      "critical",
      `MandateTimelock: ${ROLE_NAMES.get(args.role) ?? args.role} ${event === "RoleGranted" ? "granted to" : "revoked from"} ${nameOf(args.account)} by ${nameOf(args.sender)}`,
    ),
  MinDelayChange: (args) =>
    described(
      "authority",
      "critical",
      `MandateTimelock: minimum delay changed from ${formatDuration(args.oldDuration)} to ${formatDuration(args.newDuration)}`,
    ),
  AddedOwner: (args, subject, nameOf, event) =>
    described(
      "authority",
      "critical",
      `${subject}: owner ${nameOf(args.owner)} ${event === "AddedOwner" ? "added" : "removed"}`,
    ),
  ChangedThreshold: (args, subject) =>
    described("authority", "critical", `${subject}: threshold changed to ${args.threshold}`),
  Paused: (args, subject, nameOf, event) =>
    described(
      "switch",
      event === "Paused" ? "critical" : "warning",
      `${subject} ${event === "Paused" ? "PAUSED" : "unpaused"} by ${nameOf(args.account)}`,
    ),
  SystemPaused: (args, _, nameOf, event) =>
    described(
      "switch",
      event === "SystemPaused" ? "critical" : "warning",
      `SystemPause: ${event === "SystemPaused" ? `ALL MODULES PAUSED (${args.modulesPaused})` : `all modules unpaused (${args.modulesUnpaused})`} by ${nameOf(args.caller)}`,
    ),
  ModulePauseFailed: (args, _, nameOf) =>
    described(
      "switch",
      "critical",
      `SystemPause: ${args.pausing ? "pausing" : "unpausing"} ${nameOf(args.module)} FAILED: the module did not follow the switch`,
    ),
};
// Each pair of opposite events is told by one entry.
const PAIRED: Readonly<Record<string, string>> = {
  ModuleRemoved: "ModuleAdded",
  GuardianRemoved: "GuardianAdded",
  RoleRevoked: "RoleGranted",
  RemovedOwner: "AddedOwner",
  Unpaused: "Paused",
  SystemUnpaused: "SystemPaused",
};

/** The alert of one log that is not part of a timelock operation; undefined for those. */
function describeEvent(
  event: string,
  args: Result,
  subject: string,
  nameOf: (address: string) => string,
): Described | undefined {
  const describe = Object.hasOwn(EVENT_ALERTS, event)
    ? EVENT_ALERTS[event]
    : Object.hasOwn(PAIRED, event)
      ? EVENT_ALERTS[PAIRED[event]]
      : undefined;
  return describe?.(args, subject, nameOf, event);
}

/** `subject|property` -> status of the last diff the watch ran. */
export type RowStatuses = Record<string, string>;

export const rowKey = (row: Pick<DriftRow, "subject" | "property" | "expected">) =>
  `${row.subject}|${row.property}|${row.expected}`;

/**
 * One alert per row whose status changed since the last diff (`previous`), and one per row that is
 * no longer reported (it held again in another form). The first diff (no previous) alerts every
 * row that is not ok.
 */
export function driftAlerts(
  block: number,
  rows: readonly DriftRow[],
  previous: RowStatuses | undefined,
): { alerts: NewAlert[]; statuses: RowStatuses } {
  const statuses: RowStatuses = {};
  const alerts: NewAlert[] = [];
  for (const row of rows) {
    const key = rowKey(row);
    statuses[key] = row.status;
    const before = previous?.[key] ?? (previous === undefined ? "ok" : "absent");
    if (before === row.status || (before === "absent" && row.status === "ok")) continue;
    const unreadableModule = row.property === "paused" && row.status === "error";
    alerts.push({
      key: `${block}:drift:${key}`,
      block,
      kind: unreadableModule ? "switch" : "drift",
      severity: row.status === "ok" ? "info" : row.status === "error" ? "critical" : "warning",
      event: "drift",
      subject: row.subject,
      message:
        row.status === "ok"
          ? `${row.subject} ${row.property} holds again: ${row.actual}`
          : unreadableModule
            ? `${row.subject} became UNREADABLE: ${row.fix ?? ""}`
            : `${row.subject} ${row.property}: ${row.status === "error" ? "could not be read" : "drifts from the manifest"}: expected ${row.expected}, on chain ${row.actual}`,
    });
  }
  for (const key of Object.keys(previous ?? {}))
    if (!(key in statuses) && previous![key] !== "ok") {
      const [subject, property] = key.split("|");
      alerts.push({
        key: `${block}:drift:${key}`,
        block,
        kind: "drift",
        severity: "info",
        event: "drift",
        subject,
        message: `${subject} ${property} no longer drifts`,
      });
    }
  return { alerts, statuses };
}
