// The coverage gate's decisions: which files count, what their coverage is, and which fall short.
// Pure; scripts/coverage-gate.ts reads the file, prints, and turns the outcome into an exit code.
import Table from "cli-table3";

import { globToRegExp } from "../lib/glob.ts";
import type { Counts, FileCoverage } from "./lcov.ts";

export type Metric = "lines" | "branches";

export type Thresholds = { lines?: number; branches?: number };

export type Shortfall = {
  /** A source path, or "total". */
  subject: string;
  metric: Metric;
  /** "below" a threshold, or "missing": a production contract the LCOV has no data for. */
  kind: "below" | "missing";
  percent: number;
  min: number;
  /** How many more lines (or branches) must be covered to reach the threshold. */
  missing: number;
  /** Where to look: uncovered lines, or lines with an untaken branch. Empty for the total. */
  lines: number[];
};

export type GateReport = {
  files: FileCoverage[];
  total: { lines: Counts; branches: Counts | undefined };
  shortfalls: Shortfall[];
};

/** Brings an LCOV SF path to the repository-relative form used by the filters ("contracts/x.sol"). */
export function normalizeSourcePath(sourceFile: string, projectRoot: string): string {
  let path = sourceFile.replace(/\\/g, "/");
  const root = projectRoot.replace(/\\/g, "/").replace(/\/+$/, "");
  if (path.startsWith(`${root}/`)) path = path.slice(root.length + 1);
  path = path.replace(/^\.\//, "");
  // Hardhat 3 names project sources "project/<path>" inside its compiler input.
  if (path.startsWith("project/")) path = path.slice("project/".length);
  return path;
}

/** True when `path` lies under `sourceRoot` and no exclude pattern matches it. */
export function isGated(path: string, sourceRoot: string, excludes: readonly string[]): boolean {
  const root = sourceRoot.replace(/\/+$/, "");
  return path.startsWith(`${root}/`) && !excludes.some((e) => globToRegExp(e).test(path));
}

/** Keeps the files under `sourceRoot` that no exclude pattern matches. */
export function selectFiles(
  files: readonly FileCoverage[],
  sourceRoot: string,
  excludes: readonly string[],
): FileCoverage[] {
  return files.filter((file) => isGated(file.path, sourceRoot, excludes));
}

/**
 * True when a Solidity source declares code that runs: a contract (abstract or not) or a library.
 * A file of interfaces, errors, structs or constants alone compiles to no instrumented code, so no
 * coverage tool writes a record for it. Comments and string literals are ignored.
 */
export function declaresCode(source: string): boolean {
  const code = source
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/[^\n]*/g, " ")
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
  return /(?:^|[;{}\s])(?:abstract\s+)?(?:contract|library)\s+[A-Za-z_$][\w$]*/.test(code);
}

/** A percentage rounded DOWN to two decimals, so 94.999 never prints as a passing "95.00". */
export function percent(counts: Counts): number {
  if (counts.found === 0) return 100;
  return Math.floor((counts.hit * 10_000) / counts.found) / 100;
}

function isBelow(counts: Counts, min: number): boolean {
  // Exact integer comparison: hit/found < min/100.
  return counts.found > 0 && counts.hit * 100 < min * counts.found;
}

function missingToReach(counts: Counts, min: number): number {
  return Math.ceil((min * counts.found) / 100 - 1e-9) - counts.hit;
}

function sum(counts: readonly Counts[]): Counts {
  return counts.reduce((acc, c) => ({ found: acc.found + c.found, hit: acc.hit + c.hit }), {
    found: 0,
    hit: 0,
  });
}

/**
 * Checks each file and the total against every threshold given. `required` lists the production
 * contracts the gate expects data for (found on disk, not in the LCOV): one with no record at all,
 * or with no branch records under a branch gate, is a shortfall of its own, so a contract that no
 * test run reached can never pass by being absent.
 */
