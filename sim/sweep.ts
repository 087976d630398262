// A sweep: the Cartesian grid of the scenario's swept manifest parameters, each point run with every
// seed, the points shared among worker processes (each with its own in-process chain). Results come
// back in any order and are sorted by point, so the output does not depend on the scheduling.
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

import { simManifest, type ParameterOverrides } from "./chain/deploy.ts";
import { SIM_ROLES } from "./participants.ts";
import type { Engine, PointJob, PointResult } from "./point.ts";
import type { Scenario } from "./scenario.ts";

/** Every combination of the swept values, in a fixed order (the first key varies slowest). */
export function grid(sweep: Readonly<Record<string, readonly string[]>>): ParameterOverrides[] {
  let points: Record<string, string>[] = [{}];
  for (const [key, values] of Object.entries(sweep))
    points = points.flatMap((p) => values.map((v) => ({ ...p, [key]: v })));
  return points;
}

export interface SweepOptions {
  manifestFile: string;
  scenarioFile: string;
  scenario: Scenario;
  /** Seeds run at every point, in this order. */
  seeds: readonly number[];
  workers: number;
  /** Where the contracts execute (anvil unless told). */
  engine?: Engine;
  /** Where the workers run: the project whose Hardhat config and artifacts they use. */
  cwd?: string;
  log?: (line: string) => void;
}

export async function runSweep(options: SweepOptions): Promise<PointResult[]> {
  const { scenario } = options;
  const seeds = [...options.seeds];
  const queue: PointJob[] = grid(scenario.sweep).map((overrides, point) => ({
    point,
    overrides,
    seeds,
  }));
  // Every point's manifest is checked before any worker starts: a swept value out of its bounds or
  // an unknown parameter is reported with the manifest's message, and nothing runs.
  for (const job of queue) checkPoint(options.manifestFile, job.overrides);
  const total = queue.length;
  const results: PointResult[] = [];
  const workerFile = fileURLToPath(new URL("./worker.ts", import.meta.url));
  const count = Math.max(1, Math.min(options.workers, queue.length));
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          const args = [options.manifestFile, options.scenarioFile, options.engine ?? "anvil"];
          const child = fork(workerFile, args, {
            stdio: ["ignore", "inherit", "inherit", "ipc"],
            cwd: options.cwd,
          });
          const next = () => {
            const job = queue.shift();
            if (job === undefined) child.send("stop");
            else child.send(job);
          };
          child.on("message", (message: "ready" | { result?: PointResult; error?: string }) => {
            if (message === "ready") return next();
            if (message.error !== undefined) {
              child.kill();
              return reject(new Error(`a sweep worker failed: ${message.error}`));
            }
            results.push(message.result!);
            options.log?.(`point ${results.length}/${total} done`);
            next();
          });
          child.once("error", reject);
          child.once("exit", (code) =>
            code === 0 || code === null
              ? resolve()
              : reject(new Error(`a sweep worker exited with ${code}`)),
          );
        }),
    ),
  );
  return results.sort((a, b) => a.point - b.point);
}

function checkPoint(manifestFile: string, overrides: ParameterOverrides): void {
  try {
    simManifest(manifestFile, overrides, SIM_ROLES);
  } catch (error) {
    const where = Object.entries(overrides)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ");
    throw new Error(
      `the sweep point ${where === "" ? "(no overrides)" : where} is not a valid manifest: ${(error as Error).message}`,
    );
  }
}
