// CI gate on Solidity coverage: reads an LCOV file and fails when a production contract (or the
// total) is below the threshold. Lines come from `npx hardhat test --coverage`; branches from
// `npm run forge -- coverage --report lcov` with `--min-branches 90`.
//
//   node scripts/coverage-gate.ts [--lcov coverage/lcov.info]... [--min-lines 95] [--min-branches 90]
//                                 [--root contracts] [--exclude <glob>]...
//
// --lcov may be given several times (forge covers one test folder per run: test/ and invariants/
// give two files); records naming the same source file are merged (a line or branch counts as
// covered when any run covered it) before the gate decides.
//
// With no --min-* flag the gate checks lines at 95%; with flags, exactly the metrics named.
//
// The gate lists the production contracts itself, from the files under --root that declare a
// contract or library (interface-only files compile to no code), less the excludes: a contract the
// LCOV has no record for, or no branch records for under a branch gate, fails the gate by name. So a
// contract that no test run reached, or one the coverage tool dropped, cannot pass by being absent.
//
// Exit codes: 0 pass, 1 below a threshold or a production contract without data, 2 unusable input
// (missing file, no contract files, no branch data at all for a branch gate, bad arguments).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { parseArgs } from "node:util";

import {
  declaresCode,
  describeShortfall,
  evaluateGate,
  isGated,
  normalizeSourcePath,
  renderTable,
  selectFiles,
  type Thresholds,
} from "./coverage-gate/gate.ts";
import { LcovParseError, type LcovRecord, mergeRecords, parseLcov } from "./coverage-gate/lcov.ts";

export const DEFAULT_EXCLUDES = ["contracts/mocks/**"];

class InputError extends Error {}

function parseThreshold(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(value) || value < 0 || value > 100) {
    throw new InputError(`${flag} must be a number from 0 to 100, got "${raw}"`);
  }
  return value;
}

/** Every `.sol` file under `root` (repository-relative, "/"-separated), sorted. */
function solidityFilesUnder(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new InputError(
      `--root ${root} is not a folder: the gate lists the contracts it gates from there`,
    );
  }
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".sol")) found.push(path);
    }
  };
  walk(root);
  return found.map((path) => relative(process.cwd(), path).replace(/\\/g, "/")).sort();
}

/** The production contracts the gate expects coverage data for. */
function productionContracts(root: string, excludes: readonly string[]): string[] {
  return solidityFilesUnder(root).filter(
    (path) => isGated(path, root, excludes) && declaresCode(readFileSync(path, "utf8")),
  );
}

function run(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      lcov: { type: "string", multiple: true, default: ["coverage/lcov.info"] },
      "min-lines": { type: "string" },
      "min-branches": { type: "string" },
      root: { type: "string", default: "contracts" },
      exclude: { type: "string", multiple: true, default: [] },
    },
    strict: true,
    allowPositionals: false,
  });
  const thresholds: Thresholds = {
    lines: parseThreshold(values["min-lines"], "--min-lines"),
    branches: parseThreshold(values["min-branches"], "--min-branches"),
  };
  if (thresholds.lines === undefined && thresholds.branches === undefined) thresholds.lines = 95;

  const lcovPaths = values.lcov;
  const records: LcovRecord[] = [];
  for (const lcovPath of lcovPaths) {
    if (!existsSync(lcovPath)) {
      throw new InputError(
        `${lcovPath} not found: run the coverage first (npx hardhat test --coverage, or npm run coverage:branches)`,
      );
    }
    try {
      records.push(...parseLcov(readFileSync(lcovPath, "utf8")));
    } catch (error) {
      if (error instanceof LcovParseError) throw new InputError(`${lcovPath}: ${error.message}`);
      throw error;
    }
  }
  const lcovPath = lcovPaths.join(" + ");
  const all = mergeRecords(records, (sf) => normalizeSourcePath(sf, process.cwd()));
  const excludes = [...DEFAULT_EXCLUDES, ...values.exclude];
  const files = selectFiles(all, values.root, excludes);
  const required = productionContracts(values.root, excludes);
  if (files.length === 0) {
    throw new InputError(
      `${lcovPath} has no files under ${values.root}/ (after excludes; it names ${all.length} file(s)). ` +
        "A gate over nothing would pass on nothing.",
    );
  }
  if (thresholds.branches !== undefined && files.every((f) => f.branches === undefined)) {
    throw new InputError(
      `${lcovPath} has no branch records (BRDA/BRF) for ${values.root}/: Hardhat's coverage writes ` +
        "none; use `npm run forge -- coverage --report lcov` for a branch gate.",
    );
  }

  const report = evaluateGate(files, thresholds, required);
  console.log(renderTable(report, thresholds));
  if (report.shortfalls.length === 0) {
    console.log(
      `Coverage gate passed (${files.length} files from ${lcovPath}; ` +
        `all ${required.length} production contracts under ${values.root}/ have data).`,
    );
    return 0;
  }
  console.error(`\nCoverage gate FAILED (${lcovPath}):`);
  for (const shortfall of report.shortfalls) console.error(`  ${describeShortfall(shortfall)}`);
  return 1;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  const known = error instanceof InputError || error instanceof LcovParseError;
  const usage =
    error instanceof TypeError &&
    "code" in error &&
    String(error.code).startsWith("ERR_PARSE_ARGS");
  if (!known && !usage) throw error;
  console.error(`coverage-gate: ${(error as Error).message}`);
  process.exitCode = 2;
}
