// Tests of the coverage gate: LCOV parsing and merging, the gate's decisions, and the CLI's exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import {
  declaresCode,
  describeShortfall,
  evaluateGate,
  formatLineRanges,
  normalizeSourcePath,
  percent,
  renderTable,
  selectFiles,
} from "../../scripts/coverage-gate/gate.ts";
import { LcovParseError, mergeRecords, parseLcov } from "../../scripts/coverage-gate/lcov.ts";
import { globToRegExp } from "../../scripts/lib/glob.ts";

const GATE_SCRIPT = fileURLToPath(new URL("../../scripts/coverage-gate.ts", import.meta.url));

/** An LCOV record with DA lines: `hits[i]` is the hit count of line 10 + i. */
function daRecord(path: string, hits: number[], extra: string[] = []): string {
  const da = hits.map((h, i) => `DA:${10 + i},${h}`);
  const hit = hits.filter((h) => h > 0).length;
  return [
    "TN:",
    `SF:${path}`,
    ...da,
    ...extra,
    `LH:${hit}`,
    `LF:${hits.length}`,
    "end_of_record",
  ].join("\n");
}

describe("coverage gate: LCOV parsing", () => {
  it("reads DA, LF/LH and BRDA/BRF/BRH per record, skipping function records", () => {
    const text = [
      "TN:",
      "SF:contracts/A.sol",
      "FN:5,A.f",
      "FNDA:1,A.f",
      "DA:5,2",
      "DA:6,0",
      "BRDA:6,0,0,1",
      "BRDA:6,0,1,-",
      "BRF:2",
      "BRH:1",
      "LF:2",
      "LH:1",
      "end_of_record",
    ].join("\n");
    const [record, ...rest] = parseLcov(text);
    assert.equal(rest.length, 0);
    assert.equal(record!.sourceFile, "contracts/A.sol");
    assert.deepEqual(
      [...record!.lineHits],
      [
        [5, 2],
        [6, 0],
      ],
    );
    assert.deepEqual(
      [...record!.branchHits],
      [
        ["6,0,0", 1],
        ["6,0,1", 0],
      ],
    );
    assert.equal(record!.linesFound, 2);
    assert.equal(record!.linesHit, 1);
    assert.equal(record!.branchesFound, 2);
    assert.equal(record!.branchesHit, 1);
  });

  it("accepts CRLF line ends and a last record without end_of_record", () => {
    const records = parseLcov("SF:contracts/A.sol\r\nDA:1,1\r\nLF:1\r\nLH:1\r\n");
    assert.equal(records.length, 1);
    assert.deepEqual([...records[0]!.lineHits], [[1, 1]]);
  });

  it("rejects malformed records with the LCOV line number", () => {
    assert.throws(
      () => parseLcov("SF:contracts/A.sol\nDA:7\nend_of_record"),
      (e: unknown) =>
        e instanceof LcovParseError && e.lineNumber === 2 && /DA needs/.test(e.message),
    );
    assert.throws(() => parseLcov("SF:a\nDA:x,1\n"), /lcov line 2: DA line is not a count: "x"/);
    assert.throws(() => parseLcov("DA:1,1\n"), /lcov line 1: DA outside a record \(no SF\)/);
    assert.throws(() => parseLcov("SF:a\nBRDA:1,0,0\n"), /BRDA needs "line,block,branch,taken"/);
    assert.throws(() => parseLcov("end_of_record\n"), /end_of_record without SF/);
    assert.throws(() => parseLcov("SF:a\nLF:-3\n"), /LF is not a count/);
  });

  it("returns no records for an empty file", () => {
    assert.deepEqual(parseLcov(""), []);
  });
});

