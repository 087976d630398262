// One parameter point of a sweep: a fresh in-process chain (Hardhat's EDR), the system deployed by
// the deployment core with the point's manifest values, the participants funded, a snapshot; then
// each seed runs from that snapshot. Needs Hardhat's runtime for the chain and the artifacts.
import { readFileSync } from "node:fs";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { CompiledArtifact } from "../deploy/safe.ts";
import { deploySimSystem, simManifest, type ParameterOverrides } from "./chain/deploy.ts";
import { Mandate } from "./chain/mandate.ts";
import { SimChain, SIM_BLOCK_GAS_LIMIT } from "./chain/transport.ts";
import { fundParticipants, participantsOf, SIM_ROLES } from "./participants.ts";
import { runSimulation, type RunResult } from "./run.ts";
import type { Scenario } from "./scenario.ts";

const SIM_LENS = JSON.parse(
  readFileSync(
    new URL("../artifacts/contracts/mocks/SimLens.sol/SimLens.json", import.meta.url),
    "utf8",
  ),
) as CompiledArtifact;

export interface PointJob {
  /** Index of the point in the grid (orders the output). */
  point: number;
  overrides: ParameterOverrides;
  seeds: number[];
}

export interface PointResult {
  point: number;
  overrides: ParameterOverrides;
  runs: { seed: number; result: RunResult }[];
}

export async function runPoint(
  hre: HardhatRuntimeEnvironment,
  manifestFile: string,
  scenario: Scenario,
  job: PointJob,
): Promise<PointResult> {
  const config = simManifest(manifestFile, job.overrides, SIM_ROLES);
  const connection = await hre.network.create({
    network: "hardhat",
    override: { blockGasLimit: SIM_BLOCK_GAS_LIMIT },
  });
  try {
    const [deployer] = await connection.ethers.getSigners();
    // The Mandate contracts are the checkout's (the workers' cwd, maybe another commit's worktree);
    // SimLens, the simulation's own reader, always comes from this checkout.
    const readArtifact = (name: string) =>
      name === "SimLens" ? Promise.resolve(SIM_LENS) : hre.artifacts.readArtifact(name);
    const at = await deploySimSystem(config, deployer, readArtifact);
    const chain = new SimChain(connection.provider);
    const mandate = await Mandate.connect(chain, at, readArtifact);
    const participants = participantsOf(scenario);
    await fundParticipants(mandate, scenario, participants);
    await mandate.deployLens(SIM_ROLES.keeper, (await readArtifact("SimLens")).bytecode);
    let funded = await chain.snapshot();
    const runs = [];
    for (const seed of job.seeds) {
      runs.push({ seed, result: await runSimulation(mandate, scenario, participants, seed) });
      await chain.revert(funded);
      // evm_revert consumes the snapshot: take it again for the next seed (a new id: reverting to
      // the consumed one again does nothing, and a third seed would start where the second ended).
      funded = await chain.snapshot();
    }
    return { point: job.point, overrides: job.overrides, runs };
  } finally {
    await connection.close();
  }
}
