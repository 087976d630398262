// Reads the deployed system back from chain and checks who controls what: the timelock owns every
// module and SystemPause, SystemPause pauses every module, the owners' Safe proposes and cancels, the
// timelock alone administers itself, and the deployer holds nothing. Returns every check (for the
// authority summary) and fails loudly on any mismatch.
import { Contract, id, ZeroAddress, type Provider } from "ethers";

import {
  decodeRoleLog,
  MODULE_ABI,
  replayRoleEvents,
  SAFE_ABI,
  SYSTEM_PAUSE_ABI,
  TIMELOCK_ABI,
  TIMELOCK_ROLES,
} from "../lib/contracts.ts";
import { DeployError } from "./errors.ts";
import { MODULES, type ModuleEntry } from "./modules.ts";
import type { DeploymentPlan } from "./plan.ts";
import { formatDuration } from "./config/units.ts";

export interface AuthorityCheck {
  subject: string;
  property: string;
  expected: string;
  actual: string;
  ok: boolean;
}

export { TIMELOCK_ROLES };

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));
const list = (xs: readonly string[]) => (xs.length === 0 ? "(none)" : xs.join(", "));

export interface VerifyInput {
  plan: DeploymentPlan;
  /** Configured module parameters in seconds/units, keyed by module then on-chain parameter name. */
  moduleParameters: Record<string, Record<string, unknown>>;
  /** Block from which the timelock's role events are read (its deployment block). */
  fromBlock: number;
  /** Module entries (units of the parameters); default `MODULES`. */
  modules?: readonly ModuleEntry[];
}