describe("coverage gate: merging records per file", () => {
  it("counts lines from DA records and ignores a disagreeing LF/LH", () => {
    const [file] = mergeRecords(
      parseLcov("SF:c/A.sol\nDA:1,1\nDA:2,0\nDA:3,4\nLF:99\nLH:99\nend_of_record"),
    );
    assert.deepEqual(file!.lines, { found: 3, hit: 2 });
    assert.deepEqual(file!.uncoveredLines, [2]);
    assert.equal(file!.branches, undefined, "no branch records means no branch data, not 0/0");
  });

  it("unions two runs over the same file: a line hit in either run is covered", () => {
    const text = [
      daRecord("contracts/A.sol", [1, 0, 0], ["BRDA:11,0,0,1", "BRDA:11,0,1,-"]),
      daRecord("contracts/A.sol", [0, 3, 0], ["BRDA:11,0,0,-", "BRDA:11,0,1,2"]),
    ].join("\n");
    const files = mergeRecords(parseLcov(text));
    assert.equal(files.length, 1);
    assert.deepEqual(files[0]!.lines, { found: 3, hit: 2 });
    assert.deepEqual(files[0]!.uncoveredLines, [12]);
    assert.deepEqual(files[0]!.branches, { found: 2, hit: 2 });
    assert.deepEqual(files[0]!.untakenBranchLines, []);
  });

  it("falls back to LF/LH and BRF/BRH when a producer writes only summaries", () => {
    const text =
      "SF:contracts/A.sol\nLF:10\nLH:7\nBRF:4\nBRH:1\nend_of_record\n" +
      "SF:contracts/A.sol\nLF:10\nLH:9\nBRF:4\nBRH:0\nend_of_record\n";
    const [file] = mergeRecords(parseLcov(text));
    assert.deepEqual(
      file!.lines,
      { found: 10, hit: 9 },
      "the best run wins when runs cannot be unioned",
    );
    assert.deepEqual(file!.branches, { found: 4, hit: 1 });
    assert.deepEqual(file!.uncoveredLines, []);
  });

  it("treats BRF:0 as branch data with nothing to cover", () => {
    const [file] = mergeRecords(
      parseLcov("SF:contracts/L.sol\nDA:1,1\nBRF:0\nBRH:0\nend_of_record"),
    );
    assert.deepEqual(file!.branches, { found: 0, hit: 0 });
  });

  it("merges paths that normalise to the same file and sorts by path", () => {
    const text = [
      daRecord("/repo/contracts/B.sol", [1]),
      daRecord("./contracts/A.sol", [0]),
      daRecord("project/contracts/A.sol", [1]),
    ].join("\n");
    const files = mergeRecords(parseLcov(text), (sf) => normalizeSourcePath(sf, "/repo"));
    assert.deepEqual(
      files.map((f) => [f.path, f.lines.hit, f.lines.found]),
      [
        ["contracts/A.sol", 1, 1],
        ["contracts/B.sol", 1, 1],
      ],
    );
  });
});

describe("coverage gate: selecting files", () => {
  const files = mergeRecords(
    parseLcov(
      [
        "contracts/staking/Staking.sol",
        "contracts/mocks/MockToken.sol",
        "contracts/mocks/deep/MockOracle.sol",
        "contracts/governance/Timelock.sol",
        "contractsX/Other.sol",
        "node_modules/@openzeppelin/contracts/access/Ownable.sol",
        "test/Staking.t.sol",
      ]
        .map((p) => daRecord(p, [1]))
        .join("\n"),
    ),
  );

  it("keeps files under the root and drops contracts/mocks/ at any depth", () => {
    assert.deepEqual(
      selectFiles(files, "contracts", ["contracts/mocks/**"]).map((f) => f.path),
      ["contracts/governance/Timelock.sol", "contracts/staking/Staking.sol"],
    );
  });

  it("applies extra excludes: folders, trailing slash, single-segment and double-star globs", () => {
    const keep = (excludes: string[]) =>
      selectFiles(files, "contracts/", excludes).map((f) => f.path);
    assert.deepEqual(keep(["contracts/mocks", "contracts/governance"]), [
      "contracts/staking/Staking.sol",
    ]);
    assert.deepEqual(keep(["contracts/mocks/", "contracts/*/Timelock.sol"]), [
      "contracts/staking/Staking.sol",
    ]);
    assert.deepEqual(keep(["**/Mock*.sol", "**/Staking.sol"]), [
      "contracts/governance/Timelock.sol",
    ]);
  });

  it("matches globs exactly", () => {
    assert.equal(globToRegExp("contracts/*.sol").test("contracts/A.sol"), true);
    assert.equal(globToRegExp("contracts/*.sol").test("contracts/x/A.sol"), false);
    assert.equal(globToRegExp("contracts/**/*.sol").test("contracts/A.sol"), true);
    assert.equal(globToRegExp("contracts/**/*.sol").test("contracts/x/y/A.sol"), true);
    assert.equal(globToRegExp("contracts/?.sol").test("contracts/AB.sol"), false);
    assert.equal(globToRegExp("contracts/mocks").test("contracts/mocksX/A.sol"), false);
    assert.equal(
      globToRegExp("contracts/a.sol").test("contracts/aXsol"),
      false,
      "dots are literal",
    );
  });
});

