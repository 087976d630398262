// The doctor's and update-all's terminal tables at 60, 80 and 120 columns: no line wider than the
// terminal (but for a single word longer than a whole line), and no address or parameter name split
// across lines; a table where it fits, one record per block where it does not.
import assert from "node:assert/strict";

import { readOk } from "../../owner/chain/batch.ts";
import { diffSystem, summarise } from "../../owner/diff.ts";
import { formatDoctorTable, type DoctorReport } from "../../owner/doctor.ts";
import { formatUpdatePlan } from "../../owner/output/dry-run.ts";
import { fitColumns, wrapWords } from "../../owner/output/table.ts";
import { planUpdate } from "../../owner/plan.ts";
import { senderOf } from "../../owner/route.ts";
import type { PreparedUpdate } from "../../owner/update.ts";
import { MODULES } from "../../deploy/modules.ts";
import { addr, desiredFrom, LOCAL, snapshotOf } from "./fixtures.ts";

function drifted() {
  const desired = desiredFrom();
  const snapshot = snapshotOf(desired);
  const safe = desired.ownersSafe.address;
  snapshot.safes[safe].owners = readOk([LOCAL[1], LOCAL[2], LOCAL[3], LOCAL[4], LOCAL[7]]);
  snapshot.modules[MODULES[0].name].owner = readOk(addr(0xbeef));
  const [key] = Object.keys(snapshot.modules[MODULES[1].name].parameters);
  snapshot.modules[MODULES[1].name].parameters[key] = readOk(7200n);
  return { desired, snapshot, rows: diffSystem(desired, snapshot) };
}

const rpc = { transport: "test", requests: 0, roundTrips: 0, posts: 0 };

/** Every address and parameter name of the rows is whole on one line of `text`. */
function assertNothingSplit(
  text: string,
  rows: { expected: string; actual: string; property: string }[],
) {
  const lines = text.split("\n");
  const tokens = new Set<string>();
  for (const r of rows) {
    for (const a of `${r.expected} ${r.actual}`.match(/0x[0-9a-fA-F]{40}/g) ?? []) tokens.add(a);
    const name = /^parameter (\w+)$/.exec(r.property)?.[1];
    if (name !== undefined) tokens.add(name);
  }
  for (const token of tokens)
    assert.ok(
      lines.some((l) => l.includes(token)),
      `${token} is split or cut:\n${text}`,
    );
}

function assertFits(text: string, width: number) {
  for (const line of text.split("\n"))
    assert.ok(
      line.length <= width || line.trim().split(/\s+/).length <= 2,
      `${line.length} > ${width}: ${line}`,
    );
}

describe("terminal tables (doctor, update-all) at 60, 80 and 120 columns", () => {
  const { desired, snapshot, rows } = drifted();
  const report: DoctorReport = {
    network: "hardhat",
    chainId: 31337,
    blockNumber: 1,
    manifest: "m",
    deployment: "d",
    checkedAt: "now",
    summary: summarise(rows),
    rows,
    rpc,
  };
  const plan = planUpdate(rows);
  const prepared = {
    desired,
    snapshot,
    rows,
    plan,
    senders: plan.steps.map((s) => senderOf(s, desired, snapshot)),
    simulations: [],
    rpc,
  } as unknown as PreparedUpdate;

  for (const width of [60, 80, 120]) {
    it(`doctor at ${width} columns`, () => {
      const text = formatDoctorTable(report, { width });
      assertFits(text.split("\n").slice(1, -1).join("\n"), width);
      assertNothingSplit(text, rows);
    });
    it(`update-all's plan at ${width} columns`, () => {
      const text = formatUpdatePlan(prepared, { width });
      const table = text.split("\n").slice(1, -1).join("\n");
      assertFits(table, width);
      assertNothingSplit(text, [...plan.steps.map((s) => s.row), ...plan.manual]);
    });
  }

  it("a table where the words fit, one record per block where they do not", () => {
    const cells = [
      ["subject", "0x" + "a".repeat(40)],
      ["x", "y z"],
    ];
    assert.deepEqual(fitColumns(cells, 120), [9, 44]);
    assert.equal(fitColumns(cells, 40), undefined);
    assert.deepEqual(wrapWords("one two three", 8), ["one two", "three"]);
    const text = formatDoctorTable(report, { width: 60 });
    assert.match(text, /\nsubject: +Owners Safe\n/);
    assert.match(formatDoctorTable(report, { width: 400 }), /─/);
  });
});