export async function verifySystem(
  provider: Provider,
  { plan, moduleParameters, fromBlock, modules = MODULES }: VerifyInput,
): Promise<AuthorityCheck[]> {
  const checks: AuthorityCheck[] = [];
  const check = (
    subject: string,
    property: string,
    expected: unknown,
    actual: unknown,
    ok = String(expected).toLowerCase() === String(actual).toLowerCase(),
  ) => checks.push({ subject, property, expected: String(expected), actual: String(actual), ok });
  const { timelock: timelockAddress, systemPause: systemPauseAddress, deployer } = plan;

  // Modules.
  for (const module of plan.modules) {
    const contract = new Contract(module.address, MODULE_ABI, provider);
    const subject = `${module.name} ${module.address}`;
    check(subject, "owner", timelockAddress, await contract.owner());
    check(subject, "pendingOwner", ZeroAddress, await contract.pendingOwner());
    check(subject, "pauser", systemPauseAddress, await contract.pauser());
    check(subject, "paused", false, await contract.paused());
    const configured = moduleParameters[module.name] ?? {};
    const onChainKeys: string[] = await contract.parameterKeys();
    const names = Object.keys(configured);
    check(
      subject,
      "parameter keys configured",
      `${onChainKeys.length} keys`,
      `${names.filter((n) => onChainKeys.includes(id(n))).length} keys`,
    );
    const spec = modules.find((m) => m.name === module.name)?.parameters ?? {};
    for (const name of names) {
      const value = configured[name];
      const actual: bigint = await contract.parameter(id(name));
      // Raw value and, when the entry declares a unit other than a plain integer, its human form.
      const shown = (v: unknown) =>
        typeof v === "bigint" && spec[name] !== undefined && spec[name].unit !== "integer"
          ? `${v} (${spec[name].format(v)})`
          : String(v);
      check(subject, `parameter ${name}`, shown(value), shown(actual));
    }
  }

  // SystemPause.
  const systemPause = new Contract(systemPauseAddress, SYSTEM_PAUSE_ABI, provider);
  const spSubject = `SystemPause ${systemPauseAddress}`;
  check(spSubject, "owner", timelockAddress, await systemPause.owner());
  check(spSubject, "pendingOwner", ZeroAddress, await systemPause.pendingOwner());
  const registered: string[] = [...(await systemPause.modules())];
  check(
    spSubject,
    "modules",
    list(plan.modules.map((m) => m.address)),
    list(registered),
    sameSet(
      registered,
      plan.modules.map((m) => m.address),
    ),
  );
  const guardians: string[] = [...(await systemPause.guardians())];
  const plannedGuardians = plan.governance.guardians.map((g) => g.address);
  check(
    spSubject,
    "guardians",
    list(plannedGuardians),
    list(guardians),
    sameSet(guardians, plannedGuardians),
  );
  check(
    spSubject,
    "deployer is a guardian",
    false,
    guardians.some((g) => g.toLowerCase() === deployer.toLowerCase()),
  );

  // Timelock: role members rebuilt from RoleGranted/RoleRevoked events (TimelockController does not enumerate).
  const timelock = new Contract(timelockAddress, TIMELOCK_ABI, provider);
  const tlSubject = `MandateTimelock ${timelockAddress}`;
  check(
    tlSubject,
    "minDelay",
    `${plan.governance.minDelay} (${formatDuration(plan.governance.minDelay)})`,
    `${await timelock.getMinDelay()} (${formatDuration(await timelock.getMinDelay())})`,
  );
  const logs = [
    ...(await timelock.queryFilter(timelock.filters.RoleGranted(), fromBlock)),
    ...(await timelock.queryFilter(timelock.filters.RoleRevoked(), fromBlock)),
  ];
  const members = replayRoleEvents(logs.flatMap((log) => decodeRoleLog(log) ?? []));
  const expectedMembers: Record<keyof typeof TIMELOCK_ROLES, string[]> = {
    DEFAULT_ADMIN_ROLE: [timelockAddress],
    PROPOSER_ROLE: [plan.governance.ownersSafe.address],
    CANCELLER_ROLE: [plan.governance.ownersSafe.address],
    EXECUTOR_ROLE: plan.governance.executors,
  };
  for (const [name, role] of Object.entries(TIMELOCK_ROLES) as [
    keyof typeof TIMELOCK_ROLES,
    string,
  ][]) {
    const holders = [...(members.get(role) ?? [])];
    check(
      tlSubject,
      `${name} holders`,
      list(expectedMembers[name]),
      list(holders),
      sameSet(holders, expectedMembers[name]),
    );
    for (const holder of expectedMembers[name])
      check(tlSubject, `hasRole(${name}, ${holder})`, true, await timelock.hasRole(role, holder));
    check(
      tlSubject,
      `hasRole(${name}, deployer ${deployer})`,
      false,
      await timelock.hasRole(role, deployer),
    );
  }

  // Safes.
  const safes = [
    ["Owners Safe", plan.governance.ownersSafe] as const,
    ...plan.governance.guardians.map((g, i) => [`Guardian Safe ${i}`, g] as const),
  ];
  for (const [label, safe] of safes) {
    const contract = new Contract(safe.address, SAFE_ABI, provider);
    const subject = `${label} ${safe.address}`;
    const owners: string[] = [...(await contract.getOwners())];
    const threshold = Number(await contract.getThreshold());
    if (safe.owners !== undefined)
      check(subject, "owners", list(safe.owners), list(owners), sameSet(owners, safe.owners));
    else check(subject, "owners", "(as found)", list(owners), true);
    check(
      subject,
      "threshold",
      safe.threshold ?? `(as found) ${threshold}`,
      safe.threshold === undefined ? `(as found) ${threshold}` : `${threshold} of ${owners.length}`,
      safe.threshold === undefined || safe.threshold === threshold,
    );
    check(
      subject,
      "deployer is an owner",
      false,
      owners.some((o) => o.toLowerCase() === deployer.toLowerCase()),
    );
  }
  return checks;
}

/** A readable "who controls what" table, failed checks marked. */
export function formatAuthoritySummary(
  plan: DeploymentPlan,
  checks: readonly AuthorityCheck[],
): string {
  const lines = [
    `Authority summary: ${plan.network} (chain ${plan.chainId}), deployer ${plan.deployer}`,
    `  token ${plan.token}, treasury ${plan.governance.treasury}, arbitrator ${plan.governance.arbitrator}`,
  ];
  let subject = "";
  for (const c of checks) {
    if (c.subject !== subject) {
      subject = c.subject;
      lines.push(`  ${subject}`);
    }
    lines.push(
      c.ok
        ? `    ok    ${c.property}: ${c.actual}`
        : `    FAIL  ${c.property}: expected ${c.expected}, found ${c.actual}`,
    );
  }
  const failed = checks.filter((c) => !c.ok).length;
  lines.push(
    failed === 0
      ? `  all ${checks.length} checks passed; the deployer holds no role and no ownership`
      : `  ${failed} of ${checks.length} checks FAILED`,
  );
  return lines.join("\n");
}

export function assertChecksPass(checks: readonly AuthorityCheck[]): void {
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new DeployError(
      "VERIFICATION_FAILED",
      `the deployed system does not have the intended authority (${failed.length} check(s) failed)`,
      failed.map((c) => `${c.subject}: ${c.property}: expected ${c.expected}, found ${c.actual}`),
    );
  }
}
