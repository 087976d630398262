// The gas gate's decision (scripts/gas/check.ts) on crafted figures. No chain and no Hardhat: the
// measurement itself runs only in `npm run gas`, never under `hardhat test --coverage`.
import { expect } from "chai";

import {
  checkGas,
  parseGasFigures,
  proposeBudget,
  type GasCheckInput,
} from "../../scripts/gas/check.ts";

const fine: GasCheckInput = {
  measured: { "StakeManager.deposit:first": 71_928, "StakeManager.withdraw": 46_883 },
  budgets: { "StakeManager.deposit:first": 76_000, "StakeManager.withdraw": 50_000 },
  snapshot: { "StakeManager.deposit:first": 71_928, "StakeManager.withdraw": 46_883 },
  mode: "check",
};

describe("gas gate: checkGas", () => {
  it("passes when every operation is within budget and the snapshot matches", () => {
    const result = checkGas(fine);
    expect(result.ok).to.equal(true);
    expect(result.failures).to.deep.equal([]);
    expect(result.rows.map((r) => [r.operation, r.headroom, r.delta])).to.deep.equal([
      ["StakeManager.deposit:first", 4_072, 0],
      ["StakeManager.withdraw", 3_117, 0],
    ]);
  });

  it("passes at exactly the budget", () => {
    const result = checkGas({
      ...fine,
      budgets: { ...fine.budgets, "StakeManager.withdraw": 46_883 },
    });
    expect(result.ok).to.equal(true);
  });

  it("fails an operation over its budget, naming it", () => {
    const measured = { ...fine.measured, "StakeManager.withdraw": 50_001 };
    const result = checkGas({ ...fine, measured, snapshot: measured });
    expect(result.ok).to.equal(false);
    expect(result.failures).to.have.length(1);
    expect(result.failures[0].code).to.equal("OVER_BUDGET");
    expect(result.failures[0].operation).to.equal("StakeManager.withdraw");
    expect(result.failures[0].message)
      .to.contain("StakeManager.withdraw")
      .and.contain("50001")
      .and.contain("50000");
    expect(result.rows.find((r) => r.operation === "StakeManager.withdraw")?.overBudget).to.equal(
      true,
    );
  });

  it("fails an operation over its budget in update mode too", () => {
    const measured = { ...fine.measured, "StakeManager.withdraw": 60_000 };
    const result = checkGas({ ...fine, measured, mode: "update" });
    expect(result.failures.map((f) => f.code)).to.deep.equal(["OVER_BUDGET"]);
  });

  it("fails a measured operation that has no budget, proposing one", () => {
    const measured = { ...fine.measured, "JobRegistry.create": 100_000 };
    const result = checkGas({ ...fine, measured, snapshot: measured });
    expect(result.ok).to.equal(false);
    expect(result.failures.map((f) => [f.code, f.operation])).to.deep.equal([
      ["MISSING_BUDGET", "JobRegistry.create"],
    ]);
    expect(result.failures[0].message).to.contain("105000");
  });

  it("fails a budget whose operation is no longer measured", () => {
    const result = checkGas({ ...fine, budgets: { ...fine.budgets, "Old.op": 1 } });
    expect(result.failures.map((f) => [f.code, f.operation])).to.deep.equal([
      ["ORPHAN_BUDGET", "Old.op"],
    ]);
  });

  it("fails a stale snapshot in check mode, pointing to the update command", () => {
    const result = checkGas({
      ...fine,
      snapshot: { ...fine.snapshot, "StakeManager.withdraw": 46_882 },
    });
    expect(result.ok).to.equal(false);
    expect(result.failures.map((f) => [f.code, f.operation])).to.deep.equal([
      ["STALE_SNAPSHOT", "StakeManager.withdraw"],
    ]);
    expect(result.failures[0].message).to.contain("npm run gas:update").and.contain("commit");
    expect(result.rows.find((r) => r.operation === "StakeManager.withdraw")?.delta).to.equal(1);
  });

  it("fails a snapshot that misses a measured operation or keeps a removed one", () => {
    const result = checkGas({
      ...fine,
      snapshot: { "StakeManager.deposit:first": 71_928, "Old.op": 1 },
    });
    expect(result.failures.map((f) => [f.code, f.operation])).to.deep.equal([
      ["STALE_SNAPSHOT", "StakeManager.withdraw"],
      ["STALE_SNAPSHOT", "Old.op"],
    ]);
    expect(result.rows.find((r) => r.operation === "StakeManager.withdraw")?.delta).to.equal(null);
  });

  it("does not call the snapshot stale in update mode, which rewrites it", () => {
    const result = checkGas({ ...fine, snapshot: {}, mode: "update" });
    expect(result.ok).to.equal(true);
  });

  it("does not read inherited properties as budgets", () => {
    const measured = { toString: 1 };
    const result = checkGas({ measured, budgets: {}, snapshot: measured, mode: "check" });
    expect(result.failures.map((f) => f.code)).to.deep.equal(["MISSING_BUDGET"]);
  });
});

describe("gas gate: proposeBudget", () => {
  it("adds 5% and rounds up to the next 1,000 gas", () => {
    expect(proposeBudget(71_928)).to.equal(76_000);
    expect(proposeBudget(100_000)).to.equal(105_000);
    expect(proposeBudget(283_146)).to.equal(298_000);
  });
});

describe("gas gate: parseGasFigures", () => {
  it("accepts a flat object of non-negative integers", () => {
    expect(parseGasFigures({ a: 1, b: 0 }, "gas/x.json")).to.deep.equal({ a: 1, b: 0 });
  });

  it("names the file and the entry that is wrong", () => {
    expect(() => parseGasFigures({ a: "1" }, "gas/budgets.json")).to.throw(
      /gas\/budgets\.json: "a"/,
    );
    expect(() => parseGasFigures({ a: 1.5 }, "gas/budgets.json")).to.throw(/non-negative integer/);
    expect(() => parseGasFigures([1], "gas/snapshot.json")).to.throw(/gas\/snapshot\.json/);
  });
});