describe("coverage gate: which files must have data", () => {
  it("requires files that declare a contract, abstract contract or library", () => {
    assert.equal(declaresCode("pragma solidity ^0.8.30;\ncontract A is B {}"), true);
    assert.equal(declaresCode("abstract contract Base {\n}"), true);
    assert.equal(declaresCode("library Math { }"), true);
    assert.equal(declaresCode("import {X} from './x.sol';contract A{}"), true);
  });

  it("does not require interface-only files, nor code named only in comments or strings", () => {
    assert.equal(declaresCode("interface IA { function f() external; }"), false);
    assert.equal(declaresCode("error Bad(uint256 x);\nstruct S { uint256 a; }"), false);
    assert.equal(declaresCode("// contract A {}\n/* library L {} */\ninterface I {}"), false);
    assert.equal(declaresCode('interface I { /// @notice "contract X" \n }'), false);
    assert.equal(declaresCode("interface IContractRegistry {}"), false);
  });

  it("fails a required file the LCOV has no record for, and one with no branch data under a branch gate", () => {
    const a = { path: "contracts/A.sol", lines: { found: 1, hit: 1 }, branches: undefined };
    const fileA = { ...a, uncoveredLines: [], untakenBranchLines: [] };
    const required = ["contracts/A.sol", "contracts/B.sol"];
    const lines = evaluateGate([fileA], { lines: 95 }, required);
    assert.deepEqual(
      lines.shortfalls.map((s) => [s.subject, s.metric, s.kind]),
      [["contracts/B.sol", "lines", "missing"]],
    );
    assert.match(describeShortfall(lines.shortfalls[0]!), /contracts\/B\.sol: no coverage record/);
    const branches = evaluateGate([fileA], { branches: 90 }, required);
    assert.deepEqual(
      branches.shortfalls.map((s) => [s.subject, s.metric, s.kind]),
      [
        ["contracts/A.sol", "branches", "missing"],
        ["contracts/B.sol", "branches", "missing"],
      ],
    );
    assert.match(renderTable(branches, { branches: 90 }), /contracts\/B\.sol.*FAIL \(no data\)/);
  });
});

