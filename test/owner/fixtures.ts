// Shared fixtures of the owner-control tests without a chain: a seeded generator (fast-check is not
// installed), a valid manifest and record, and a chain snapshot equal to the desired state.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { getAddress, id, ZeroAddress } from "ethers";

import { parseNetworkConfig } from "../../deploy/manifest/schema.ts";
import { MODULES } from "../../deploy/modules.ts";
import { readOk } from "../../owner/chain/batch.ts";
import type { ChainSnapshot } from "../../owner/chain/reader.ts";
import { accountsWithoutAuthority, expectedRoleHolders, hasRoleKey } from "../../owner/policy.ts";
import { joinDesiredState, type DesiredState } from "../../owner/desired-state.ts";

export const ROOT = new URL("../../", import.meta.url).pathname;

export const addr = (n: number) => getAddress(`0x${n.toString(16).padStart(40, "0")}`);

export function validManifest(): any {
  return JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8"));
}

export function validRecord(): any {
  return {
    network: "hardhat",
    chainId: 31337,
    blocks: { first: 1, last: 16 },
    token: addr(0x70),
    modules: Object.fromEntries(MODULES.map((m, i) => [m.name, addr(0x100 + i)])),
    governance: {
      timelock: addr(0x10),
      minDelaySeconds: "3600",
      systemPause: addr(0x11),
      ownersSafe: { address: addr(0x20), owners: [], threshold: 3 },
      guardians: [{ address: addr(0x21), owners: [], threshold: 2 }],
      executors: [addr(0x20)],
      treasury: addr(0x9009),
    },
  };
}

/** Local accounts 0..19 as the manifest's "account:N" resolve them. */
export const LOCAL = Array.from({ length: 20 }, (_, i) => addr(0x9000 + i));

export function desiredFrom(
  manifest: any = validManifest(),
  record: any = validRecord(),
): DesiredState {
  const config = parseNetworkConfig(manifest, "config/hardhat.json", { purpose: "owner" });
  return joinDesiredState(config, record, {
    network: "hardhat",
    manifestFile: "config/hardhat.json",
    deploymentFile: "config/deployments/hardhat.json",
    modules: MODULES,
  });
}

/** The chain exactly as the desired state says. */
export function snapshotOf(desired: DesiredState): ChainSnapshot {
  const holders = expectedRoleHolders(desired);
  const ownersOf = (refs: DesiredState["ownersSafe"]["owners"]) =>
    (refs ?? []).map((r) => ("address" in r ? r.address : LOCAL[r.localAccount]));
  return {
    chainId: desired.chainId,
    blockNumber: 100,
    localAccounts: LOCAL,
    modules: Object.fromEntries(
      desired.modules.map((m) => [
        m.name,
        {
          address: m.address,
          owner: readOk(desired.timelock),
          pendingOwner: readOk(ZeroAddress),
          pauser: readOk(desired.systemPause),
          paused: readOk(false),
          parameterKeys: readOk(Object.keys(m.parameters).map((n) => id(n))),
          parameters: Object.fromEntries(
            Object.entries(m.parameters).map(([n, v]) => [id(n), readOk(v)]),
          ),
        },
      ]),
    ),
    systemPause: {
      address: desired.systemPause,
      owner: readOk(desired.timelock),
      pendingOwner: readOk(ZeroAddress),
      modules: readOk(desired.modules.map((m) => m.address)),
      guardians: readOk(desired.guardians.map((g) => g.address)),
    },
    timelock: {
      address: desired.timelock,
      minDelay: readOk(desired.minDelay),
      holders: readOk(holders),
      hasRole: Object.fromEntries(
        Object.entries(holders).flatMap(([name, hs]) => [
          ...hs.map((h) => [hasRoleKey(name as never, h), readOk(true)]),
          ...accountsWithoutAuthority(desired).map((a) => [
            hasRoleKey(name as never, a),
            readOk(false),
          ]),
        ]),
      ),
    },
    safes: Object.fromEntries(
      [desired.ownersSafe, ...desired.guardians].map((s) => [
        s.address,
        {
          address: s.address,
          owners: readOk(ownersOf(s.owners)),
          threshold: readOk(s.threshold ?? 1),
        },
      ]),
    ),
    codeHashes: Object.fromEntries(
      desired.code.flatMap((c) =>
        c.runtimeCodeHash === undefined ? [] : [[c.address, readOk(c.runtimeCodeHash.hash)]],
      ),
    ),
    rpc: { requests: 0, roundTrips: 0, posts: 0, transport: "none" },
  };
}
