// `npx hardhat owner:drill --network hardhat` (`npm run demo`): the owner life cycle end to end on the
// in-process chain, narrated. The work is owner/drill.ts; everything lands in reports/hardhat/drill/.
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { Eip1193Provider } from "ethers";

import { isDeployError } from "../deploy/errors.ts";
import { runDrill } from "../owner/drill.ts";
import { asOwnerError, OwnerError } from "../owner/errors.ts";
import { networkName, ownerFiles } from "./owner-connection.ts";

interface DrillArgs {
  reportsDir: string;
  noCompile: boolean;
}

export default async function ownerDrillTask(args: DrillArgs, hre: HardhatRuntimeEnvironment) {
  try {
    // Without --network Hardhat runs on its in-process "default" network: the drill's own kind of
    // chain, whose manifest is config/hardhat.json.
    const name = hre.globalOptions.network === undefined ? "hardhat" : networkName(hre);
    if (hre.config.networks[name]?.type !== "edr-simulated")
      throw new OwnerError(
        "BAD_ARGUMENT",
        `owner:drill runs on the in-process network only (--network hardhat), not ${name}: it moves the clock and signs with development keys; nothing was sent`,
      );
    if (!args.noCompile) await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
    const connection = await hre.network.getOrCreate();
    console.log(
      `owner:drill on ${name}: deploy, doctor, change parameters, Safe batches signed by the owners, timelock, pause, unpause, doctor.`,
    );
    const result = await runDrill({
      network: name,
      provider: connection.provider as unknown as Eip1193Provider,
      ethersProvider: connection.ethers.provider,
      signers: await connection.ethers.getSigners(),
      readArtifact: (artifact) => hre.artifacts.readArtifact(artifact),
      rootDir: hre.config.paths.root,
      reportsDir: ownerFiles(hre, args).reportsDir,
      log: (line) => console.log(line),
    });
    console.log(
      `\nDrill passed: ${result.steps.length} steps in ${result.seconds.toFixed(1)} s. Reports and batches: ${result.dir} (summary: drill.md)`,
    );
    process.exitCode = 0;
  } catch (error) {
    const known = asOwnerError(error);
    if (known === undefined && !isDeployError(error)) throw error;
    const e = (known ?? error) as Error & { code: string };
    console.error(`owner:drill FAILED [${e.code}]: ${e.message}`);
    process.exitCode = 2;
  }
}
