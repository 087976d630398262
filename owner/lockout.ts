// Lockout protection (pure): the governance a plan leaves behind, and the rules it must keep so the
// owners can still govern afterwards. A change that breaks one would leave the tool unable to undo
// it (every later timelock operation fails), so update-all refuses it unless told
// --allow-governance-change, and then prints the rule first. owner/simulate.ts proves the same
// post-state on chain: a no-op scheduled, executed and cancelled through the new roles.
import { TIMELOCK_ROLES, type TimelockRoleName } from "./chain/contracts.ts";
import type { ChainSnapshot } from "./chain/reader.ts";
import { same } from "./diff/context.ts";
import type { DesiredState } from "./desired-state.ts";
import type { PlanStep } from "./plan.ts";

/** The governance that matters for lockout, as it will be once a plan has run. */
export interface GovernanceState {
  timelock: string;
  /** Who must be able to schedule, execute and cancel: the owners' Safe (the manifest's proposer). */
  ownersSafe: string;
  roles: Record<TimelockRoleName, string[]>;
  guardians: string[];
  safes: { label: string; address: string; owners: number; threshold: number; path: string }[];
}

export type LockoutRule =
  | "OWNERS_CAN_GOVERN"
  | "SAFE_THRESHOLD_REACHABLE"
  | "TIMELOCK_HAS_NO_ADMIN"
  | "SYSTEMPAUSE_KEEPS_A_GUARDIAN";

export interface GovernanceBreak {
  rule: LockoutRule;
  /** Where the manifest asks for it: `file: json.path`. */
  where: string;
  message: string;
}

/** The manifest path of a Safe ("Owners Safe" -> governance.ownersSafe, "Guardian 1" -> governance.guardians[1]). */
const safePath = (label: string) => {
  const index = /^Guardian (\d+)$/.exec(label)?.[1];
  return index === undefined ? "governance.ownersSafe" : `governance.guardians[${index}]`;
};

/**
 * The post-change governance: the snapshot's role holders, guardians and Safe thresholds with the
 * plan's grantRole/revokeRole, addGuardian/removeGuardian and changeThreshold applied. Calls left
 * out by --only/--skip are not in the plan, so what they would have changed stays as it is.
 */
export function governanceAfter(
  desired: DesiredState,
  snapshot: ChainSnapshot,
  steps: readonly PlanStep[],
): GovernanceState {
  const tl = snapshot.timelock;
  const roles = {} as Record<TimelockRoleName, string[]>;
  for (const name of Object.keys(TIMELOCK_ROLES) as TimelockRoleName[]) {
    const fromEvents = tl.holders.ok ? tl.holders.value[name] : [];
    // hasRole of the accounts the reader asked about is authoritative; events find the others.
    const asked = Object.entries(tl.hasRole).flatMap(([key, read]) =>
      key.startsWith(`${name}:`) && read.ok
        ? [{ account: key.slice(name.length + 1), has: read.value }]
        : [],
    );
    roles[name] = [
      ...fromEvents.filter((h) => !asked.some((a) => same(a.account, h) && !a.has)),
      ...asked
        .filter((a) => a.has && !fromEvents.some((h) => same(h, a.account)))
        .map((a) => a.account),
    ];
  }
  const sp = snapshot.systemPause;
  let guardians = sp.guardians.ok ? [...sp.guardians.value] : [];
  const safes = [desired.ownersSafe, ...desired.guardians].map((s) => {
    const read = snapshot.safes[s.address];
    return {
      label: s.label,
      address: s.address,
      owners: read?.owners.ok ? read.owners.value.length : 0,
      threshold: read?.threshold.ok ? read.threshold.value : 0,
      path: safePath(s.label),
    };
  });
  const roleName = (hash: string) =>
    (Object.keys(TIMELOCK_ROLES) as TimelockRoleName[]).find((n) => TIMELOCK_ROLES[n] === hash);
  for (const { row } of steps) {
    const call = row.call;
    if (call === undefined) continue;
    const [first, second] = call.args;
    if (
      call.contract === "MandateTimelock" &&
      (call.function === "grantRole" || call.function === "revokeRole")
    ) {
      const name = roleName(first);
      if (name === undefined) continue;
      roles[name] = roles[name].filter((h) => !same(h, second));
      if (call.function === "grantRole") roles[name].push(second);
    } else if (call.contract === "SystemPause" && call.function === "addGuardian")
      guardians = [...guardians.filter((g) => !same(g, first)), first];
    else if (call.contract === "SystemPause" && call.function === "removeGuardian")
      guardians = guardians.filter((g) => !same(g, first));
    else if (call.contract === "Safe" && call.function === "changeThreshold") {
      const safe = safes.find((s) => same(s.address, call.target));
      if (safe !== undefined) safe.threshold = Number(first);
    }
  }
  return {
    timelock: desired.timelock,
    ownersSafe: desired.ownersSafe.address,
    roles,
    guardians,
    safes,
  };
}

