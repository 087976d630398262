// `npm run sim:bench`: which engine the simulation runs on, by measurement. The same workload (the
// Mandate system deployed by the deployment core, then rounds of whole job lifecycles by many
// employers and agents: create, take, submit, accept, each one agent action) on anvil forked from an
// empty anvil over its Unix socket, each phase one batch through SimDriver (the simulation's
// engine); on Hardhat's in-process EDR connection, batched or one transaction per action from
// impersonated senders; and, one transaction per action, over JSON-RPC to `npx hardhat node`. Also
// the single reads (job, score, balance, stake). Prints one table; the figures recorded in
// docs/economics/engine.md come from it.
import { loadavg } from "node:os";
import { join } from "node:path";

import { JsonRpcProvider, id, type Signer } from "ethers";
import hre from "hardhat";

import { startHardhatNode } from "../../test/utils/hardhat-node.ts";
import { deploySimSystem, simManifest } from "../chain/deploy.ts";
import { startAnvil } from "../chain/anvil.ts";
import { BatchDriver, type Action } from "../chain/driver.ts";
import { Mandate } from "../chain/mandate.ts";
import { httpEip1193, SimChain, SIM_NETWORK, type Eip1193 } from "../chain/transport.ts";
import { simAddress, SIM_ROLES } from "../participants.ts";
import { SIM_DRIVER } from "../point.ts";

const ROOT = hre.config.paths.root;
const PAIRS = Number(process.env.BENCH_PAIRS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const TOKEN = 10n ** 18n;

interface Figures {
  engine: string;
  actions: number;
  actionSeconds: number;
  /** CPU time of this process during the actions (EDR runs inside it; a node over HTTP does not). */
  actionCpuSeconds: number;
  /** CPU time of the node's processes during the actions, where they are known (anvil). */
  chainCpuSeconds: number | null;
  reads: number;
  readSeconds: number;
  deploySeconds: number;
}

/** How a phase's actions reach the chain: one batch (SimDriver), or one transaction each. */
type Mode = "batched" | "one transaction each";

async function workload(
  engine: string,
  rpc: Eip1193,
  deployer: Signer,
  mode: Mode,
  { sendsSync = false, chainCpu = undefined as (() => number) | undefined } = {},
) {
  const chain = new SimChain(rpc, { sendsSync });
  const t0 = performance.now();
  const config = simManifest(join(ROOT, "config", "hardhat.json"), {}, SIM_ROLES);
  const at = await deploySimSystem(config, deployer, (n) => hre.artifacts.readArtifact(n));
  const driver = await BatchDriver.deploy(chain, SIM_ROLES.operator, SIM_DRIVER);
  const mandate = await Mandate.connect(driver, at, (n) => hre.artifacts.readArtifact(n));
  const deploySeconds = (performance.now() - t0) / 1000;

  const employers = Array.from({ length: PAIRS }, (_, i) => simAddress(`bench:employer:${i}`));
  const agents = Array.from({ length: PAIRS }, (_, i) => simAddress(`bench:agent:${i}`));
  const parties = [...employers, ...agents];
  if (mode === "batched") await driver.install(parties);
  else for (const who of parties) await chain.addSender(who);
  const phase = async (actions: Action[]) => {
    const failed =
      mode === "batched"
        ? (await mandate.act(actions)).filter((o) => !o.ok).length
        : (await sequentially(actions.map((a) => () => chain.send(a.from, a.to, a.data)))).filter(
            (r) => !r.ok,
          ).length;
    if (failed > 0) throw new Error(`${engine}: ${failed} of ${actions.length} actions reverted`);
  };
  await phase(
    parties.flatMap((who) => [
      mandate.mint(who, 1_000_000n * TOKEN),
      ...mandate.approveAll(who, 2n ** 255n),
    ]),
  );
  await phase(agents.map((agent) => mandate.deposit(agent, 10_000n * TOKEN)));

  const actionsBefore = chain.sent + driver.actions;
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const chainCpu1 = chainCpu?.();
  let nextJob = (await mandate.jobCount()) + 1n;
  for (let round = 0; round < ROUNDS; round++) {
    const now = await chain.timestamp();
    const ids = employers.map((_, i) => nextJob + BigInt(i));
    nextJob += BigInt(PAIRS);
    const each = (act: (i: number) => Action) => phase(employers.map((_, i) => act(i)));
    await each((i) => mandate.createJob(employers[i], 100n * TOKEN, now + 86_400n, id(`s${i}`)));
    await each((i) => mandate.takeJob(agents[i], ids[i]));
    await each((i) => mandate.submitResult(agents[i], ids[i], id(`r${i}`)));
    await each((i) => mandate.acceptResult(employers[i], ids[i]));
  }
  const actionSeconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu1);
  const actionCpuSeconds = (cpu.user + cpu.system) / 1e6;
  const chainCpuSeconds = chainCpu === undefined ? null : chainCpu() - chainCpu1!;
  const actions = chain.sent + driver.actions - actionsBefore;
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
  return {
    engine,
    actions,
    actionSeconds,
    actionCpuSeconds,
    chainCpuSeconds,
    reads,
    readSeconds,
    deploySeconds,
  } satisfies Figures;
}

