// `node sim/bench/profile.ts [scenario] [epochs] [engine]`: where one run's time goes. One point,
// seed 1, the scenario's population (default sim/scenarios/default.json, 20 epochs, on anvil), timed
// by stage (chain, deployment, funding, run) and, during the run, by JSON-RPC method (eth_call by
// selector); with the actions and the gas the run's transactions used, per epoch.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

import hre from "hardhat";

import type { Eip1193 } from "../chain/transport.ts";
import { ENGINES, setUpPoint, type Engine } from "../point.ts";
import { runSimulation } from "../run.ts";
import { loadScenario } from "../scenario.ts";

const [scenarioFile = "sim/scenarios/default.json", epochs = "20", engine = "anvil"] =
  process.argv.slice(2);
if (!ENGINES.includes(engine as Engine))
  throw new Error(`unknown engine ${engine}: expected one of ${ENGINES.join(", ")}`);
const scenario = { ...loadScenario(scenarioFile), epochs: Number(epochs) };

// Wall time and this process's CPU time (EDR runs inside it): on a shared machine the CPU time is
// the figure that carries over to an idle one.
// anvil's CPU is its own process's, read from /proc and printed beside this one's.
let t = performance.now();
let cpu = process.cpuUsage();
let chainCpu = () => 0;
let chainCpuBefore = 0;
const lap = (label: string) => {
  const now = performance.now();
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const chain = chainCpu() - chainCpuBefore;
  console.log(
    `${label}: ${((now - t) / 1000).toFixed(2)} s wall, ${cpuSeconds.toFixed(2)} s CPU here` +
      (engine === "anvil" ? `, ${chain.toFixed(2)} s CPU in anvil` : ""),
  );
  t = now;
  cpu = process.cpuUsage();
  chainCpuBefore = chainCpu();
};

const perMethod = new Map<string, { n: number; ms: number }>();
/** Gas used by the transactions whose receipts the run read (every batch's is read). */
let gasUsed = 0n;
const timed = (rpc: Eip1193): Eip1193 => ({
  async request(args) {
    const started = performance.now();
    try {
      const result = await rpc.request(args);
      const receipt = ["eth_getTransactionReceipt", "eth_sendTransactionSync"].includes(
        args.method,
      );
      if (receipt && result !== null) gasUsed += BigInt((result as { gasUsed: string }).gasUsed);
      return result;
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
});
const { connection, mandate, participants, chainCpuSeconds } = await setUpPoint(
  hre,
  "config/hardhat.json",
  {},
  scenario,
  { engine: engine as Engine, wrap: timed, lap },
);
chainCpu = chainCpuSeconds;
chainCpuBefore = chainCpu();
perMethod.clear();
// SIM_CPU_PROFILE=FILE: a V8 CPU profile of the run alone (not start-up or deployment), for DevTools.
const profile = process.env.SIM_CPU_PROFILE;
const session = profile === undefined ? undefined : new Session();
if (session !== undefined) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
gasUsed = 0n;
const result = await runSimulation(mandate, scenario, participants, 1);
if (session !== undefined) {
  const { profile: taken } = await session.post("Profiler.stop");
  writeFileSync(profile!, JSON.stringify(taken));
  session.disconnect();
}
lap(`run: ${scenario.epochs} epochs, ${result.actions} actions (${result.reverted} reverted)`);
const perEpoch = (x: number) => (x / scenario.epochs).toFixed(1);
console.log(
  `per epoch: ${perEpoch(result.actions)} actions, ${perEpoch(Number(gasUsed) / 1e6)} M gas in the batches (${participants.length} participants)`,
);
for (const [method, { n, ms }] of [...perMethod].sort((a, b) => b[1].ms - a[1].ms))
  console.log(
    `  ${method.padEnd(28)} ${String(n).padStart(6)} × ${(ms / n).toFixed(2)} ms = ${(ms / 1000).toFixed(2)} s`,
  );
await connection.close();