/** An EXECUTOR_ROLE held by the zero address lets anyone execute (OpenZeppelin's open role). */
const OPEN_ROLE = "0x0000000000000000000000000000000000000000";

/**
 * The rules a post-change governance must keep: the owners' Safe can still schedule, execute and
 * cancel on the timelock; every Safe's threshold is at most its owners; the timelock has no admin
 * but itself; SystemPause keeps at least one guardian. Each break names the rule and the manifest
 * path that asks for it.
 */
export function governanceBreaks(state: GovernanceState, manifestFile: string): GovernanceBreak[] {
  const breaks: GovernanceBreak[] = [];
  const holds = (name: TimelockRoleName, account: string) =>
    state.roles[name].some((h) => same(h, account));
  const missing = (["PROPOSER_ROLE", "EXECUTOR_ROLE", "CANCELLER_ROLE"] as const).filter(
    (name) =>
      !holds(name, state.ownersSafe) && !(name === "EXECUTOR_ROLE" && holds(name, OPEN_ROLE)),
  );
  for (const name of missing)
    breaks.push({
      rule: "OWNERS_CAN_GOVERN",
      where: `${manifestFile}: ${name === "EXECUTOR_ROLE" ? "governance.executors" : "governance.ownersSafe"}`,
      message: `after this change the owners' Safe ${state.ownersSafe} would no longer hold ${name} on the timelock (holders: ${state.roles[name].join(", ") || "none"}), so it could not ${name === "PROPOSER_ROLE" ? "schedule" : name === "EXECUTOR_ROLE" ? "execute" : "cancel"} operations, including one that undoes this`,
    });
  for (const safe of state.safes)
    if (safe.threshold < 1 || safe.threshold > safe.owners)
      breaks.push({
        rule: "SAFE_THRESHOLD_REACHABLE",
        where: `${manifestFile}: ${safe.path}.threshold`,
        message: `after this change the ${safe.label} ${safe.address} would need ${safe.threshold} signatures from its ${safe.owners} owner(s): it could never sign again`,
      });
  const admins = state.roles.DEFAULT_ADMIN_ROLE.filter((h) => !same(h, state.timelock));
  if (admins.length > 0)
    breaks.push({
      rule: "TIMELOCK_HAS_NO_ADMIN",
      where: `${manifestFile}: governance`,
      message: `after this change ${admins.join(", ")} would still hold DEFAULT_ADMIN_ROLE on the timelock: it could grant any role without the delay`,
    });
  if (state.guardians.length === 0)
    breaks.push({
      rule: "SYSTEMPAUSE_KEEPS_A_GUARDIAN",
      where: `${manifestFile}: governance.guardians`,
      message:
        "after this change SystemPause would have no guardian: nobody could pause the system in an incident",
    });
  return breaks;
}

/** One line per break, as the refusal, the plan's first line and every batch description say it. */
export const formatBreak = (b: GovernanceBreak): string =>
  `GOVERNANCE CHANGE breaks ${b.rule} (${b.where}): ${b.message}`;

/**
 * The breaks a plan would add: rules the post-change governance breaks that the current one keeps
 * (a rule broken already, e.g. by a change made outside the tool, is the doctor's to report).
 */
export function newGovernanceBreaks(
  desired: DesiredState,
  snapshot: ChainSnapshot,
  steps: readonly PlanStep[],
): GovernanceBreak[] {
  const key = (b: GovernanceBreak) => `${b.rule} ${b.where}`;
  const now = new Set(
    governanceBreaks(governanceAfter(desired, snapshot, []), desired.manifestFile).map(key),
  );
  return governanceBreaks(governanceAfter(desired, snapshot, steps), desired.manifestFile).filter(
    (b) => !now.has(key(b)),
  );
}
