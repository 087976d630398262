// LCOV parsing and per-file merging for the coverage gate. Pure: text in, numbers out.
// Both producers feed it: `npx hardhat test --coverage` (DA/LF/LH only) and
// `npm run forge -- coverage --report lcov` (DA/LF/LH plus BRDA/BRF/BRH).

/** Hits per source line (DA) and per branch (BRDA), plus the summary counts, for one record. */
export type LcovRecord = {
  sourceFile: string;
  lineHits: Map<number, number>;
  branchHits: Map<string, number>;
  linesFound: number | undefined;
  linesHit: number | undefined;
  branchesFound: number | undefined;
  branchesHit: number | undefined;
};

export type Counts = { found: number; hit: number };

/** One source file's coverage after merging every record that names it. */
export type FileCoverage = {
  path: string;
  lines: Counts;
  /** Undefined when no record for this file carries branch data (Hardhat's LCOV never does). */
  branches: Counts | undefined;
  /** Known only from DA records; empty when the producer gave summaries alone. */
  uncoveredLines: number[];
  /** Source lines holding a branch (BRDA) that no run took. */
  untakenBranchLines: number[];
};

export class LcovParseError extends Error {
  readonly code = "LCOV_PARSE";
  readonly lineNumber: number;
  constructor(lineNumber: number, message: string) {
    super(`lcov line ${lineNumber}: ${message}`);
    this.name = "LcovParseError";
    this.lineNumber = lineNumber;
  }
}

function emptyRecord(sourceFile: string): LcovRecord {
  return {
    sourceFile,
    lineHits: new Map(),
    branchHits: new Map(),
    linesFound: undefined,
    linesHit: undefined,
    branchesFound: undefined,
    branchesHit: undefined,
  };
}

function parseCount(value: string, lineNumber: number, what: string): number {
  if (!/^\d+$/.test(value))
    throw new LcovParseError(lineNumber, `${what} is not a count: "${value}"`);
  return Number(value);
}

/**
 * Splits LCOV text into records. Record kinds the gate does not use (TN, FN, FNDA, FNF, FNH, VER...)
 * are skipped; a malformed DA/BRDA/LF/LH/BRF/BRH or data outside a record is an error, because a
 * gate that misreads its input could pass on nothing.
 */
export function parseLcov(text: string): LcovRecord[] {
  const records: LcovRecord[] = [];
  let current: LcovRecord | undefined;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const lineNumber = index + 1;
    const line = lines[index]!.trim();
    if (line === "") continue;
    if (line === "end_of_record") {
      if (current === undefined) throw new LcovParseError(lineNumber, "end_of_record without SF");
      records.push(current);
      current = undefined;
      continue;
    }
    const colon = line.indexOf(":");
    const kind = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1);
    if (kind === "SF") {
      if (current !== undefined) records.push(current); // tolerate a missing end_of_record
      if (value === "") throw new LcovParseError(lineNumber, "SF without a path");
      current = emptyRecord(value);
      continue;
    }
    if (kind === "TN" || kind === "VER") continue;
    if (!["DA", "BRDA", "LF", "LH", "BRF", "BRH"].includes(kind)) continue;
    if (current === undefined)
      throw new LcovParseError(lineNumber, `${kind} outside a record (no SF)`);
    switch (kind) {
      case "DA": {
        const [lineNo, hits] = value.split(",");
        if (lineNo === undefined || hits === undefined) {
          throw new LcovParseError(lineNumber, `DA needs "line,hits": "${value}"`);
        }
        const line = parseCount(lineNo, lineNumber, "DA line");
        const count = parseCount(hits, lineNumber, "DA hits");
        current.lineHits.set(line, (current.lineHits.get(line) ?? 0) + count);
        break;
      }
      case "BRDA": {
        const parts = value.split(",");
        if (parts.length !== 4) {
          throw new LcovParseError(lineNumber, `BRDA needs "line,block,branch,taken": "${value}"`);
        }
        const taken = parts[3] === "-" ? 0 : parseCount(parts[3]!, lineNumber, "BRDA taken");
        const key = parts.slice(0, 3).join(",");
        current.branchHits.set(key, (current.branchHits.get(key) ?? 0) + taken);
        break;
      }
      case "LF":
        current.linesFound = parseCount(value, lineNumber, "LF");
        break;
      case "LH":
        current.linesHit = parseCount(value, lineNumber, "LH");
        break;
      case "BRF":
        current.branchesFound = parseCount(value, lineNumber, "BRF");
        break;
      case "BRH":
        current.branchesHit = parseCount(value, lineNumber, "BRH");
        break;
    }
  }
  if (current !== undefined) records.push(current);
  return records;
}

/**
 * Merges records per path (two forge runs over test/ and invariants/ give two records per file).
 * Detail records (DA, BRDA) are unioned exactly: a line counts as hit when any run hit it. Where a
 * file has only summaries (LF/LH, BRF/BRH), runs cannot be unioned, so the best one is taken.
 */
export function mergeRecords(
  records: readonly LcovRecord[],
  normalizePath: (sourceFile: string) => string = (p) => p,
): FileCoverage[] {
  const byPath = new Map<string, LcovRecord[]>();
  for (const record of records) {
    const path = normalizePath(record.sourceFile);
    const list = byPath.get(path) ?? [];
    list.push(record);
    byPath.set(path, list);
  }
  const files: FileCoverage[] = [];
  for (const [path, group] of byPath) {
    const lineHits = unionHits(group.map((r) => r.lineHits));
    const branchHits = unionHits(group.map((r) => r.branchHits));
    const lines =
      lineHits.size > 0
        ? countHits(lineHits)
        : bestSummary(group.map((r) => [r.linesFound, r.linesHit]));
    const hasBranchData = group.some((r) => r.branchHits.size > 0 || r.branchesFound !== undefined);
    const branches = !hasBranchData
      ? undefined
      : branchHits.size > 0
        ? countHits(branchHits)
        : bestSummary(group.map((r) => [r.branchesFound, r.branchesHit]));
    const uncoveredLines = [...lineHits]
      .filter(([, hits]) => hits === 0)
      .map(([line]) => line)
      .sort((a, b) => a - b);
    const untakenBranchLines = [
      ...new Set(
        [...branchHits].filter(([, hits]) => hits === 0).map(([key]) => Number(key.split(",")[0])),
      ),
    ].sort((a, b) => a - b);
    files.push({ path, lines, branches, uncoveredLines, untakenBranchLines });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function unionHits<K>(maps: readonly Map<K, number>[]): Map<K, number> {
  const union = new Map<K, number>();
  for (const map of maps) {
    for (const [key, hits] of map) union.set(key, (union.get(key) ?? 0) + hits);
  }
  return union;
}

function countHits(hits: Map<unknown, number>): Counts {
  let hit = 0;
  for (const count of hits.values()) if (count > 0) hit++;
  return { found: hits.size, hit };
}

function bestSummary(pairs: readonly [number | undefined, number | undefined][]): Counts {
  let best: Counts = { found: 0, hit: 0 };
  for (const [found, hit] of pairs) {
    if (found === undefined) continue;
    const candidate = { found, hit: Math.min(hit ?? 0, found) };
    if (best.found === 0 || candidate.hit * best.found > best.hit * candidate.found)
      best = candidate;
  }
  return best;
}
