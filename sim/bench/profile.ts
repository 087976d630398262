// `node sim/bench/profile.ts [scenario] [epochs]`: where one run's time goes. One point, seed 1, the
// scenario's population (default sim/scenarios/default.json, 20 epochs), timed by stage (chain,
// deployment, funding, run) and, during the run, by JSON-RPC method (eth_call by selector).
import hre from "hardhat";

import { deploySimSystem, simManifest } from "../chain/deploy.ts";
import { Mandate } from "../chain/mandate.ts";
import { SimChain, SIM_BLOCK_GAS_LIMIT, type Eip1193 } from "../chain/transport.ts";
import { fundParticipants, participantsOf, SIM_ROLES } from "../participants.ts";
import { runSimulation } from "../run.ts";
import { loadScenario } from "../scenario.ts";

const [scenarioFile = "sim/scenarios/default.json", epochs = "20"] = process.argv.slice(2);
const scenario = { ...loadScenario(scenarioFile), epochs: Number(epochs) };

// Wall time and this process's CPU time (EDR runs inside it): on a shared machine the CPU time is
// the figure that carries over to an idle one.
let t = performance.now();
let cpu = process.cpuUsage();
const lap = (label: string) => {
  const now = performance.now();
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(`${label}: ${((now - t) / 1000).toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU`);
  t = now;
  cpu = process.cpuUsage();
};

const connection = await hre.network.create({
  network: "hardhat",
  override: { blockGasLimit: SIM_BLOCK_GAS_LIMIT },
});
lap("network.create");
const [deployer] = await connection.ethers.getSigners();
const readArtifact = (name: string) => hre.artifacts.readArtifact(name);
const config = simManifest("config/hardhat.json", {}, SIM_ROLES);
const at = await deploySimSystem(config, deployer, readArtifact);
lap("deployment");

const perMethod = new Map<string, { n: number; ms: number }>();
const timed: Eip1193 = {
  async request(args) {
    const started = performance.now();
    try {
      return await connection.provider.request(args);
    } finally {
      const first = args.params?.[0] as { data?: string } | undefined;
      const key =
        args.method === "eth_call" ? `eth_call ${first?.data?.slice(0, 10)}` : args.method;
      const entry = perMethod.get(key) ?? { n: 0, ms: 0 };
      entry.n++;
      entry.ms += performance.now() - started;
      perMethod.set(key, entry);
    }
  },
};
const chain = new SimChain(timed);
const mandate = await Mandate.connect(chain, at, readArtifact);
const participants = participantsOf(scenario);
await fundParticipants(mandate, scenario, participants);
await mandate.deployLens(SIM_ROLES.keeper, (await readArtifact("SimLens")).bytecode);
lap(`funding ${participants.length} participants`);
perMethod.clear();
const result = await runSimulation(mandate, scenario, participants, 1);
lap(`run: ${scenario.epochs} epochs, ${result.actions} actions (${result.reverted} reverted)`);
for (const [method, { n, ms }] of [...perMethod].sort((a, b) => b[1].ms - a[1].ms))
  console.log(
    `  ${method.padEnd(28)} ${String(n).padStart(6)} × ${(ms / n).toFixed(2)} ms = ${(ms / 1000).toFixed(2)} s`,
  );
await connection.close();
