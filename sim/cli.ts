// `npm run sim -- [--scenario FILE] [--manifest FILE] [--seed N] [--workers N] [--engine anvil|edr] [--out DIR] [--contracts DIR]`:
// runs a scenario's sweep on the compiled contracts and writes runs.csv, summary.json and meta.json;
// then (unless --sweep-only) the report's companion runs and the report (sim/report/suite.ts:
// --before auto|none|DIR, --report-dir docs/economics, --region reports/sim/region.json).
// `--contracts DIR` runs the workers in another checkout (a git worktree of an older commit, compiled
// there), so the same scenario can be measured against the contracts as they were. `--engine` picks
// where the contracts execute (sim/point.ts): anvil (the default, measured fastest) or Hardhat's EDR.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

import { renderCsv, summarise } from "./output.ts";
import { ENGINES, type Engine } from "./point.ts";
import { loadScenario } from "./scenario.ts";
import { runSweep } from "./sweep.ts";
import { runSuite, type SuiteOptions } from "./report/suite.ts";

const USAGE =
  "usage: npm run sim -- [--scenario sim/scenarios/default.json] [--manifest config/hardhat.json] [--seed 1] [--workers N] [--engine anvil|edr] [--out reports/sim] [--contracts DIR] [--sweep-only | --before auto|none|DIR --report-dir docs/economics --region reports/sim/region.json]";

export interface SimCliOptions {
  scenario: string;
  manifest: string;
  seed: number;
  workers: number;
  /** Where the contracts execute; anvil unless told. */
  engine?: Engine;
  out: string;
  contracts: string;
  /** The command line that regenerates this sweep (kept in meta.json for the report). */
  command?: string;
  /** No per-point progress lines. */
  quiet?: boolean;
}

export function parseSimArgs(argv: string[]): SuiteOptions & { sweepOnly: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: "string", default: "sim/scenarios/default.json" },
      manifest: { type: "string", default: "config/hardhat.json" },
      seed: { type: "string", default: "1" },
      // One more worker than cores: a worker's client and its anvil take turns, so each worker
      // leaves its core idle part of the time (measured in docs/economics/engine.md).
      workers: { type: "string", default: String(availableParallelism() + 1) },
      engine: { type: "string", default: "anvil" },
      out: { type: "string", default: "reports/sim" },
      contracts: { type: "string", default: "." },
      "sweep-only": { type: "boolean", default: false },
      before: { type: "string", default: "auto" },
      "report-dir": { type: "string", default: "docs/economics" },
      region: { type: "string", default: "reports/sim/region.json" },
    },
    strict: true,
  });
  const integer = (name: string, text: string, min: number) => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < min)
      throw new Error(`--${name}: expected an integer >= ${min}, found "${text}"\n${USAGE}`);
    return n;
  };
  return {
    scenario: resolve(values.scenario),
    manifest: resolve(values.manifest),
    seed: integer("seed", values.seed, 0),
    workers: integer("workers", values.workers, 1),
    engine: engineOf(values.engine),
    out: resolve(values.out),
    contracts: resolve(values.contracts),
    sweepOnly: values["sweep-only"],
    before:
      values.before === "auto" || values.before === "none" ? values.before : resolve(values.before),
    reportDir: resolve(values["report-dir"]),
    regionFile: resolve(values.region),
    root: process.cwd(),
    command: argv.length === 0 ? "npm run sim" : `npm run sim -- ${argv.join(" ")}`,
  };
}

export async function runSimCli(options: SimCliOptions): Promise<void> {
  const scenario = loadScenario(options.scenario);
  const started = performance.now();
  const results = await runSweep({
    manifestFile: options.manifest,
    scenarioFile: options.scenario,
    scenario,
    seeds: Array.from({ length: scenario.seeds }, (_, i) => options.seed + i),
    workers: options.workers,
    engine: options.engine,
    cwd: options.contracts,
    log: options.quiet === true ? undefined : (line) => console.log(line),
  });
  const seconds = (performance.now() - started) / 1000;
  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, "runs.csv"), renderCsv(results, Object.keys(scenario.sweep)));
  const summary = summarise(results);
  writeFileSync(join(options.out, "summary.json"), JSON.stringify(summary, null, 2) + "\n");
  const actions = summary.reduce((a, p) => a + p.actions, 0);
  const meta = {
    date: new Date().toISOString(),
    scenario: options.scenario,
    manifest: options.manifest,
    firstSeed: options.seed,
    seeds: scenario.seeds,
    points: results.length,
    contractsCommit: commitOf(options.contracts),
    workers: options.workers,
    engine: options.engine ?? "anvil",
    seconds: Math.round(seconds * 10) / 10,
    actions,
    actionsPerSecond: Math.round(actions / seconds),
    ...(options.command === undefined ? {} : { command: options.command }),
  };
  writeFileSync(join(options.out, "meta.json"), JSON.stringify(meta, null, 2) + "\n");
  console.log(
    `${results.length} point(s) × ${scenario.seeds} seed(s), ${actions} actions in ${meta.seconds} s; wrote ${options.out}/runs.csv, summary.json, meta.json`,
  );
}

function engineOf(text: string): Engine {
  if (!ENGINES.includes(text as Engine))
    throw new Error(`--engine: expected one of ${ENGINES.join(", ")}, found "${text}"\n${USAGE}`);
  return text as Engine;
}

function commitOf(dir: string): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const options = parseSimArgs(process.argv.slice(2));
    await (options.sweepOnly ? runSimCli(options) : runSuite(options));
  } catch (error) {
    console.error(`sim failed: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
