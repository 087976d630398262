// The mocha runner is configured with forbidOnly: a test file with a stray `.only` fails the whole
// run (it would otherwise run that one test and silently skip every other). Checked by running
// Hardhat's mocha task, with the project's configuration, on a scratch test file.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const REPO = resolve(import.meta.dirname, "../..");

describe("mocha: a focused test fails the run", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "mocha-focus-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function runMocha(source: string) {
    const file = join(dir, `scratch-${Math.random().toString(36).slice(2)}.test.ts`);
    writeFileSync(file, source);
    const result = spawnSync("npx", ["hardhat", "test", "mocha", file, "--no-compile"], {
      cwd: REPO,
      encoding: "utf8",
    });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  it("exits non-zero naming forbid-only when a test is marked .only", () => {
    const focus = ["it", "only"].join(".");
    const run = runMocha(
      `describe("s", () => {\n  ${focus}("a", () => {});\n  it("b", () => {});\n});\n`,
    );
    assert.notEqual(run.status, 0, run.output);
    assert.match(run.output, /forbid-only/);
  });

  it("runs the same file without .only (so the failure above is the focus, nothing else)", () => {
    const run = runMocha(
      `describe("s", () => {\n  it("a", () => {});\n  it("b", () => {});\n});\n`,
    );
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /2 passing/);
  });
});
