// The status page without a browser: the authority graph from what the chain answered (a holder
// nobody expects marked), pause states from the rows, and the page's data kept inside its script tag.
import assert from "node:assert/strict";

import { id } from "ethers";

import { readOk } from "../../owner/chain/batch.ts";
import { authorityEdges } from "../../owner/authority.ts";
import { diffSystem, summarise } from "../../owner/diff.ts";
import type { DoctorReport } from "../../owner/doctor.ts";
import { authorityGraph, pauseStates, renderStatusPage } from "../../owner/output/status-page.ts";
import { addr, desiredFrom, snapshotOf } from "./fixtures.ts";

function report(): DoctorReport {
  const desired = desiredFrom();
  const snapshot = snapshotOf(desired);
  snapshot.modules.StakeManager.paused = readOk(true);
  snapshot.systemPause.guardians = readOk([desired.guardians[0].address, addr(0xbad)]);
  snapshot.modules.JobRegistry.paused = { ok: false, error: "reverted" };
  snapshot.modules.StakeManager.parameters[id("UNBONDING_PERIOD")] = readOk(1n);
  const rows = diffSystem(desired, snapshot);
  return {
    network: "hardhat",
    chainId: 31337,
    blockNumber: 100,
    manifest: "m",
    deployment: "d",
    checkedAt: "2026-12-02T00:00:00.000Z",
    summary: summarise(rows),
    rows,
    authority: authorityEdges(desired, snapshot),
    rpc: { transport: "none", requests: 0, roundTrips: 0, posts: 0 },
  };
}

describe("status page", () => {
  it("draws who controls what as the chain answered, marking a holder the manifest does not expect", () => {
    const { edges, nodes } = authorityGraph(report());
    const has = (from: string, label: string, to: string, unexpected = false) =>
      edges.some(
        (e) => e.from === from && e.label === label && e.to === to && e.unexpected === unexpected,
      );
    assert.ok(has("Owners Safe", "proposes", "MandateTimelock"));
    assert.ok(has("MandateTimelock", "owns", "StakeManager"));
    assert.ok(has("SystemPause", "pauses", "LeaseAgreement"));
    assert.ok(has("Guardian 0", "guards", "SystemPause"));
    assert.ok(has(addr(0xbad), "guards", "SystemPause", true), JSON.stringify(edges));
    assert.ok(nodes.includes("Owners Safe") && nodes.includes(addr(0xbad)));
  });

  it("shows each module's pause state, an unreadable one as UNREADABLE", () => {
    const states = Object.fromEntries(pauseStates(report().rows).map((p) => [p.module, p.state]));
    assert.equal(states.StakeManager, "PAUSED");
    assert.equal(states.JobRegistry, "UNREADABLE");
    assert.equal(states.LeaseAgreement, "running");
  });

  it("inlines the graph library and keeps any value from closing the data's script tag", () => {
    const r = report();
    r.rows[0].fix = "</script><script>alert(1)</script>";
    const html = renderStatusPage(r);
    assert.ok(!html.includes("</script><script>alert(1)"));
    assert.match(html, /\\u003c\/script>\\u003cscript>alert\(1\)/);
    assert.ok(html.length > 300_000, "Cytoscape.js is in the page");
    assert.doesNotMatch(
      html,
      /<script[^>]+src=|<link[^>]+href=/,
      "nothing is loaded from elsewhere",
    );
  });
});
