// `npx hardhat deploy:system --network <name>`: parses flags, connects, prints. The work is deploy/system.ts.
import { resolve } from "node:path";

import { errorResult, successfulResult } from "hardhat/utils/result";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { loadNetworkConfig } from "../deploy/manifest/schema.ts";
import { isDeployError } from "../deploy/errors.ts";
import { deploySystem } from "../deploy/system.ts";

interface DeploySystemArgs {
  force: boolean;
  deploymentsDir: string;
  configFile: string;
  noCompile: boolean;
}

export default async function deploySystemTask(
  args: DeploySystemArgs,
  hre: HardhatRuntimeEnvironment,
) {
  const root = hre.config.paths.root;
  const started = Date.now();
  try {
    // The local configuration is checked before anything touches the network, so a bad or missing
    // file is reported even while the RPC is down. deploySystem checks it again with the chain.
    const networkName = hre.globalOptions.network ?? "default";
    loadNetworkConfig(
      args.configFile === ""
        ? resolve(root, "config", `${networkName}.json`)
        : resolve(args.configFile),
      { expectedNetwork: networkName },
    );
    if (!args.noCompile) await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
    const connection = await hre.network.getOrCreate();
    const result = await deploySystem({
      network: connection.networkName,
      provider: connection.ethers.provider,
      signers: await connection.ethers.getSigners(),
      readArtifact: (name) => hre.artifacts.readArtifact(name),
      rootDir: root,
      configFile: args.configFile === "" ? undefined : resolve(args.configFile),
      deploymentsDir: args.deploymentsDir === "" ? undefined : resolve(args.deploymentsDir),
      force: args.force,
      ephemeral: connection.networkConfig.type === "edr-simulated",
      hooks: { log: (line) => console.log(line) },
    });
    console.log(`\n${result.summary}\n`);
    console.log(
      `Deployment record written to ${result.recordFile} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    return successfulResult(result.record);
  } catch (error) {
    if (!isDeployError(error)) throw error;
    console.error(`deploy:system failed [${error.code}]: ${error.message}`);
    return errorResult(error);
  }
}
