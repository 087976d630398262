// Every `npx hardhat …` command of docs/owner-control.md and the incident runbook is run by a test:
// a test claims a command by running `documented("<command>", values)` (or a whole code block by
// `documentedBlock("<marker>")`, test/utils/documented.ts), which reads its arguments from the docs
// at run time. This test finds the claims in the test sources and fails on a documented command no
// test claims, and on a claim the docs no longer hold.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

import hre from "hardhat";

import { COMMAND_DOCS, documentedCommands } from "../utils/documented.ts";

const ROOT = hre.config.paths.root;

function testSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testSources(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The commands and blocks claimed by `documented("…")` / `documentedBlock("…")` calls, by file. */
function claims(): { commands: Map<string, string[]>; blocks: Map<string, string[]> } {
  const commands = new Map<string, string[]>();
  const blocks = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, file: string) =>
    map.set(key, [...(map.get(key) ?? []), file]);
  for (const file of testSources(join(ROOT, "test"))) {
    // The helper and this test name the calls in their comments; they claim nothing.
    if (file.endsWith(join("utils", "documented.ts")) || file === import.meta.filename) continue;
    const source = readFileSync(file, "utf8");
    const name = relative(ROOT, file);
    for (const [, literal] of source.matchAll(/\bdocumented\(\s*("(?:[^"\\]|\\.)*")/g))
      add(commands, (JSON.parse(literal) as string).replace(/\s+/g, " ").trim(), name);
    for (const [, literal] of source.matchAll(/\bdocumentedBlock\(\s*("(?:[^"\\]|\\.)*")/g))
      add(blocks, JSON.parse(literal) as string, name);
  }
  return { commands, blocks };
}

describe("the owner-control docs' commands are each run by a test", () => {
  it("every documented command is claimed, and every claim is a documented command", () => {
    const documented = documentedCommands();
    assert.ok(documented.length >= 20, `found only ${documented.length} commands`);
    const { commands, blocks } = claims();
    const unclaimed = documented.filter(
      (c) => !commands.has(c.command) && (c.block === undefined || !blocks.has(c.block)),
    );
    assert.deepEqual(
      unclaimed.map((c) => `${c.doc}: ${c.command}`),
      [],
      "documented commands no test runs: run each through documented(...) in an end-to-end test",
    );
    const known = new Set(documented.map((c) => c.command));
    const stale = [...commands.keys()].filter((c) => !known.has(c));
    assert.deepEqual(stale, [], `claims of commands ${COMMAND_DOCS.join(" and ")} no longer hold`);
    const markers = new Set(documented.map((c) => c.block));
    assert.deepEqual(
      [...blocks.keys()].filter((b) => !markers.has(b)),
      [],
      "claimed code blocks the docs no longer hold",
    );
  });
});
