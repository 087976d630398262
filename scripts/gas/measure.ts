// Runs every scenario on its own fresh copy of a fixture and returns each one's receipt gasUsed:
// what the sender pays, including the 21,000 intrinsic gas, calldata, and net of refunds.
import type { ContractTransactionResponse } from "ethers";

import { explainTrace, type GasBreakdown, type StructLog } from "./explain.ts";
import { deployGasFixture, type Connection, type MandateSystem } from "./system.ts";
import type { FixtureName, GasScenario } from "./scenarios.ts";

// Named functions, so that loadFixture deploys each once and reverts to its snapshot afterwards.
async function foundation(connection: Connection): Promise<MandateSystem> {
  return deployGasFixture(connection, { mockModules: 0 });
}
async function foundationWithEightModules(connection: Connection): Promise<MandateSystem> {
  return deployGasFixture(connection, { mockModules: 7 });
}
async function market(connection: Connection): Promise<MandateSystem> {
  return deployGasFixture(connection, { mockModules: 0, market: true });
}
const fixtures: Record<FixtureName, (connection: Connection) => Promise<MandateSystem>> = {
  foundation,
  foundationWithEightModules,
  market,
};

export interface Measurement {
  scenario: GasScenario;
  gasUsed: number;
  /** Where the gas went; only when asked for (tracing is slower). */
  breakdown?: GasBreakdown;
}

/**
 * Each fixture gets its own fresh chain from `connect`, so that its deployment always starts from
 * genesis (same nonces, same addresses, same calldata) whatever ran before it.
 */
export async function measureScenarios(
  connect: () => Promise<Connection>,
  scenarios: readonly GasScenario[],
  options: { explain: boolean } = { explain: false },
): Promise<Measurement[]> {
  const chains = new Map<FixtureName, Connection>();
  const names = new Set<string>();
  const measurements: Measurement[] = [];
  for (const scenario of scenarios) {
    if (names.has(scenario.name))
      throw new Error(`gas scenario "${scenario.name}" is listed twice`);
    names.add(scenario.name);

    let connection = chains.get(scenario.fixture);
    if (connection === undefined) {
      connection = await connect();
      chains.set(scenario.fixture, connection);
    }
    const system = await connection.networkHelpers.loadFixture(fixtures[scenario.fixture]);
    await scenario.setup?.(system);
    const tx = await scenario.act(system);
    const receipt = await tx.wait();
    if (receipt === null || receipt.status !== 1)
      throw new Error(`gas scenario "${scenario.name}": transaction failed`);
    const gasUsed = Number(receipt.gasUsed);
    // Traced now: the next loadFixture reverts the chain and the transaction with it.
    const breakdown = options.explain ? await explain(connection, tx, gasUsed) : undefined;
    measurements.push({ scenario, gasUsed, breakdown });
  }
  return measurements;
}

async function explain(
  connection: Connection,
  tx: ContractTransactionResponse,
  gasUsed: number,
): Promise<GasBreakdown> {
  const block = await connection.ethers.provider.getBlock(tx.blockNumber ?? "latest");
  if (block === null || tx.to === null) throw new Error(`cannot trace ${tx.hash}`);
  const trace = (await connection.provider.request({
    method: "debug_traceTransaction",
    params: [tx.hash],
  })) as {
    structLogs: StructLog[];
  };
  return explainTrace({
    structLogs: trace.structLogs,
    gasUsed,
    calldata: tx.data,
    warmAccounts: [tx.from, tx.to, block.miner],
  });
}