export function evaluateGate(
  files: readonly FileCoverage[],
  thresholds: Thresholds,
  required: readonly string[] = [],
): GateReport {
  const withBranches = files.filter((f) => f.branches !== undefined);
  const total = {
    lines: sum(files.map((f) => f.lines)),
    branches: withBranches.length > 0 ? sum(withBranches.map((f) => f.branches!)) : undefined,
  };
  const shortfalls: Shortfall[] = [];
  const check = (subject: string, metric: Metric, counts: Counts | undefined, lines: number[]) => {
    const min = thresholds[metric];
    if (min === undefined || counts === undefined || !isBelow(counts, min)) return;
    shortfalls.push({
      subject,
      metric,
      kind: "below",
      percent: percent(counts),
      min,
      missing: missingToReach(counts, min),
      lines,
    });
  };
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const metric of ["lines", "branches"] as const) {
    if (thresholds[metric] === undefined) continue;
    for (const path of required) {
      const file = byPath.get(path);
      const absent = file === undefined || (metric === "branches" && file.branches === undefined);
      if (absent) {
        shortfalls.push({
          subject: path,
          metric,
          kind: "missing",
          percent: 0,
          min: thresholds[metric]!,
          missing: 0,
          lines: [],
        });
      }
    }
    for (const file of files) {
      const where = metric === "lines" ? file.uncoveredLines : file.untakenBranchLines;
      check(file.path, metric, file[metric], where);
    }
    check("total", metric, total[metric], []);
  }
  return { files: [...files], total, shortfalls };
}

/** "3, 7-9, 12", cut after `limit` ranges. */
export function formatLineRanges(lines: readonly number[], limit = 12): string {
  const ranges: string[] = [];
  let start: number | undefined;
  let previous: number | undefined;
  const flush = () => {
    if (start !== undefined) ranges.push(start === previous ? `${start}` : `${start}-${previous}`);
  };
  for (const line of lines) {
    if (previous !== undefined && line === previous + 1) {
      previous = line;
      continue;
    }
    flush();
    start = line;
    previous = line;
  }
  flush();
  return ranges.length > limit
    ? `${ranges.slice(0, limit).join(", ")}, ... (${ranges.length - limit} more)`
    : ranges.join(", ");
}

function formatCell(counts: Counts | undefined): [string, string] {
  if (counts === undefined) return ["-", "-"];
  if (counts.found === 0) return ["0/0", "n/a"];
  return [`${counts.hit}/${counts.found}`, percent(counts).toFixed(2)];
}

/** The table printed by the gate; plain (no colours) so logs stay readable. */
export function renderTable(report: GateReport, thresholds: Thresholds): string {
  const failing = new Set(report.shortfalls.map((s) => s.subject));
  const table = new Table({
    head: ["File", "Lines", "Line %", "Branches", "Branch %", "Result"],
    style: { head: [], border: [], compact: true },
    colAligns: ["left", "right", "right", "right", "right", "left"],
  });
  const result = (subject: string) => (failing.has(subject) ? "FAIL" : "ok");
  for (const file of report.files) {
    table.push([
      file.path,
      ...formatCell(file.lines),
      ...formatCell(file.branches),
      result(file.path),
    ]);
  }
  const listed = new Set(report.files.map((file) => file.path));
  for (const shortfall of report.shortfalls) {
    if (shortfall.kind !== "missing" || listed.has(shortfall.subject)) continue;
    listed.add(shortfall.subject);
    table.push([shortfall.subject, "-", "-", "-", "-", "FAIL (no data)"]);
  }
  table.push([
    "Total",
    ...formatCell(report.total.lines),
    ...formatCell(report.total.branches),
    result("total"),
  ]);
  const gates = (["lines", "branches"] as const)
    .filter((m) => thresholds[m] !== undefined)
    .map((m) => `${m} >= ${thresholds[m]}%`)
    .join(", ");
  return `${table.toString()}\nGate: ${gates}, per file and in total.`;
}

/** One line per shortfall: what, by how much, and where to look. */
export function describeShortfall(shortfall: Shortfall): string {
  if (shortfall.kind === "missing") {
    const what = shortfall.metric === "lines" ? "no coverage record" : "no branch records";
    return (
      `${shortfall.subject}: ${what} in the LCOV (a production contract no test run reached, ` +
      `or one the coverage tool left out); the ${shortfall.metric} gate cannot pass without data`
    );
  }
  const noun =
    shortfall.metric === "lines"
      ? shortfall.missing === 1
        ? "line"
        : "lines"
      : shortfall.missing === 1
        ? "branch"
        : "branches";
  const gap = (shortfall.min - shortfall.percent).toFixed(2);
  let text =
    `${shortfall.subject}: ${shortfall.metric} ${shortfall.percent.toFixed(2)}% < ${shortfall.min}% ` +
    `(short by ${gap} points; cover ${shortfall.missing} more ${noun})`;
  if (shortfall.lines.length > 0) {
    const label = shortfall.metric === "lines" ? "uncovered lines" : "untaken branches on lines";
    text += `; ${label}: ${formatLineRanges(shortfall.lines)}`;
  }
  return text;
}
