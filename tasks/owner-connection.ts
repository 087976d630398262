// How owner-control tasks reach the chain. Reads never go through Hardhat's connection for http
// networks: a batching transport is built from the network's URL, so a dead RPC is reported by us
// (exit 2) and every read of a command shares one block and a constant number of round trips.
import { join, resolve } from "node:path";

import type { Eip1193Provider } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { eip1193Transport, httpTransport, type RpcTransport } from "../owner/chain/transport.ts";
import { OwnerError } from "../owner/errors.ts";

export function networkName(hre: HardhatRuntimeEnvironment): string {
  return hre.globalOptions.network ?? "default";
}

export async function readTransport(hre: HardhatRuntimeEnvironment): Promise<RpcTransport> {
  const name = networkName(hre);
  const config = hre.config.networks[name];
  if (config === undefined) throw new OwnerError("BAD_ARGUMENT", `unknown network ${name}`);
  if (config.type === "http") {
    const url = await config.url.getUrl();
    return httpTransport(url, { headers: config.httpHeaders, timeoutMs: config.timeout });
  }
  const connection = await hre.network.getOrCreate();
  return eip1193Transport(connection.provider, `in-process ${name}`);
}

/** What protocol-kit talks to for Safe nonces and hashes: the network's URL, or the in-process provider. */
export async function safeProvider(
  hre: HardhatRuntimeEnvironment,
): Promise<Eip1193Provider | string> {
  const config = hre.config.networks[networkName(hre)];
  if (config?.type === "http") return config.url.getUrl();
  const connection = await hre.network.getOrCreate();
  return connection.provider as unknown as Eip1193Provider;
}

/** Default file locations, each overridable by a flag ("" = default). */
export function ownerFiles(
  hre: HardhatRuntimeEnvironment,
  args: { manifest?: string; deployment?: string; reportsDir?: string },
) {
  const root = hre.config.paths.root;
  const name = networkName(hre);
  const pick = (value: string | undefined, fallback: string) =>
    value === undefined || value === "" ? fallback : resolve(value);
  return {
    manifestFile: pick(args.manifest, join(root, "config", `${name}.json`)),
    deploymentFile: pick(args.deployment, join(root, "config", "deployments", `${name}.json`)),
    reportsDir: pick(args.reportsDir, join(root, "reports")),
  };
}
