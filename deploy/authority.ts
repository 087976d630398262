// Authority checks on the resolved plan, before the first transaction. The schema sees the file as
// written; only after "account:N" is resolved and the deployer known can it be seen that two owners
// are one account, that the deployer would keep power the verification forbids (a Safe owner, an
// executor, the treasury), or that an executor is listed twice. Each is refused naming file and path.
import { getAddress } from "ethers";

import { describeAccountRef, type AccountRef } from "./manifest/fields.ts";
import type { NetworkConfig } from "./manifest/schema.ts";
import { DeployError } from "./errors.ts";
import type { DeploymentPlan } from "./plan.ts";

interface Problem {
  path: string;
  message: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** How a configured value reads, with the address it resolved to when that differs. */
const shown = (written: string, resolved: string) =>
  same(written, resolved) ? resolved : `${written} (${resolved})`;

export function checkAuthority(config: NetworkConfig, plan: DeploymentPlan): Problem[] {
  const problems: Problem[] = [];
  const deployer = getAddress(plan.deployer);
  const safes = [
    ["governance.ownersSafe", config.governance.ownersSafe, plan.governance.ownersSafe] as const,
    ...config.governance.guardians.map(
      (spec, i) => [`governance.guardians[${i}]`, spec, plan.governance.guardians[i]] as const,
    ),
  ];
  for (const [path, spec, planned] of safes) {
    const written = (spec.owners ?? []).map((ref: AccountRef) => describeAccountRef(ref));
    const owners = planned.owners ?? [];
    owners.forEach((owner, j) => {
      const first = owners.findIndex((o) => same(o, owner));
      if (first < j)
        problems.push({
          path: `${path}.owners[${j}]`,
          message: `expected distinct owners, found ${shown(written[j], owner)}, the same account as owners[${first}] ${written[first]}`,
        });
      if (same(owner, deployer))
        problems.push({
          path: `${path}.owners[${j}]`,
          message: `expected an account other than the deployer, found ${shown(written[j], owner)}, the deployer (it must hold no authority once the system is handed over)`,
        });
    });
  }
  const executors = plan.governance.executors;
  executors.forEach((executor, j) => {
    const writtenJ = String(config.governance.executors[j]);
    const first = executors.findIndex((e) => same(e, executor));
    if (first < j)
      problems.push({
        path: `governance.executors[${j}]`,
        message: `expected distinct executors, found ${shown(writtenJ, executor)}, the same as executors[${first}] ${String(config.governance.executors[first])}`,
      });
    if (same(executor, deployer))
      problems.push({
        path: `governance.executors[${j}]`,
        message: `expected an account other than the deployer, found ${shown(writtenJ, executor)}, the deployer (it must hold no timelock role)`,
      });
  });
  const single = [
    ["governance.treasury", config.governance.treasury, plan.governance.treasury],
    ["governance.arbitrator", config.governance.arbitrator, plan.governance.arbitrator],
  ] as const;
  for (const [path, ref, resolved] of single) {
    if (!same(resolved, deployer)) continue;
    const written = typeof ref === "string" ? ref : describeAccountRef(ref);
    problems.push({
      path,
      message: `expected an account other than the deployer, found ${shown(written, resolved)}, the deployer (it must keep nothing once the system is handed over)`,
    });
  }
  return problems;
}

/** Throws CONFIG_INVALID listing every authority problem; nothing has been sent when it does. */
export function assertAuthority(config: NetworkConfig, plan: DeploymentPlan, file: string): void {
  const problems = checkAuthority(config, plan);
  if (problems.length === 0) return;
  throw new DeployError(
    "CONFIG_INVALID",
    `${file} gives authority the deployment must not create (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was sent:`,
    problems.map((p) => `${file}: ${p.path}: ${p.message}`),
  );
}
