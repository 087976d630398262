// `npm run sim`: the scenario's sweep, then the companion runs the report needs, then the report.
// Companions run at the scenario's base point (the manifest's own values) with the same seeds:
//   base/                    the scenario as it is (pauses as the scenario sets them)
//   pauses-off/              the same with no pauses
//   without-<strategy>/      each griefing strategy replaced by the honest strategy it imitates
//   farming-<before|after>-<small|large>/  sim/scenarios/farming.json with 1- and 100-token jobs, on
//                            this checkout's contracts and on a worktree of the commit before the fix
// Each companion's scenario is written beside its output (scenario.json), so every run can be re-run.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { runSimCli, type SimCliOptions } from "../cli.ts";
import { GRIEFING } from "./analyse.ts";
import { COMPANIONS } from "./data.ts";
import { writeReport } from "./report.ts";

/** main just before the fairness contracts (and their reputation price) merged. */
export const BEFORE_FIX_COMMIT = "eaa3cbb";
const FARMING_REWARD = { small: "1", large: "100" } as const;

export interface SuiteOptions extends SimCliOptions {
  /** A compiled checkout of the contracts before the fix, "auto" (a worktree in .sim/), or "none". */
  before: string;
  reportDir: string;
  regionFile: string;
  root: string;
  command: string;
}

type RawScenario = Record<string, unknown> & {
  population: { strategy: string; count: number }[];
  pauses: Record<string, unknown>;
  farming: Record<string, unknown>;
};

interface Companion {
  name: string;
  scenario: RawScenario;
  /** Another checkout whose own sim runs this (the before-fix worktree), with its own manifest. */
  contracts?: string;
}

/** The companion runs of a scenario (sweep removed: each runs the base point only). */
export function companions(raw: RawScenario): Companion[] {
  const at = { ...raw, sweep: {} };
  const out: Companion[] = [
    { name: COMPANIONS.base, scenario: at },
    { name: COMPANIONS.pausesOff, scenario: { ...at, pauses: { ...raw.pauses, probability: 0 } } },
  ];
  for (const [griefer, honest] of Object.entries(GRIEFING)) {
    if (!raw.population.some((p) => p.strategy === griefer)) continue;
    const counts = new Map<string, number>();
    for (const p of raw.population) {
      const name = p.strategy === griefer ? honest : p.strategy;
      counts.set(name, (counts.get(name) ?? 0) + p.count);
    }
    out.push({
      name: COMPANIONS.without(griefer),
      scenario: {
        ...at,
        population: [...counts].map(([strategy, count]) => ({ strategy, count })),
      },
    });
  }
  return out;
}

function farmingRuns(root: string, before: string | undefined): Companion[] {
  const raw = JSON.parse(
    readFileSync(join(root, "sim/scenarios/farming.json"), "utf8"),
  ) as RawScenario;
  const sides: { side: "before" | "after"; contracts?: string }[] = [{ side: "after" }];
  if (before !== undefined) sides.unshift({ side: "before", contracts: before });
  return sides.flatMap(({ side, contracts }) =>
    (Object.keys(FARMING_REWARD) as (keyof typeof FARMING_REWARD)[]).map((size) => ({
      name: COMPANIONS.farming(side, size),
      scenario: { ...raw, farming: { ...raw.farming, reward: FARMING_REWARD[size] } },
      contracts,
    })),
  );
}

/** A compiled checkout of the before-fix contracts: the given directory, or a worktree made here. */
export function prepareBefore(root: string, before: string, log: (l: string) => void) {
  if (before === "none") return undefined;
  if (before !== "auto") return before;
  const dir = join(root, ".sim", `before-${BEFORE_FIX_COMMIT}`);
  if (!existsSync(dir)) {
    log(`making a git worktree of ${BEFORE_FIX_COMMIT} in ${dir}`);
    execFileSync("git", ["worktree", "add", "--detach", dir, BEFORE_FIX_COMMIT], {
      cwd: root,
      stdio: "inherit",
    });
  }
  if (!existsSync(join(dir, "artifacts"))) {
    log(`compiling the contracts of ${BEFORE_FIX_COMMIT} there (minutes with solcjs)`);
    execFileSync("npx", ["hardhat", "compile", "--quiet"], { cwd: dir, stdio: "inherit" });
  }
  return dir;
}

/**
 * Runs a scenario with another checkout's own sim (its deployment core, module entries and manifest
 * match its contracts; this checkout's would not: the fix added constructor parameters), writing the
 * same three files. `--contracts` alone is not enough across a constructor change.
 */
async function runElsewhere(checkout: string, scenarioFile: string, out: string, seed: number) {
  const args = ["sim/cli.ts", "--scenario", scenarioFile, "--out", out, "--workers", "1"];
  await new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      [...args, "--seed", String(seed)],
      { cwd: checkout },
      (error, _o, stderr) =>
        error === null
          ? resolve()
          : reject(new Error(`the sim of ${checkout} failed: ${stderr.trim() || error.message}`)),
    ),
  );
}

export async function runSuite(options: SuiteOptions): Promise<void> {
  const log = (line: string) => console.log(line);
  await runSimCli({ ...options, command: options.command });
  const raw = JSON.parse(readFileSync(options.scenario, "utf8")) as RawScenario;
  const before = prepareBefore(options.root, options.before, log);
  const runs = [...companions(raw), ...farmingRuns(options.root, before)];
  // Each companion is one point: run as many at once as there are workers, one worker each.
  const queue = [...runs];
  const lane = async () => {
    for (let run = queue.shift(); run !== undefined; run = queue.shift()) {
      const dir = join(options.out, run.name);
      mkdirSync(dir, { recursive: true });
      const scenarioFile = join(dir, "scenario.json");
      writeFileSync(scenarioFile, `${JSON.stringify(run.scenario, null, 2)}\n`);
      log(`companion run ${run.name}`);
      if (run.contracts === undefined)
        await runSimCli({ ...options, scenario: scenarioFile, out: dir, workers: 1, quiet: true });
      else await runElsewhere(run.contracts, scenarioFile, dir, options.seed);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, lane));
  const written = await writeReport({
    inDir: options.out,
    outDir: options.reportDir,
    regionFile: options.regionFile,
    root: options.root,
  });
  log(`report: wrote ${written.join(", ")}`);
}
