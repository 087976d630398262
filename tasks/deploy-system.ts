// `npx hardhat deploy:system --network <name>`: parses flags, connects, prints. The work is deploy/system.ts.
import { resolve } from "node:path";

import { errorResult, successfulResult } from "hardhat/utils/result";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { loadNetworkConfig } from "../deploy/manifest/schema.ts";
import { DEPLOY_EXIT_2, DeployError, isDeployError } from "../deploy/errors.ts";
import { rpcReason } from "../deploy/execute.ts";
import { deploySystem } from "../deploy/system.ts";
import { redactUrl } from "../owner/chain/transport.ts";
import { asOwnerError } from "../owner/errors.ts";
import { rpcTimeoutMs, sendingConnection } from "./owner-connection.ts";

interface DeploySystemArgs {
  force: boolean;
  deploymentsDir: string;
  configFile: string;
  rpcTimeout: string;
  noCompile: boolean;
}

export default async function deploySystemTask(
  args: DeploySystemArgs,
  hre: HardhatRuntimeEnvironment,
) {
  const root = hre.config.paths.root;
  const started = Date.now();
  /** The network's URL as configured: never printed (it may hold an API key), only its redaction. */
  let rawUrl: string | undefined;
  try {
    // The local configuration is checked before anything touches the network, so a bad or missing
    // file is reported even while the RPC is down. deploySystem checks it again with the chain.
    const networkName = hre.globalOptions.network ?? "default";
    const networkConfig = hre.config.networks[networkName];
    const timeoutMs = timeoutFlag(args.rpcTimeout);
    loadNetworkConfig(
      args.configFile === ""
        ? resolve(root, "config", `${networkName}.json`)
        : resolve(args.configFile),
      {
        expectedNetwork: networkName,
        expectedChain:
          networkConfig?.chainId === undefined
            ? undefined
            : { chainId: networkConfig.chainId, what: `network ${networkName} is` },
      },
    );
    if (!args.noCompile) await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
    const connection = await sendingConnection(hre, timeoutMs);
    if (networkConfig?.type === "http") rawUrl = await networkConfig.url.getUrl();
    const rpc =
      rawUrl === undefined
        ? `the in-process network ${networkName}`
        : `the RPC at ${redactUrl(rawUrl)}`;
    const signers = await connection.ethers.getSigners().catch((error: unknown) => {
      throw new DeployError(
        "RPC_ERROR",
        `${rpc} failed while listing the accounts (eth_accounts): ${rpcReason(error)}. Nothing was sent.`,
      );
    });
    const result = await deploySystem({
      network: connection.networkName,
      provider: connection.ethers.provider,
      signers,
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: root,
      configFile: args.configFile === "" ? undefined : resolve(args.configFile),
      deploymentsDir: args.deploymentsDir === "" ? undefined : resolve(args.deploymentsDir),
      force: args.force,
      ephemeral: connection.networkConfig.type === "edr-simulated",
      hooks: { log: (line) => console.log(line) },
      rpc,
    });
    console.log(`\n${result.summary}\n`);
    console.log(
      `Deployment record written to ${result.recordFile} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return successfulResult(result.record);
  } catch (caught) {
    // An RPC failure the sending connection named (tasks/owner-connection.ts) that reached here
    // unwrapped is still "could not act": exit 2 with its words, never "unexpected error".
    const named = isDeployError(caught) ? undefined : asOwnerError(caught);
    const error = named === undefined ? caught : new DeployError("RPC_ERROR", named.message);
    if (!isDeployError(error)) throw error;
    const message =
      rawUrl === undefined ? error.message : error.message.split(rawUrl).join(redactUrl(rawUrl));
    console.error(`deploy:system failed [${error.code}]: ${message}`);
    // Exit 2: could not act, or stopped midway (re-run to resume); Hardhat's error result is exit 1.
    if (DEPLOY_EXIT_2.includes(error.code)) {
      process.exitCode = 2;
      return;
    }
    return errorResult(error);
  }
}

/** --rpc-timeout, refused as the owner tasks refuse it. */
function timeoutFlag(flag: string): number {
  try {
    return rpcTimeoutMs(flag);
  } catch (error) {
    throw new DeployError("RPC_ERROR", asOwnerError(error)?.message ?? String(error));
  }
}
