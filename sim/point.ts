// One parameter point of a sweep: a fresh chain (anvil, or Hardhat's in-process EDR), the system deployed by
// the deployment core with the point's manifest values, the sim's batch driver and lens, the
// participants funded, a snapshot; then each seed runs from that snapshot. Needs Hardhat's runtime
// for the chain and the artifacts.
import { readFileSync } from "node:fs";

import { Interface, JsonRpcProvider, type Signer } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { CompiledArtifact } from "../deploy/safe.ts";
import { deploySimSystem, simManifest, type ParameterOverrides } from "./chain/deploy.ts";
import { Mandate } from "./chain/mandate.ts";
import { BatchDriver } from "./chain/driver.ts";
import { SIM_CHAIN_ID, startAnvil } from "./chain/anvil.ts";
import { SimChain, SIM_NETWORK, type Eip1193 } from "./chain/transport.ts";
import { fundParticipants, participantsOf, SIM_ROLES, type Participant } from "./participants.ts";
import { runSimulation, type RunResult } from "./run.ts";
import type { Scenario } from "./scenario.ts";

/** The simulation's own contracts (test-only), always this checkout's, whatever Mandate's are. */
const simArtifact = (file: string, name: string) =>
  JSON.parse(
    readFileSync(
      new URL(`../artifacts/contracts/mocks/${file}/${name}.json`, import.meta.url),
      "utf8",
    ),
  ) as CompiledArtifact;
export const SIM_LENS = simArtifact("SimLens.sol", "SimLens");
export const SIM_DRIVER = simArtifact("SimDriver.sol", "SimDriver");
export const SIM_ACCOUNT = simArtifact("SimDriver.sol", "SimAccount");

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
  engine: Engine = "anvil",
): Promise<PointResult> {
  const { connection, mandate, participants } = await setUpPoint(
    hre,
    manifestFile,
    job.overrides,
    scenario,
    { engine },
  );
  try {
    const { chain } = mandate;
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

/** A point's chain, ready for its seeds: the system deployed, the sim's contracts, participants funded. */
export interface PointSetUp {
  connection: { close(): Promise<void> };
  mandate: Mandate;
  participants: Participant[];
  /** CPU seconds the chain has used so far when it runs in another process (anvil), else 0. */
  chainCpuSeconds(): number;
}

/** Where the contracts execute: an anvil node per worker (the default), or Hardhat's in-process EDR. */
export type Engine = "anvil" | "edr";
export const ENGINES: readonly Engine[] = ["anvil", "edr"];

interface Chain {
  rpc: Eip1193;
  sendsSync: boolean;
  deployer: Signer;
  cpuSeconds(): number;
  close(): Promise<void>;
}

async function openChain(hre: HardhatRuntimeEnvironment, engine: Engine): Promise<Chain> {
  if (engine === "edr") {
    const connection = await hre.network.create(SIM_NETWORK);
    const [deployer] = await connection.ethers.getSigners();
    return {
      rpc: connection.provider,
      sendsSync: false,
      deployer,
      cpuSeconds: () => 0,
      close: () => connection.close(),
    };
  }
  const node = await startAnvil();
  // No response cache (ethers' default keeps identical requests' answers for 250 ms): the deployment
  // reads the deployer's nonce before each step, and a cached one would be a step behind.
  const provider = new JsonRpcProvider(node.url, SIM_CHAIN_ID, {
    staticNetwork: true,
    cacheTimeout: -1,
  });
  // anvil's first dev account is Hardhat's first account: the same deployer, the same addresses.
  const deployer = await provider.getSigner(0);
  return {
    rpc: node.rpc,
    sendsSync: true,
    deployer,
    cpuSeconds: node.cpuSeconds,
    close: async () => {
      provider.destroy();
      await node.close();
    },
  };
}

/**
 * Creates the point's chain on `engine` and prepares it. `wrap` stands between the simulation and the
 * chain (the profiler's timing); `lap` is told as each stage ends.
 */
export async function setUpPoint(
  hre: HardhatRuntimeEnvironment,
  manifestFile: string,
  overrides: ParameterOverrides,
  scenario: Scenario,
  { engine = "anvil" as Engine, wrap = (rpc: Eip1193) => rpc, lap = (_stage: string) => {} } = {},
): Promise<PointSetUp> {
  const config = simManifest(manifestFile, overrides, SIM_ROLES);
  const opened = await openChain(hre, engine);
  try {
    lap(`${engine} chain`);
    // The Mandate contracts are the checkout's (the workers' cwd, maybe another commit's worktree);
    // SimLens and SimDriver, the simulation's own, always come from this checkout.
    const readArtifact = (name: string) =>
      name === "SimLens" ? Promise.resolve(SIM_LENS) : hre.artifacts.readArtifact(name);
    const at = await deploySimSystem(config, opened.deployer, readArtifact);
    lap("deployment");
    const chain = new SimChain(wrap(opened.rpc), { sendsSync: opened.sendsSync });
    if (engine === "anvil") await chain.anvilTimestamps();
    chain.explainWith(new Interface(SIM_ACCOUNT.abi));
    const driver = await BatchDriver.deploy(chain, SIM_ROLES.operator, SIM_DRIVER);
    const mandate = await Mandate.connect(driver, at, readArtifact);
    await mandate.deployLens(SIM_ROLES.operator, SIM_LENS.bytecode);
    const participants = participantsOf(scenario);
    await fundParticipants(mandate, scenario, participants);
    lap(`funding ${participants.length} participants`);
    return {
      connection: { close: opened.close },
      mandate,
      participants,
      chainCpuSeconds: opened.cpuSeconds,
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
