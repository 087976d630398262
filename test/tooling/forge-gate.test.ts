// Tests of the forge gates themselves: `npm run test:forge` and `npm run coverage:branches` must fail
// when a Solidity test fails, and pass once it is gone; `npm run lint:forge` must fail on a finding. They run in a scratch project that has the
// repository's package.json, foundry.toml, remappings and scripts (so the npm scripts under test are
// the real ones), the repository's node_modules, and a one-contract source tree with its tests.
//
// Why this exists: the npm wrapper node_modules/.bin/forge exits 0 whatever forge returns, so a gate
// that ran forge through it passed with 159 failing tests. scripts/forge.ts runs the binary itself.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

import { ForgeNotFoundError, forgePackageFor, resolveForgeBinary } from "../../scripts/forge.ts";

const REPO = resolve(import.meta.dirname, "../..");

const TOY = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

contract Toy {
    function pick(bool left) external pure returns (uint256) {
        if (left) return 1;
        return 2;
    }
}
`;

const TOY_TEST = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Toy} from "../contracts/Toy.sol";

contract ToyTest {
    Toy internal toy;

    function setUp() public {
        toy = new Toy();
    }

    function test_PickLeft() public view {
        require(toy.pick(true) == 1, "left");
    }

    function test_PickRight() public view {
        require(toy.pick(false) == 2, "right");
    }
}
`;

const BROKEN_TEST = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

contract BrokenTest {
    function test_DeliberatelyFails() public pure {
        require(1 + 1 == 3, "deliberate failure");
    }
}
`;

const UNSAFE_CAST = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

contract Narrow {
    function narrow(uint256 wide) external pure returns (uint8) {
        return uint8(wide);
    }
}
`;

describe("forge resolver", () => {
  it("names the platform package for every platform the lockfile lists", () => {
    assert.equal(forgePackageFor("linux", "x64"), "@foundry-rs/forge-linux-amd64");
    assert.equal(forgePackageFor("linux", "arm64"), "@foundry-rs/forge-linux-arm64");
    assert.equal(forgePackageFor("darwin", "x64"), "@foundry-rs/forge-darwin-amd64");
    assert.equal(forgePackageFor("darwin", "arm64"), "@foundry-rs/forge-darwin-arm64");
    assert.equal(forgePackageFor("win32", "x64"), "@foundry-rs/forge-win32-amd64");
  });

  it("refuses a platform forge is not published for, naming it and the supported ones", () => {
    assert.throws(
      () => forgePackageFor("freebsd", "x64"),
      (error: unknown) =>
        error instanceof ForgeNotFoundError &&
        /not published for freebsd-x64; supported: darwin-arm64, .*win32-x64/.test(error.message),
    );
  });

  it("says how to install when this machine's platform package is absent", () => {
    const empty = mkdtempSync(join(tmpdir(), "forge-resolver-"));
    try {
      assert.throws(
        () => resolveForgeBinary("linux", "x64", empty),
        /@foundry-rs\/forge-linux-amd64 is not installed under .*npm ci/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it("finds the installed binary, which reports forge's version", () => {
    const binary = resolveForgeBinary(process.platform, process.arch, REPO);
    const version = spawnSync(binary, ["--version"], { encoding: "utf8" });
    assert.equal(version.status, 0);
    assert.match(version.stdout, /forge Version: 1\.7\.1/);
  });
});

describe("forge gates fail when a Solidity test fails", function () {
  // Each forge run compiles the scratch sources with solcjs (a few seconds each).
  this.timeout(300_000);
  let dir: string;

  function write(path: string, text: string) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }

  function npmRun(script: string) {
    const result = spawnSync("npm", ["run", script], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    });
    return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "forge-gate-"));
    for (const file of ["package.json", "foundry.toml", "remappings.txt"]) {
      cpSync(join(REPO, file), join(dir, file));
    }
    cpSync(join(REPO, "scripts"), join(dir, "scripts"), { recursive: true });
    symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"), "dir");
    write("contracts/Toy.sol", TOY);
    write("test/Toy.t.sol", TOY_TEST);
    write("invariants/Toy.t.sol", TOY_TEST);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("npm run test:forge exits non-zero for a failing test in test/, and in invariants/", () => {
    write("test/Broken.t.sol", BROKEN_TEST);
    const unit = npmRun("test:forge");
    assert.notEqual(unit.status, 0, unit.output);
    assert.match(unit.output, /test_DeliberatelyFails/);
    rmSync(join(dir, "test/Broken.t.sol"));

    write("invariants/Broken.t.sol", BROKEN_TEST);
    const invariants = npmRun("test:forge");
    assert.notEqual(invariants.status, 0, invariants.output);
    assert.match(invariants.output, /test_DeliberatelyFails/);
    rmSync(join(dir, "invariants/Broken.t.sol"));
  });

  it("npm run coverage:branches exits non-zero for a failing test, before the gate reads any LCOV", () => {
    write("test/Broken.t.sol", BROKEN_TEST);
    const run = npmRun("coverage:branches");
    assert.notEqual(run.status, 0, run.output);
    assert.match(run.output, /test_DeliberatelyFails/);
    assert.doesNotMatch(run.output, /Coverage gate passed/);
    rmSync(join(dir, "test/Broken.t.sol"));
  });

  it("npm run lint:forge exits non-zero for an unannotated truncating cast, 0 once it is annotated", () => {
    write("contracts/Narrow.sol", UNSAFE_CAST);
    const run = npmRun("lint:forge");
    assert.notEqual(run.status, 0, run.output);
    assert.match(run.output, /unsafe-typecast/);
    assert.match(run.output, /contracts\/Narrow\.sol/);

    const annotated = UNSAFE_CAST.replace(
      "        return uint8(wide);",
      "        // forge-lint: disable-next-line(unsafe-typecast)\n        return uint8(wide);",
    );
    write("contracts/Narrow.sol", annotated);
    const clean = npmRun("lint:forge");
    assert.equal(clean.status, 0, clean.output);
    rmSync(join(dir, "contracts/Narrow.sol"));
  });

  it("both exit 0 once the failing test is gone", () => {
    const forge = npmRun("test:forge");
    assert.equal(forge.status, 0, forge.output);
    const coverage = npmRun("coverage:branches");
    assert.equal(coverage.status, 0, coverage.output);
    assert.match(coverage.output, /all 1 production contracts under contracts\/ have data/);
  });
});
