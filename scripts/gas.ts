// The gas gate: `npm run gas` checks, `npm run gas:update` rewrites gas/snapshot.json.
// `hardhat run` passes no arguments to a script, so the mode comes from GAS_MODE=check|update;
// GAS_EXPLAIN=1 also traces each measured transaction and prints where its gas went.
// This file only reads, prints and writes; the scenarios live in scripts/gas/scenarios/ and the
// decision in scripts/gas/check.ts. See docs/gas.md.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

import Table from "cli-table3";
import hre, { network } from "hardhat";

import { formatBreakdown } from "./gas/explain.ts";
import { checkGas, parseGasFigures, percent, UPDATE_COMMAND, type GasRow } from "./gas/check.ts";
import { measureScenarios } from "./gas/measure.ts";
import { scenarios } from "./gas/scenarios.ts";

/** Gas rules are the hardfork's: pinned, so that a Hardhat upgrade moving its default cannot move the figures. */
const HARDFORK = "prague";

if (!(await main())) process.exitCode = 1;

/** Measures, prints, and in update mode writes the snapshot; false when the gate fails. */
async function main(): Promise<boolean> {
  const started = performance.now();
  const mode = process.env.GAS_MODE || "check";
  if (mode !== "check" && mode !== "update") {
    console.error(`GAS_MODE must be "check" or "update", got "${mode}"`);
    return false;
  }
  if (hre.globalOptions.coverage) {
    console.error("scripts/gas.ts measures uninstrumented bytecode: run it without --coverage");
    return false;
  }

  const root = hre.config.paths.root;
  const budgetsFile = path.join(root, "gas", "budgets.json");
  const snapshotFile = path.join(root, "gas", "snapshot.json");
  const budgets = await readFigures(root, budgetsFile);
  const snapshot = await readFigures(root, snapshotFile);

  const measurements = await measureScenarios(
    () => network.create({ network: "hardhat", chainType: "l1", override: { hardfork: HARDFORK } }),
    scenarios,
    { explain: process.env.GAS_EXPLAIN === "1" },
  );
  const measured = Object.fromEntries(measurements.map((m) => [m.scenario.name, m.gasUsed]));
  const result = checkGas({ measured, budgets, snapshot, mode });

  console.log(renderTable(result.rows));
  for (const m of measurements) {
    if (m.breakdown !== undefined)
      console.log(`${m.scenario.name}: ${m.scenario.state}\n  ${formatBreakdown(m.breakdown)}`);
  }
  if (mode === "update") {
    await writeFile(snapshotFile, JSON.stringify(measured, null, 2) + "\n");
    console.log(`Wrote ${path.relative(root, snapshotFile)} (${measurements.length} operations).`);
  }
  for (const failure of result.failures) console.error(`✗ ${failure.code} ${failure.message}`);
  if (result.failures.some((f) => f.code === "STALE_SNAPSHOT")) {
    console.error(`gas/snapshot.json is stale: run \`${UPDATE_COMMAND}\` and commit the result.`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    result.ok
      ? `Gas ${mode}: ${measurements.length} operations within budget (${HARDFORK}, measured in ${seconds} s).`
      : `Gas ${mode} FAILED: ${result.failures.length} problem(s) (${HARDFORK}, measured in ${seconds} s).`,
  );
  return result.ok;
}

// ---------------------------------------------------------------- helpers

async function readFigures(root: string, file: string): Promise<Record<string, number>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  return parseGasFigures(JSON.parse(text), path.relative(root, file));
}

function renderTable(rows: readonly GasRow[]): string {
  const table = new Table({
    head: ["operation", "gas", "budget", "headroom", "Δ snapshot"],
    colAligns: ["left", "right", "right", "right", "right"],
  });
  for (const row of rows) {
    table.push([
      row.overBudget ? `${row.operation}  ✗ over budget` : row.operation,
      row.gas.toLocaleString("en-US"),
      row.budget === null ? "—" : row.budget.toLocaleString("en-US"),
      row.headroom === null || row.budget === null
        ? "—"
        : `${row.headroom.toLocaleString("en-US")} (${percent(row.headroom, row.gas)})`,
      row.delta === null
        ? "new"
        : row.delta === 0
          ? "0"
          : `${signed(row.delta)} (${percent(row.delta, row.gas - row.delta)})`,
    ]);
  }
  return table.toString();
}

function signed(n: number): string {
  return `${n > 0 ? "+" : ""}${n.toLocaleString("en-US")}`;
}
