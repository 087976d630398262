// The gas gate's decision: measured figures against the committed budgets and snapshot.
// Pure (no Hardhat, no files), so test/tooling/gas-check.test.ts can drive it with crafted inputs.

/** Operation name → gas (a receipt's `gasUsed`, or a budget). */
export type GasFigures = Readonly<Record<string, number>>;

export type GasMode = "check" | "update";

export type GasFailureCode =
  /** The measured gas is above the operation's budget. */
  | "OVER_BUDGET"
  /** An operation was measured but budgets.json has no entry for it. */
  | "MISSING_BUDGET"
  /** budgets.json names an operation the harness no longer measures. */
  | "ORPHAN_BUDGET"
  /** snapshot.json does not hold exactly the measured figures (check mode only). */
  | "STALE_SNAPSHOT";

export interface GasFailure {
  code: GasFailureCode;
  operation: string;
  message: string;
}

/** One line of the printed table. `budget`, `headroom` and `delta` are null when there is nothing to compare. */
export interface GasRow {
  operation: string;
  gas: number;
  budget: number | null;
  /** budget - gas: negative when over budget. */
  headroom: number | null;
  /** gas - committed snapshot: null for an operation new to the snapshot. */
  delta: number | null;
  overBudget: boolean;
}

export interface GasCheckInput {
  measured: GasFigures;
  budgets: GasFigures;
  /** The committed snapshot.json as read before this run. */
  snapshot: GasFigures;
  mode: GasMode;
}

export interface GasCheckResult {
  ok: boolean;
  rows: GasRow[];
  failures: GasFailure[];
}

/** The update command every stale-snapshot message points to. */
export const UPDATE_COMMAND = "npm run gas:update";

/** Headroom rule for a new budget: 5% over the snapshot, rounded up to the next 1,000 gas. */
export const BUDGET_HEADROOM = 0.05;
export const BUDGET_ROUNDING = 1_000;

/** The budget the rule proposes for a measured figure (a reviewer still commits it by hand). */
export function proposeBudget(gas: number): number {
  return Math.ceil((gas * (1 + BUDGET_HEADROOM)) / BUDGET_ROUNDING) * BUDGET_ROUNDING;
}

/**
 * Compares the measured figures with the budgets and the committed snapshot.
 * In check mode a snapshot that differs from the measurement is a failure: gas is deterministic, so
 * a difference means a contract or the harness changed without the snapshot being updated.
 * In update mode the snapshot is about to be rewritten, so only budget failures remain: updating
 * the snapshot never hides an operation that outgrew its budget.
 */
export function checkGas({ measured, budgets, snapshot, mode }: GasCheckInput): GasCheckResult {
  const rows: GasRow[] = [];
  const failures: GasFailure[] = [];

  for (const [operation, gas] of Object.entries(measured)) {
    const budget = own(budgets, operation);
    const committed = own(snapshot, operation);
    const overBudget = budget !== null && gas > budget;
    rows.push({
      operation,
      gas,
      budget,
      headroom: budget === null ? null : budget - gas,
      delta: committed === null ? null : gas - committed,
      overBudget,
    });

    if (budget === null) {
      failures.push({
        code: "MISSING_BUDGET",
        operation,
        message: `${operation}: no budget in gas/budgets.json (measured ${gas}; the rule proposes ${proposeBudget(gas)})`,
      });
    } else if (overBudget) {
      failures.push({
        code: "OVER_BUDGET",
        operation,
        message: `${operation}: ${gas} gas is over its budget of ${budget} by ${gas - budget} (${percent(gas - budget, budget)})`,
      });
    }

    if (mode === "check" && committed !== gas) {
      failures.push({
        code: "STALE_SNAPSHOT",
        operation,
        message:
          committed === null
            ? `${operation}: not in gas/snapshot.json (measured ${gas}); run \`${UPDATE_COMMAND}\` and commit`
            : `${operation}: gas/snapshot.json says ${committed}, measured ${gas}; run \`${UPDATE_COMMAND}\` and commit`,
      });
    }
  }

  for (const operation of Object.keys(budgets)) {
    if (own(measured, operation) === null) {
      failures.push({
        code: "ORPHAN_BUDGET",
        operation,
        message: `${operation}: has a budget in gas/budgets.json but is not measured; remove it or restore its scenario`,
      });
    }
  }

  if (mode === "check") {
    for (const operation of Object.keys(snapshot)) {
      if (own(measured, operation) === null) {
        failures.push({
          code: "STALE_SNAPSHOT",
          operation,
          message: `${operation}: in gas/snapshot.json but no longer measured; run \`${UPDATE_COMMAND}\` and commit`,
        });
      }
    }
  }

  return { ok: failures.length === 0, rows, failures };
}

/** `part` as a signed percentage of `whole`, one decimal. */
export function percent(part: number, whole: number): string {
  const value = whole === 0 ? 0 : (part / whole) * 100;
  return `${value > 0 ? "+" : ""}${value.toFixed(1)}%`;
}

/** Validates a parsed gas/*.json file: a flat object of non-negative integers. */
export function parseGasFigures(value: unknown, file: string): Record<string, number> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${file}: expected an object of operation → gas`);
  }
  const figures: Record<string, number> = {};
  for (const [operation, gas] of Object.entries(value)) {
    if (typeof gas !== "number" || !Number.isSafeInteger(gas) || gas < 0) {
      throw new Error(
        `${file}: "${operation}" must be a non-negative integer, got ${JSON.stringify(gas)}`,
      );
    }
    figures[operation] = gas;
  }
  return figures;
}

function own(figures: GasFigures, operation: string): number | null {
  return Object.hasOwn(figures, operation) ? figures[operation] : null;
}
