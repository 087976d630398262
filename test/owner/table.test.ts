// The owner tasks' terminal tables (doctor, update-all, system-pause, verify-batch) at 60, 80 and 120 columns: no line wider than the
// terminal (but for a single word longer than a whole line), and no address or parameter name split
// across lines; a table where it fits, one record per block where it does not.
import assert from "node:assert/strict";

import { readOk } from "../../owner/chain/batch.ts";
import { diffSystem, summarise } from "../../owner/diff.ts";
import { formatDoctorTable, type DoctorReport } from "../../owner/doctor.ts";
import { formatUpdatePlan } from "../../owner/output/dry-run.ts";
import { formatPauseStatus, type PauseStatus } from "../../owner/pause.ts";
import { formatVerificationText } from "../../owner/verify/report.ts";
import type { BatchVerification } from "../../owner/verify/verify-batch.ts";
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
  const tokens = new Set<string>();
  for (const r of rows) {
    for (const a of `${r.expected} ${r.actual}`.match(/0x[0-9a-fA-F]{40}/g) ?? []) tokens.add(a);
    const name = /^parameter (\w+)$/.exec(r.property)?.[1];
    if (name !== undefined) tokens.add(name);
  }
  assertWhole(text, tokens);
}

/** Every token (address, hash, name) is whole on one line of `text`. */
function assertWhole(text: string, tokens: Iterable<string>) {
  const lines = text.split("\n");
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

describe("terminal tables (doctor, update-all, system-pause, verify-batch) at 60, 80 and 120 columns", () => {
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

  const status: PauseStatus = {
    network: "hardhat",
    chainId: 31337,
    blockNumber: 1,
    systemPause: desired.systemPause,
    timelock: desired.timelock,
    ownersSafe: desired.ownersSafe.address,
    modules: desired.modules.map((m, i) => ({
      name: m.name,
      address: m.address,
      state: i === 0 ? "unreadable" : "paused",
    })),
    guardians: desired.guardians.map((g) => g.address),
    rpc,
  };
  const hash = (byte: string) => `0x${byte.repeat(32)}`;
  const verification = {
    file: "/tmp/batches/update-all-1-schedule.json",
    name: "Mandate: update-all-1-schedule",
    chainId: "31337",
    safe: desired.ownersSafe.address,
    blockNumber: 9,
    checksum: { stored: hash("c1"), computed: hash("c1"), valid: true },
    nonce: 4,
    nonceAssumption: "the Safe's next nonce now: assumes nothing else is queued in the Safe",
    hashes: {
      domainHash: hash("d0"),
      messageHash: hash("e0"),
      safeTxHash: hash("f0"),
      fromSafeContract: hash("f0"),
    },
    safeTx: {
      to: desired.timelock,
      value: "0",
      operation: 0,
      safeTxGas: "0",
      baseGas: "0",
      gasPrice: "0",
      gasToken: addr(0),
      refundReceiver: addr(0),
    },
    tree: {
      operation: "call",
      to: desired.timelock,
      toName: "MandateTimelock",
      value: 0n,
      summary: "MandateTimelock.scheduleBatch: 0 call(s)",
      children: [],
      risks: [],
    },
    risks: [],
    simulations: [],
    problems: [],
    exitCode: 0,
  } as unknown as BatchVerification;

  for (const width of [60, 80, 120]) {
    it(`system-pause's status at ${width} columns`, () => {
      const text = formatPauseStatus(status, "Status", { width });
      assertFits(text.split("\n").slice(1, -1).join("\n"), width);
      assertWhole(
        text,
        status.modules.flatMap((m) => [m.name, m.address]),
      );
      assert.match(text, new RegExp(`${status.modules[0].name}[\\s\\S]*UNREADABLE`));
    });
    it(`verify-batch's facts at ${width} columns`, () => {
      const text = formatVerificationText(verification, { width });
      const facts = text.split("\n").slice(1, text.split("\n").indexOf("  What it does:"));
      assertFits(facts.join("\n"), width);
      assertWhole(text, [
        ...Object.values(verification.hashes),
        verification.safe,
        verification.safeTx.to,
        verification.checksum.stored,
        verification.file,
      ]);
    });
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
