// The simulation-region check (owner/diff/region.ts) without a chain: no file, no rows; a value
// outside the range in the manifest or on chain, one warning row saying which; a malformed file, one
// warning and nothing else; entries that cannot be compared, a warning each. Never a throw.
import { expect } from "chai";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { id } from "ethers";

import { readOk } from "../../owner/chain/batch.ts";
import { formatRegionWarnings, loadRegion, regionWarnings } from "../../owner/diff/region.ts";
import { desiredFrom, snapshotOf, validManifest } from "./fixtures.ts";

const region = (parameters: Record<string, unknown>) => ({
  date: "2026-12-02T03:00:00.000Z",
  seed: 1,
  scenario: "sim/scenarios/report.json",
  manifest: "config/hardhat.json",
  contractsCommit: "c".repeat(40),
  parameters,
});

describe("owner: the simulation's honest-dominant region (owner/diff/region.ts)", function () {
  let dir: string;
  let n = 0;
  const file = (content: unknown) => {
    const path = join(dir, `region-${n++}.json`);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  before(() => (dir = mkdtempSync(join(tmpdir(), "region-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("gives no row when there is no region file", function () {
    const desired = desiredFrom();
    expect(loadRegion(join(dir, "absent.json"))).to.deep.equal({ kind: "absent" });
    expect(
      regionWarnings(loadRegion(join(dir, "absent.json")), desired, snapshotOf(desired)),
    ).to.deep.equal([]);
  });

  it("gives no row when the manifest and the chain are inside every range (bounds included)", function () {
    const desired = desiredFrom(); // JOB_STAKE 100, SLASH_SHARE_BPS 50%
    const loaded = loadRegion(
      file(
        region({
          "JobRegistry.JOB_STAKE": { min: "100", max: "500" },
          "JobRegistry.SLASH_SHARE_BPS": { min: "25%", max: "50%" },
        }),
      ),
    );
    expect(loaded.kind).to.equal("ok");
    expect(regionWarnings(loaded, desired, snapshotOf(desired))).to.deep.equal([]);
  });

  it("warns about a manifest value outside the range, in manifest units", function () {
    const manifest = validManifest();
    manifest.modules.JobRegistry.JOB_STAKE = "10";
    const desired = desiredFrom(manifest);
    const snapshot = snapshotOf(desired);
    const loaded = loadRegion(
      file(region({ "JobRegistry.JOB_STAKE": { min: "100", max: "500" } })),
    );
    const [w, ...rest] = regionWarnings(loaded, desired, snapshot);
    expect(rest).to.deep.equal([]);
    expect(w).to.include({
      subject: "JobRegistry",
      property: "JOB_STAKE",
      region: "[100, 500]",
      found: "manifest 10, chain 10",
    });
    expect(w.message)
      .to.include("2026-12-02T03:00:00.000Z")
      .and.include("seed 1")
      .and.include("cccccccccc");
    const text = formatRegionWarnings([w], { width: 200 }).join("\n");
    expect(text)
      .to.include("WARN")
      .and.include("WARNING: JobRegistry JOB_STAKE: manifest 10 and chain 10 outside [100, 500]");
  });

  it("warns about a chain value outside the range while the manifest is inside", function () {
    const desired = desiredFrom();
    const snapshot = snapshotOf(desired);
    snapshot.modules.JobRegistry.parameters[id("SLASH_SHARE_BPS")] = readOk(9000n);
    const loaded = loadRegion(
      file(region({ "JobRegistry.SLASH_SHARE_BPS": { min: "0%", max: "75%" } })),
    );
    const warnings = regionWarnings(loaded, desired, snapshot);
    expect(warnings.map((w) => [w.property, w.found])).to.deep.equal([
      ["SLASH_SHARE_BPS", "chain 90%"],
    ]);
  });

  it("turns a malformed file into one clear warning, not a throw", function () {
    const desired = desiredFrom();
    for (const [content, problem] of [
      ["{ not json", "not JSON"],
      [{ ...region({}), seed: "one" }, "$.seed"],
      [
        region({ JOB_STAKE: { min: "1", max: "2" } }),
        "$.parameters.JOB_STAKE: expected <Module>.<KEY>",
      ],
      [
        region({ "JobRegistry.JOB_STAKE": { min: 1, max: "2" } }),
        "$.parameters.JobRegistry.JOB_STAKE",
      ],
    ] as const) {
      const path = file(content);
      const warnings = regionWarnings(loadRegion(path), desired, snapshotOf(desired));
      expect(warnings, String(problem)).to.have.length(1);
      expect(warnings[0].message)
        .to.include(path)
        .and.include(problem)
        .and.include("no parameter was checked");
    }
  });

  it("warns about entries it cannot compare, and about an empty region", function () {
    const desired = desiredFrom();
    const loaded = loadRegion(
      file(
        region({
          "JobRegistry.NO_SUCH_KEY": { min: "1", max: "2" },
          "JobRegistry.JOB_STAKE": { min: "ten", max: "500" },
          "JobRegistry.SLASH_SHARE_BPS": { min: null, max: null },
        }),
      ),
    );
    const warnings = regionWarnings(loaded, desired, snapshotOf(desired));
    expect(warnings.map((w) => [w.property, w.region])).to.deep.equal([
      ["JobRegistry.NO_SUCH_KEY", "unusable"],
      ["JobRegistry.JOB_STAKE", "unusable"],
      ["SLASH_SHARE_BPS", "empty"],
    ]);
  });
});
