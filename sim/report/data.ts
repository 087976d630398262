// Reads what `npm run sim` wrote: a sweep's directory (runs.csv, summary.json, meta.json) and the
// companion runs beside it in sub-directories (sim/report/suite.ts names them). The report is
// rendered from these files alone, so it can be regenerated from saved results.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

import type { PointSummary } from "../output.ts";

/** One row of runs.csv: the swept values by key, then the row's fields. */
export interface CsvRow {
  point: number;
  swept: Record<string, string>;
  seed: number;
  epoch: number;
  strategy: string;
  participants: number;
  payoff: number;
  stake: number;
  reputation: number;
  casesWon: number;
  casesLost: number;
  paused: boolean;
}

export interface SweepMeta {
  date: string;
  scenario: string;
  manifest: string;
  firstSeed: number;
  seeds: number;
  points: number;
  contractsCommit: string;
  workers?: number;
  seconds?: number;
  actions?: number;
  /** What the suite wrote about the run (population, epochs), when it did. */
  [key: string]: unknown;
}

export interface SweepData {
  dir: string;
  sweptKeys: string[];
  rows: CsvRow[];
  summary: PointSummary[];
  meta: SweepMeta;
}

const FIXED = ["seed", "epoch", "strategy", "participants", "payoff", "stake", "reputation"];

export function parseRunsCsv(
  text: string,
  file = "runs.csv",
): { sweptKeys: string[]; rows: CsvRow[] } {
  const lines = text.split("\n").filter((l) => l !== "");
  if (lines.length === 0) throw new Error(`${file}: empty, expected a header line`);
  const header = lines[0].split(",");
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i === -1) throw new Error(`${file}: line 1: no "${name}" column in the header`);
    return i;
  };
  if (header[0] !== "point")
    throw new Error(`${file}: line 1: expected "point" as the first column`);
  const seedAt = at("seed");
  const sweptKeys = header.slice(1, seedAt);
  const idx = Object.fromEntries(
    [...FIXED, "casesWon", "casesLost", "paused"].map((f) => [f, at(f)]),
  );
  const rows = lines.slice(1).map((line, n) => {
    const cells = line.split(",");
    if (cells.length !== header.length)
      throw new Error(
        `${file}: line ${n + 2}: expected ${header.length} fields, found ${cells.length}`,
      );
    const num = (field: string) => {
      const value = Number(cells[idx[field]]);
      if (!Number.isFinite(value))
        throw new Error(
          `${file}: line ${n + 2}: ${field}: expected a number, found "${cells[idx[field]]}"`,
        );
      return value;
    };
    return {
      point: Number(cells[0]),
      swept: Object.fromEntries(sweptKeys.map((k, i) => [k, cells[i + 1]])),
      seed: num("seed"),
      epoch: num("epoch"),
      strategy: cells[idx.strategy],
      participants: num("participants"),
      payoff: num("payoff"),
      stake: num("stake"),
      reputation: num("reputation"),
      casesWon: num("casesWon"),
      casesLost: num("casesLost"),
      paused: cells[idx.paused] === "true",
    };
  });
  return { sweptKeys, rows };
}

function readJson<T>(file: string): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch (error) {
    throw new Error(`${file}: cannot read: ${(error as Error).message}`);
  }
}

export function readSweep(dir: string): SweepData {
  const csv = join(dir, "runs.csv");
  if (!existsSync(csv))
    throw new Error(`${dir}: no runs.csv here (expected a directory written by npm run sim)`);
  const { sweptKeys, rows } = parseRunsCsv(readFileSync(csv, "utf8"), csv);
  if (rows.length === 0) throw new Error(`${csv}: no rows after the header (an empty sweep)`);
  return {
    dir,
    sweptKeys,
    rows,
    summary: readJson<PointSummary[]>(join(dir, "summary.json")),
    meta: readJson<SweepMeta>(join(dir, "meta.json")),
  };
}

/** The companion runs' directory names, relative to the sweep's (sim/report/suite.ts writes them). */
export const COMPANIONS = {
  base: "base",
  pausesOff: "pauses-off",
  without: (strategy: string) => `without-${strategy}`,
  farming: (contracts: "before" | "after", size: string) => `farming-${contracts}-${size}`,
} as const;

/** A companion run when its directory exists, else undefined (the report says it was not run). */
export function readCompanion(dir: string, name: string): SweepData | undefined {
  return existsSync(join(dir, name, "runs.csv")) ? readSweep(join(dir, name)) : undefined;
}
