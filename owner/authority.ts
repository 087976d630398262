// Who controls what, as the chain answered at the pinned block: each module's and SystemPause's
// owner (and a pending one), each module's pauser, SystemPause's guardians and the timelock's role
// holders, as named edges. Pure. An edge the governance policy does not expect is marked; the status
// page draws these as its authority graph.
import { getAddress, ZeroAddress } from "ethers";

import type { ChainSnapshot } from "./chain/reader.ts";
import { TIMELOCK_ROLES, type TimelockRoleName } from "./chain/contracts.ts";
import { addressNames } from "./decode.ts";
import type { DesiredState } from "./desired-state.ts";
import { expectedRoleHolders } from "./policy.ts";

export interface AuthorityEdge {
  from: string;
  to: string;
  /** "owns", "pending owner of", "pauses", "guards", "proposes", "executes", "cancels", "administers". */
  label: string;
  /** On chain but not what the manifest and the governance policy say. */
  unexpected: boolean;
}

const ROLE_LABELS: Record<TimelockRoleName, string> = {
  DEFAULT_ADMIN_ROLE: "administers",
  PROPOSER_ROLE: "proposes",
  EXECUTOR_ROLE: "executes",
  CANCELLER_ROLE: "cancels",
};

export function authorityEdges(desired: DesiredState, snapshot: ChainSnapshot): AuthorityEdge[] {
  const names = addressNames(desired);
  const nameOf = (a: string) => names.get(a.toLowerCase()) ?? getAddress(a);
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const edges: AuthorityEdge[] = [];
  const edge = (from: string, label: string, to: string, expected: boolean) =>
    edges.push({ from: nameOf(from), to, label, unexpected: !expected });
  const owned = (
    name: string,
    owner: ChainSnapshot["systemPause"]["owner"],
    pending: typeof owner,
  ) => {
    if (owner.ok) edge(owner.value, "owns", name, same(owner.value, desired.timelock));
    if (pending.ok && !same(pending.value, ZeroAddress))
      edge(pending.value, "pending owner of", name, false);
  };
  for (const m of desired.modules) {
    const s = snapshot.modules[m.name];
    owned(m.name, s.owner, s.pendingOwner);
    if (s.pauser.ok)
      edge(s.pauser.value, "pauses", m.name, same(s.pauser.value, desired.systemPause));
  }
  const sp = snapshot.systemPause;
  owned("SystemPause", sp.owner, sp.pendingOwner);
  if (sp.guardians.ok)
    for (const g of sp.guardians.value)
      edge(
        g,
        "guards",
        "SystemPause",
        desired.guardians.some((d) => same(d.address, g)),
      );
  const expected = expectedRoleHolders(desired);
  const holders = snapshot.timelock.holders;
  if (holders.ok)
    for (const role of Object.keys(TIMELOCK_ROLES) as TimelockRoleName[])
      for (const h of holders.value[role])
        edge(
          h,
          ROLE_LABELS[role],
          "MandateTimelock",
          expected[role].some((e) => same(e, h)),
        );
  return edges;
}
