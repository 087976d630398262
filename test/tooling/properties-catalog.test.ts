// Tests of the properties catalog check: the repository's own catalog agrees with invariants/, and
// each kind of drift between PROPERTIES.md and the Solidity is reported with the file, line and id.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import {
  checkCatalog,
  parseCatalog,
  readSolidity,
  type SolidityFile,
} from "../../scripts/properties-catalog.ts";

const SCRIPT = fileURLToPath(new URL("../../scripts/properties-catalog.ts", import.meta.url));

const CATALOG = `# Properties

## Thing (suite: Thing)

| id    | fam. | statement | why | checked by        | must-fail test (\`mutations/Thing.mutations.t.sol\`) |
| ----- | ---- | --------- | --- | ----------------- | ---------------------------------------------------- |
| TH-01 | C    | Holds.    | So. | \`check_TH01_holds\` | \`test_TH01_caughtWhenBroken\` (vm.store) |
`;

function sources(overrides: Partial<Record<string, string>> = {}): SolidityFile[] {
  const files: Record<string, string> = {
    "properties/ThingProperties.sol": `
    function _checkThing() internal view {
        check_TH01_holds();
    }

    /// TH-01: holds.
    function check_TH01_holds() public view {
        _eq(a, b, "TH-01 it does not hold");
    }
`,
    "Thing.invariants.t.sol": `
    function invariant_thing() public view {
        _checkThing();
    }
`,
    "mutations/Thing.mutations.t.sol": `
    function test_TH01_caughtWhenBroken() public {
        vm.store(x, y, z);
        _assertViolated("TH-01", this.check_TH01_holds);
    }
`,
    ...overrides,
  };
  return Object.entries(files)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([path, text]) => ({ path, text }));
}

describe("properties catalog", () => {
  it("finds the repository's catalog in step with invariants/", () => {
    const markdown = readFileSync("invariants/PROPERTIES.md", "utf8");
    const rows = parseCatalog(markdown);
    assert.ok(rows.length >= 25, `only ${rows.length} properties listed`);
    assert.ok(
      rows.some((r) => r.id === "SY-05" && r.mutationsFile === "mutations/System.mutations.t.sol"),
    );
    assert.deepEqual(
      checkCatalog("invariants/PROPERTIES.md", markdown, readSolidity("invariants")),
      [],
    );
  });

  it("reads a row's check, must-fail test and its table's mutations file", () => {
    assert.deepEqual(parseCatalog(CATALOG), [
      {
        id: "TH-01",
        line: 7,
        check: "check_TH01_holds",
        mustFail: "test_TH01_caughtWhenBroken",
        mutationsFile: "mutations/Thing.mutations.t.sol",
      },
    ]);
    assert.deepEqual(checkCatalog("P.md", CATALOG, sources()), []);
  });

  it("reports a check that is missing, or whose messages lack the id", () => {
    assert.deepEqual(
      checkCatalog("P.md", CATALOG.replace("check_TH01_holds", "check_TH01_gone"), sources()),
      [
        "P.md:7 TH-01: check_TH01_gone is defined in 0 files under invariants/properties/, expected 1",
        "P.md:7 TH-01: check_TH01_gone is never called by a suite (no invariant_* or afterInvariant reaches it)",
        "invariants/properties/ThingProperties.sol: check_TH01_holds is not listed in P.md",
      ],
    );
    const noId = sources({
      "properties/ThingProperties.sol": sources()[0].text.replace('"TH-01 it', '"it'),
    });
    assert.deepEqual(checkCatalog("P.md", CATALOG, noId), [
      'P.md:7 TH-01: check_TH01_holds (invariants/properties/ThingProperties.sol) has no message starting with "TH-01 "',
    ]);
  });

  it("reports a check no suite calls", () => {
    const uncalled = sources({
      "properties/ThingProperties.sol": sources()[0].text.replace("check_TH01_holds();", ""),
    });
    const NEVER =
      "P.md:7 TH-01: check_TH01_holds is never called by a suite (no invariant_* or afterInvariant reaches it)";
    assert.deepEqual(checkCatalog("P.md", CATALOG, uncalled), [NEVER]);

    // A helper that calls the check, which no suite calls, does not count.
    const helperUncalled = sources({
      "Thing.invariants.t.sol": sources()[1].text.replace("_checkThing();", ""),
    });
    assert.deepEqual(checkCatalog("P.md", CATALOG, helperUncalled), [NEVER]);

    // Nor does a call that is only in a comment, or a call from a must-fail test.
    const commented = sources({
      "Thing.invariants.t.sol": sources()[1].text.replace("_checkThing();", "// _checkThing();"),
    });
    assert.deepEqual(checkCatalog("P.md", CATALOG, commented), [NEVER]);

    // A suite function that is not an invariant entry point does not count either.
    const notEntry = sources({
      "Thing.invariants.t.sol": sources()[1].text.replace("invariant_thing", "helper_thing"),
    });
    assert.deepEqual(checkCatalog("P.md", CATALOG, notEntry), [NEVER]);
  });

  it("follows calls through several helpers, and from afterInvariant", () => {
    const chained = sources({
      "properties/ThingProperties.sol": sources()[0].text.replace(
        "function _checkThing() internal view {",
        "function _checkThing() internal view {\n        _inner();\n    }\n\n    function _inner() internal view {",
      ),
      "Thing.invariants.t.sol": `
    function afterInvariant() public view {
        _checkThing();
    }
`,
    });
    assert.deepEqual(checkCatalog("P.md", CATALOG, chained), []);
  });

  it("reports a must-fail test that is missing or expects another id", () => {
    const missing = sources({ "mutations/Thing.mutations.t.sol": "" });
    assert.deepEqual(checkCatalog("P.md", CATALOG, missing), [
      "P.md:7 TH-01: test_TH01_caughtWhenBroken not found in invariants/mutations/Thing.mutations.t.sol",
    ]);
    const wrongId = sources({
      "mutations/Thing.mutations.t.sol": sources()[2].text.replace('"TH-01"', '"TH-02"'),
    });
    assert.deepEqual(checkCatalog("P.md", CATALOG, wrongId), [
      'P.md:7 TH-01: test_TH01_caughtWhenBroken does not expect TH-01 (no _assertViolated("TH-01", ...))',
    ]);
    const noFile = sources({ "mutations/Thing.mutations.t.sol": undefined });
    assert.deepEqual(checkCatalog("P.md", CATALOG, noFile), [
      "P.md:7 TH-01: invariants/mutations/Thing.mutations.t.sol not found",
    ]);
  });

  it("reports duplicate ids and a catalog with no rows", () => {
    const row = CATALOG.trimEnd().split("\n").at(-1)!;
    const twice = `${CATALOG}${row}\n`;
    assert.deepEqual(checkCatalog("P.md", twice, sources()), ["P.md:8 TH-01: listed twice"]);
    assert.deepEqual(checkCatalog("P.md", "# nothing\n", []), ["P.md: no property rows found"]);
  });

  it("exits 0 on the repository, printing the count", () => {
    const run = spawnSync(process.execPath, [SCRIPT], { encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /✓ invariants\/PROPERTIES\.md: \d+ properties/);
  });
});
