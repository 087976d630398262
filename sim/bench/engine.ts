// `npm run sim:bench`: which engine the simulation runs on, by measurement. The same workload (the
// Mandate system deployed by the deployment core, then rounds of whole job lifecycles by many
// impersonated employers and agents: create, take, submit, accept, each one agent action) on
// Hardhat's in-process EDR connection, automine on (one block per action) and off (one block per
// phase), and over JSON-RPC to `npx hardhat node`. Also the reads a strategy makes (job, score,
// balance). Prints one table; the figures recorded in docs/economics/engine.md come from it.
import { loadavg } from "node:os";
import { join } from "node:path";

import { JsonRpcProvider, id, type Signer } from "ethers";
import hre from "hardhat";

import { startHardhatNode } from "../../test/utils/hardhat-node.ts";
import { deploySimSystem, simManifest } from "../chain/deploy.ts";
import { Mandate } from "../chain/mandate.ts";
import { httpEip1193, SimChain, SIM_BLOCK_GAS_LIMIT, type Eip1193 } from "../chain/transport.ts";
import { simAddress, SIM_ROLES } from "../participants.ts";

const ROOT = hre.config.paths.root;
const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const TOKEN = 10n ** 18n;

interface Figures {
  engine: string;
  actions: number;
  actionSeconds: number;
  reads: number;
  readSeconds: number;
  deploySeconds: number;
}

async function workload(engine: string, rpc: Eip1193, deployer: Signer, batched: boolean) {
  const chain = new SimChain(rpc);
  const t0 = performance.now();
  const config = simManifest(join(ROOT, "config", "hardhat.json"), {}, SIM_ROLES);
  const at = await deploySimSystem(config, deployer, (n) => hre.artifacts.readArtifact(n));
  const mandate = await Mandate.connect(chain, at, (n) => hre.artifacts.readArtifact(n));
  const deploySeconds = (performance.now() - t0) / 1000;

  const employers = Array.from({ length: PAIRS }, (_, i) => simAddress(`bench:employer:${i}`));
  const agents = Array.from({ length: PAIRS }, (_, i) => simAddress(`bench:agent:${i}`));
  for (const who of [...employers, ...agents]) {
    await chain.addSender(who);
    await mandate.mint(who, 1_000_000n * TOKEN);
    await mandate.approveAll(who, 2n ** 255n);
  }
  for (const agent of agents) await mandate.deposit(agent, 10_000n * TOKEN);
  await chain.setAutomine(!batched);

  const sentBefore = chain.sent;
  const t1 = performance.now();
  let nextJob = (await mandate.jobCount()) + 1n;
  for (let round = 0; round < ROUNDS; round++) {
    const now = await chain.timestamp();
    const ids = employers.map((_, i) => nextJob + BigInt(i));
    nextJob += BigInt(PAIRS);
    const phase = async (act: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < PAIRS; i++) await act(i);
      if (batched) await chain.mine();
    };
    await phase((i) => mandate.createJob(employers[i], 100n * TOKEN, now + 86_400n, id(`s${i}`)));
    await phase((i) => mandate.takeJob(agents[i], ids[i]));
    await phase((i) => mandate.submitResult(agents[i], ids[i], id(`r${i}`)));
    await phase((i) => mandate.acceptResult(employers[i], ids[i]));
  }
  const actionSeconds = (performance.now() - t1) / 1000;
  const actions = chain.sent - sentBefore;
  // Every job must have been accepted, or the figures measured failing transactions.
  const last = await mandate.job(nextJob - 1n);
  if (last.status !== 6) throw new Error(`${engine}: the last job ended in status ${last.status}`);

  const t2 = performance.now();
  let reads = 0;
  for (let i = 0; i < PAIRS; i++) {
    await mandate.job(BigInt(i + 1));
    await mandate.scoreOf(agents[i]);
    await mandate.balanceOf(agents[i]);
    await mandate.stakeOf(agents[i]);
    reads += 5; // job() is two calls: the struct and currentDeadline
  }
  const readSeconds = (performance.now() - t2) / 1000;
  await chain.setAutomine(true);
  return { engine, actions, actionSeconds, reads, readSeconds, deploySeconds } satisfies Figures;
}

async function inProcess(batched: boolean): Promise<Figures> {
  const connection = await hre.network.create({
    network: "hardhat",
    override: { blockGasLimit: SIM_BLOCK_GAS_LIMIT },
  });
  const [deployer] = await connection.ethers.getSigners();
  const name = `in-process EDR, automine ${batched ? "off (one block per phase)" : "on"}`;
  try {
    return await workload(name, connection.provider, deployer, batched);
  } finally {
    await connection.close();
  }
}

async function overHttp(batched: boolean): Promise<Figures> {
  const node = await startHardhatNode(ROOT);
  try {
    const provider = new JsonRpcProvider(node.url, 31337, { batchMaxCount: 1, cacheTimeout: -1 });
    const deployer = await provider.getSigner(0);
    const name = `JSON-RPC to npx hardhat node, automine ${batched ? "off (one block per phase)" : "on"}`;
    const figures = await workload(name, httpEip1193(node.url), deployer, batched);
    provider.destroy();
    return figures;
  } finally {
    node.stop();
  }
}

const rows: Figures[] = [];
const load = () => loadavg()[0].toFixed(2);
const loads: string[] = [];
for (const run of [() => inProcess(false), () => inProcess(true), () => overHttp(false)]) {
  loads.push(load());
  rows.push(await run());
}
const base = rows[0].actions / rows[0].actionSeconds;
console.log(`${PAIRS} employer/agent pairs × ${ROUNDS} rounds of create, take, submit, accept`);
console.log(
  "| engine | actions | actions/s | vs in-process automine on | reads/s | deploy s | load (1 min) |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- |");
rows.forEach((r, i) => {
  const rate = r.actions / r.actionSeconds;
  console.log(
    `| ${r.engine} | ${r.actions} | ${rate.toFixed(0)} | ${(rate / base).toFixed(2)}× | ${(r.reads / r.readSeconds).toFixed(0)} | ${r.deploySeconds.toFixed(1)} | ${loads[i]} |`,
  );
});