async function sequentially<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const task of tasks) out.push(await task());
  return out;
}

async function inProcess(mode: Mode): Promise<Figures> {
  const connection = await hre.network.create(SIM_NETWORK);
  const [deployer] = await connection.ethers.getSigners();
  const name =
    mode === "batched"
      ? "in-process EDR, one batch (SimDriver) per phase"
      : "in-process EDR, one transaction per action";
  try {
    return await workload(name, connection.provider, deployer, mode);
  } finally {
    await connection.close();
  }
}

async function onAnvil(): Promise<Figures> {
  const node = await startAnvil();
  const provider = new JsonRpcProvider(node.url, 31337, { batchMaxCount: 1, cacheTimeout: -1 });
  try {
    const deployer = await provider.getSigner(0);
    const name = "anvil (forked, Unix socket), one batch (SimDriver) per phase";
    return await workload(name, node.rpc, deployer, "batched", {
      sendsSync: true,
      chainCpu: node.cpuSeconds,
    });
  } finally {
    provider.destroy();
    await node.close();
  }
}

async function overHttp(): Promise<Figures> {
  const node = await startHardhatNode(ROOT);
  try {
    const provider = new JsonRpcProvider(node.url, 31337, { batchMaxCount: 1, cacheTimeout: -1 });
    const deployer = await provider.getSigner(0);
    const name = "JSON-RPC to npx hardhat node, one transaction per action";
    const figures = await workload(name, httpEip1193(node.url), deployer, "one transaction each");
    provider.destroy();
    return figures;
  } finally {
    node.stop();
  }
}

const rows: Figures[] = [];
const load = () => loadavg()[0].toFixed(2);
const loads: string[] = [];
// BENCH_HTTP=0 leaves out the (slow) comparison over JSON-RPC.
for (const run of [
  () => onAnvil(),
  () => inProcess("batched"),
  () => inProcess("one transaction each"),
  ...(process.env.BENCH_HTTP === "0" ? [] : [() => overHttp()]),
]) {
  loads.push(load());
  rows.push(await run());
}
const base = rows[0].actions / rows[0].actionSeconds;
console.log(`${PAIRS} employer/agent pairs × ${ROUNDS} rounds of create, take, submit, accept`);
console.log(
  "| engine | actions | actions/s | vs the sim's engine | CPU ms per action (this process) | CPU ms per action (anvil) | reads/s | deploy s | load (1 min) |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
rows.forEach((r, i) => {
  const rate = r.actions / r.actionSeconds;
  const perAction = (seconds: number) => ((1000 * seconds) / r.actions).toFixed(2);
  console.log(
    `| ${r.engine} | ${r.actions} | ${rate.toFixed(0)} | ${(rate / base).toFixed(2)}× | ${perAction(r.actionCpuSeconds)} | ${r.chainCpuSeconds === null ? "—" : perAction(r.chainCpuSeconds)} | ${(r.reads / r.readSeconds).toFixed(0)} | ${r.deploySeconds.toFixed(1)} | ${loads[i]} |`,
  );
});
