// A chain configured like a live network, for the owner tasks' end-to-end tests: a fork of a
// development node that has the system deployed, answering amoy's chain id (80002), with the
// deployment record and a manifest rewritten for it (no "account:N", every address spelled out).
// The tasks then run with `--network amoy`, AMOY_RPC_URL pointing at the fork and no key set.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { startHardhatNode, type HardhatNode } from "./hardhat-node.ts";

export const LIVE_CHAIN_ID = 80002;

export interface LiveNetwork {
  node: HardhatNode;
  /** The environment of a run on `--network amoy` without a key. */
  env: NodeJS.ProcessEnv;
  record: string;
  manifest: string;
}

export async function startLiveFork(
  root: string,
  origin: { url: string; record: string; manifest: string },
  dir: string,
): Promise<LiveNetwork> {
  const node = await startHardhatNode(root, { chainId: LIVE_CHAIN_ID, fork: origin.url });
  const record = JSON.parse(readFileSync(origin.record, "utf8"));
  record.network = "amoy";
  record.chainId = LIVE_CHAIN_ID;
  const manifest = JSON.parse(readFileSync(origin.manifest, "utf8"));
  delete manifest.$schema;
  manifest.network = "amoy";
  manifest.chainId = LIVE_CHAIN_ID;
  manifest.token = record.token;
  const g = record.governance;
  manifest.governance.ownersSafe.owners = g.ownersSafe.owners;
  manifest.governance.guardians.forEach((spec: { owners: string[] }, i: number) => {
    spec.owners = g.guardians[i].owners;
  });
  manifest.governance.treasury = g.treasury;
  const files = { record: join(dir, "amoy-record.json"), manifest: join(dir, "amoy.json") };
  writeFileSync(files.record, JSON.stringify(record, null, 2));
  writeFileSync(files.manifest, JSON.stringify(manifest, null, 2));
  return { node, env: { AMOY_RPC_URL: node.url, AMOY_PRIVATE_KEY: undefined }, ...files };
}