describe("coverage gate: decisions", () => {
  const file = (path: string, found: number, hit: number, branches?: [number, number]) => ({
    path,
    lines: { found, hit },
    branches: branches && { found: branches[0], hit: branches[1] },
    uncoveredLines: Array.from({ length: found - hit }, (_, i) => 100 + i),
    untakenBranchLines: branches && branches[1] < branches[0] ? [7] : [],
  });

  it("passes when every file and the total reach the line threshold", () => {
    const report = evaluateGate(
      [file("contracts/A.sol", 20, 19), file("contracts/B.sol", 10, 10)],
      { lines: 95 },
    );
    assert.deepEqual(report.shortfalls, []);
    assert.deepEqual(report.total.lines, { found: 30, hit: 29 });
  });

  it("fails a single file below the threshold even when the total passes", () => {
    const report = evaluateGate(
      [file("contracts/A.sol", 100, 100), file("contracts/B.sol", 10, 9)],
      { lines: 95 },
    );
    assert.deepEqual(
      report.shortfalls.map((s) => [s.subject, s.metric, s.percent, s.missing]),
      [["contracts/B.sol", "lines", 90, 1]],
    );
    assert.equal(
      describeShortfall(report.shortfalls[0]!),
      "contracts/B.sol: lines 90.00% < 95% (short by 5.00 points; cover 1 more line); uncovered lines: 100",
    );
  });

  it("fails the total and names it", () => {
    const report = evaluateGate([file("contracts/A.sol", 3, 2)], { lines: 95 });
    assert.deepEqual(
      report.shortfalls.map((s) => s.subject),
      ["contracts/A.sol", "total"],
    );
    assert.equal(
      describeShortfall(report.shortfalls[1]!),
      "total: lines 66.66% < 95% (short by 28.34 points; cover 1 more line)",
    );
  });

  it("compares exactly: 94.99% fails at 95, exactly 95% passes", () => {
    assert.equal(
      evaluateGate([file("contracts/A.sol", 10_000, 9_499)], { lines: 95 }).shortfalls.length,
      2,
    );
    assert.equal(
      evaluateGate([file("contracts/A.sol", 20, 19)], { lines: 95 }).shortfalls.length,
      0,
    );
    assert.equal(percent({ found: 3, hit: 2 }), 66.66, "rounded down, never up to a passing value");
  });

  it("treats a file with nothing to cover as passing", () => {
    assert.deepEqual(evaluateGate([file("contracts/I.sol", 0, 0)], { lines: 95 }).shortfalls, []);
  });

  it("gates branches with the same code, and only the metrics asked for", () => {
    const files = [
      file("contracts/A.sol", 10, 5, [10, 9]),
      file("contracts/B.sol", 10, 10, [4, 2]),
    ];
    const report = evaluateGate(files, { branches: 90 });
    assert.deepEqual(report.total.branches, { found: 14, hit: 11 });
    assert.deepEqual(
      report.shortfalls.map((s) => [s.subject, s.metric, s.percent, s.missing]),
      [
        ["contracts/B.sol", "branches", 50, 2],
        ["total", "branches", 78.57, 2],
      ],
    );
    assert.equal(
      describeShortfall(report.shortfalls[0]!),
      "contracts/B.sol: branches 50.00% < 90% (short by 40.00 points; cover 2 more branches); " +
        "untaken branches on lines: 7",
    );
  });

  it("checks lines and branches together when both thresholds are given", () => {
    const report = evaluateGate([file("contracts/A.sol", 10, 5, [10, 9])], {
      lines: 95,
      branches: 90,
    });
    assert.deepEqual(
      report.shortfalls.map((s) => `${s.subject}:${s.metric}`),
      ["contracts/A.sol:lines", "total:lines"],
    );
  });

  it("renders a table with one row per file, the total and the result", () => {
    const report = evaluateGate(
      [file("contracts/A.sol", 4, 3), file("contracts/B.sol", 2, 2, [0, 0])],
      {
        lines: 95,
      },
    );
    const table = renderTable(report, { lines: 95 });
    const row = (name: string) =>
      table
        .split("\n")
        .find((l) => l.includes(name))!
        .split("│")
        .map((c) => c.trim());
    assert.deepEqual(row("contracts/A.sol").slice(1, 7), [
      "contracts/A.sol",
      "3/4",
      "75.00",
      "-",
      "-",
      "FAIL",
    ]);
    assert.deepEqual(row("contracts/B.sol").slice(1, 7), [
      "contracts/B.sol",
      "2/2",
      "100.00",
      "0/0",
      "n/a",
      "ok",
    ]);
    assert.deepEqual(row("Total").slice(1, 7), ["Total", "5/6", "83.33", "0/0", "n/a", "FAIL"]);
    assert.match(table, /Gate: lines >= 95%, per file and in total\.$/);
  });

  it("formats line ranges compactly and cuts long lists", () => {
    assert.equal(formatLineRanges([3, 7, 8, 9, 12]), "3, 7-9, 12");
    assert.equal(formatLineRanges([]), "");
    assert.equal(formatLineRanges([1, 3, 5, 7], 2), "1, 3, ... (2 more)");
  });
});

