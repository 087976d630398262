// Which deployment files git keeps (docs/deployment.md, "Journals in git"): a live network's journal,
// and one moved aside by --force, are committed until the deployment completes; a development
// chain's are ignored. The journal's name comes from the code that names it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

import hre from "hardhat";

import { journalFileFor } from "../../deploy/journal.ts";

const ROOT = hre.config.paths.root;

/** `git check-ignore` of paths under the repository: the ignored ones. */
function ignored(paths: string[]): string[] {
  const result = spawnSync("git", ["check-ignore", "--no-index", ...paths], {
    cwd: ROOT,
    encoding: "utf8",
  });
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
  return result.stdout.split("\n").filter((line) => line !== "");
}

describe("deployment journals in git", () => {
  it("commits live networks' journals (also abandoned ones) and ignores development chains'", () => {
    const files = (network: string) => {
      // Where deploy:system writes the record by default (deploy/system.ts).
      const record = join("config", "deployments", `${network}.json`);
      const journal = journalFileFor(record);
      return { record, journal, abandoned: journal.replace(/\.json$/, ".abandoned-1.json") };
    };
    const amoy = files("amoy");
    const polygon = files("polygon");
    const localhost = files("localhost");
    const all = [amoy, polygon, localhost].flatMap((f) => [f.record, f.journal, f.abandoned]);
    assert.deepEqual(ignored(all).sort(), [localhost.abandoned, localhost.journal].sort());
  });
});
