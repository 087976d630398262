// The governance policy: who must hold which authority in a deployed system. The reader asks the chain
// exactly these questions and the diff judges the answers against them, so the check after a deployment
// (deploy:system) and owner:doctor apply one rule set.
import type { TimelockRoleName } from "./chain/contracts.ts";
import type { DesiredState } from "./desired-state.ts";

/**
 * Who must hold each timelock role: the timelock administers itself, the owners' Safe proposes and
 * cancels, the manifest's executors execute.
 */
export function expectedRoleHolders(desired: DesiredState): Record<TimelockRoleName, string[]> {
  return {
    DEFAULT_ADMIN_ROLE: [desired.timelock],
    PROPOSER_ROLE: [desired.ownersSafe.address],
    CANCELLER_ROLE: [desired.ownersSafe.address],
    EXECUTOR_ROLE: desired.executors,
  };
}

/**
 * Accounts that must hold no authority at all: the deployer, once the deployment is handed over (no
 * timelock role, not a guardian, not a Safe owner). Empty when the record names no deployer.
 */
export function accountsWithoutAuthority(desired: DesiredState): string[] {
  return desired.deployer === undefined ? [] : [desired.deployer];
}

/** The key of a `hasRole(role, account)` read in the snapshot. */
export const hasRoleKey = (role: TimelockRoleName, account: string) => `${role}:${account}`;