describe("coverage gate: command line", function () {
  this.timeout(20_000);
  let dir: string;
  /** The production contracts on disk in each scratch project (the gate lists them itself). */
  const CONTRACTS: Record<string, string> = {
    "contracts/A.sol": "// SPDX-License-Identifier: MIT\ncontract A {}\n",
    "contracts/B.sol": "// SPDX-License-Identifier: MIT\nabstract contract B {}\n",
    "contracts/mocks/M.sol": "contract M {}\n",
    "contracts/interfaces/IA.sol": "// contract Fake {}\ninterface IA { function f() external; }\n",
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "coverage-gate-"));
    for (const [path, text] of Object.entries(CONTRACTS)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function gate(lcov: string | undefined, ...args: string[]) {
    const path = join(dir, `lcov-${Math.random().toString(36).slice(2)}.info`);
    if (lcov !== undefined) writeFileSync(path, lcov);
    const result = spawnSync(process.execPath, [GATE_SCRIPT, "--lcov", path, ...args], {
      cwd: dir,
      encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it("exits 0 when every contract file reaches 95% lines (mocks do not count)", () => {
    const run = gate(
      [
        daRecord("contracts/A.sol", [1, 1]),
        daRecord("contracts/B.sol", [1]),
        daRecord("contracts/mocks/M.sol", [0, 0]),
      ].join("\n"),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /Coverage gate passed \(2 files .*; all 2 production contracts under contracts\/ have data\)/,
    );
    assert.doesNotMatch(run.stdout, /mocks/);
  });

  it("exits 1 and names the failing file and the gap", () => {
    const run = gate(
      [daRecord("contracts/A.sol", [1, 1]), daRecord("contracts/B.sol", [1, 0, 0, 1])].join("\n"),
    );
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /contracts\/B\.sol: lines 50\.00% < 95% \(short by 45\.00 points; cover 2 more lines\)/,
    );
    assert.match(run.stderr, /total: lines 66\.66% < 95%/);
    assert.doesNotMatch(run.stderr, /contracts\/A\.sol/);
  });

  it("honours --min-lines and --exclude", () => {
    const lcov = [
      daRecord("contracts/A.sol", [1, 1]),
      daRecord("contracts/B.sol", [1, 0, 0, 1]),
    ].join("\n");
    assert.equal(gate(lcov, "--min-lines", "50").status, 0);
    assert.equal(gate(lcov, "--exclude", "contracts/B.sol").status, 0);
  });

  it("gates branches with --min-branches and ignores lines then", () => {
    const lcov = [
      daRecord("contracts/A.sol", [1, 0], ["BRDA:10,0,0,1", "BRDA:10,0,1,0", "BRF:2", "BRH:1"]),
      daRecord("contracts/B.sol", [1], ["BRF:0", "BRH:0"]),
    ].join("\n");
    const run = gate(lcov, "--min-branches", "90");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /contracts\/A\.sol: branches 50\.00% < 90%/);
    assert.doesNotMatch(run.stderr, /: lines/);
    assert.equal(gate(lcov, "--min-branches", "50").status, 0);
  });

  it("merges several --lcov files per source file (forge's test/ and invariants/ runs)", () => {
    const branches = (taken: [number, number]) => [
      `BRDA:10,0,0,${taken[0]}`,
      `BRDA:10,0,1,${taken[1]}`,
      "BRF:2",
      `BRH:${taken.filter((t) => t > 0).length}`,
    ];
    const unit = join(dir, "unit.lcov");
    const invariants = join(dir, "invariants.lcov");
    writeFileSync(
      unit,
      [
        daRecord("contracts/A.sol", [1, 0], branches([1, 0])),
        daRecord("contracts/B.sol", [1], ["BRF:0", "BRH:0"]),
      ].join("\n"),
    );
    writeFileSync(invariants, daRecord("contracts/A.sol", [0, 1], branches([0, 3])));
    const spawnGate = (...args: string[]) =>
      spawnSync(process.execPath, [GATE_SCRIPT, ...args], { cwd: dir, encoding: "utf8" });

    // Each run alone takes one branch of two; together they take both.
    assert.equal(spawnGate("--lcov", unit, "--min-branches", "90").status, 1);
    assert.equal(spawnGate("--lcov", invariants, "--min-branches", "90").status, 1);
    const both = spawnGate(
      "--lcov",
      unit,
      "--lcov",
      invariants,
      "--min-branches",
      "90",
      "--min-lines",
      "95",
    );
    assert.equal(both.status, 0, both.stderr);
    assert.match(both.stdout, /contracts\/A\.sol +│ +2\/2 +│ +100\.00 +│ +2\/2 +│ +100\.00/);
    assert.match(
      both.stdout,
      /Coverage gate passed \(2 files from .*unit\.lcov \+ .*invariants\.lcov;/,
    );

    // A missing or malformed file among several is still unusable input, and named.
    const missing = spawnGate("--lcov", unit, "--lcov", join(dir, "absent.lcov"));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /absent\.lcov not found/);
    const bad = join(dir, "bad.lcov");
    writeFileSync(bad, "SF:contracts/A.sol\nDA:oops\n");
    const malformed = spawnGate("--lcov", unit, "--lcov", bad);
    assert.equal(malformed.status, 2);
    assert.match(malformed.stderr, /bad\.lcov: lcov line 2/);
  });

  it("exits 1 naming a production contract the LCOV has no record for", () => {
    // B.sol is on disk and declares a contract; no run wrote a record for it.
    const run = gate(daRecord("contracts/A.sol", [1, 1]));
    assert.equal(run.status, 1);
    assert.match(run.stderr, /contracts\/B\.sol: no coverage record in the LCOV/);
    assert.match(run.stdout, /contracts\/B\.sol +│ +- +│ +- +│ +- +│ +- +│ FAIL \(no data\)/);
    // Interface-only and excluded files are not required.
    assert.doesNotMatch(run.stderr, /IA\.sol|mocks/);
    assert.equal(
      gate(daRecord("contracts/A.sol", [1, 1]), "--exclude", "contracts/B.sol").status,
      0,
    );
  });

  it("exits 1 under a branch gate naming a contract with lines but no branch records", () => {
    const lcov = [
      daRecord("contracts/A.sol", [1], ["BRDA:10,0,0,1", "BRF:1", "BRH:1"]),
      daRecord("contracts/B.sol", [1]),
    ].join("\n");
    const run = gate(lcov, "--min-branches", "90");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /contracts\/B\.sol: no branch records in the LCOV/);
    // The lines gate alone has what it needs from the same file.
    assert.equal(gate(lcov, "--min-lines", "95").status, 0);
  });

  it("exits 2 when --root is not a folder", () => {
    const run = gate(daRecord("contracts/A.sol", [1]), "--root", "nowhere");
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--root nowhere is not a folder/);
  });

  it("exits 2 when the LCOV file is missing", () => {
    const run = gate(undefined);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /not found: run the coverage first/);
  });

  it("exits 2 when no contract file is left: a gate on nothing must not pass", () => {
    assert.equal(gate("").status, 2);
    const run = gate(
      [daRecord("contracts/mocks/M.sol", [1]), daRecord("test/T.sol", [1])].join("\n"),
    );
    assert.equal(run.status, 2);
    assert.match(
      run.stderr,
      /has no files under contracts\/ \(after excludes; it names 2 file\(s\)\)/,
    );
  });

  it("exits 2 for a branch gate over LCOV without branch records (Hardhat's)", () => {
    const run = gate(daRecord("contracts/A.sol", [1]), "--min-branches", "90");
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no branch records/);
  });

  it("exits 2 on malformed LCOV and on bad arguments", () => {
    assert.match(gate("SF:contracts/A.sol\nDA:oops\n").stderr, /lcov line 2/);
    assert.equal(gate("SF:contracts/A.sol\nDA:oops\n").status, 2);
    assert.equal(gate(daRecord("contracts/A.sol", [1]), "--min-lines", "abc").status, 2);
    assert.equal(gate(daRecord("contracts/A.sol", [1]), "--min-lines", "101").status, 2);
    assert.equal(gate(daRecord("contracts/A.sol", [1]), "--nope").status, 2);
  });
});
