// Network configuration validation, without a chain: every problem is reported at once, each naming
// the file, the JSON path, and what was expected against what was found.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import {
  formatJsonPath,
  loadNetworkConfig,
  networkConfigJsonSchema,
  parseNetworkConfig,
} from "../../deploy/manifest/schema.ts";
import { readAddress } from "../../deploy/manifest/fields.ts";
import { formatDuration, parseDuration } from "../../deploy/manifest/units.ts";
import { DeployError } from "../../deploy/errors.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const FILE = "config/test.json";

function validConfig(): any {
  return JSON.parse(readFileSync(join(ROOT, "config", "hardhat.json"), "utf8"));
}

function problemsOf(data: unknown, file = FILE): readonly string[] {
  try {
    parseNetworkConfig(data, file);
  } catch (error) {
    assert.ok(error instanceof DeployError, `expected a DeployError, got ${error}`);
    assert.equal(error.code, "CONFIG_INVALID");
    return error.details;
  }
  assert.fail("the configuration was accepted");
}

describe("deploy config: durations", () => {
  it("converts human units to whole seconds exactly", () => {
    assert.equal(parseDuration("90s"), 90n);
    assert.equal(parseDuration("15m"), 900n);
    assert.equal(parseDuration("1h"), 3_600n);
    assert.equal(parseDuration("1.5h"), 5_400n);
    assert.equal(parseDuration("7d"), 604_800n);
    assert.equal(parseDuration("2w"), 1_209_600n);
    assert.equal(parseDuration(3_600), 3_600n);
  });

  it("refuses values that are not a whole number of seconds or not durations", () => {
    assert.throws(() => parseDuration("0.5s"), /not a whole number of seconds/);
    assert.throws(() => parseDuration("0.001m"), /not a whole number of seconds/);
    assert.throws(() => parseDuration("1 hour"), /expected a duration/);
    assert.throws(() => parseDuration("-1h"), /expected a duration/);
    assert.throws(() => parseDuration(1.5), /whole, non-negative number of seconds/);
  });

  it("formats seconds back in the largest exact unit", () => {
    assert.equal(formatDuration(3_600n), "1h");
    assert.equal(formatDuration(604_800n), "7d");
    assert.equal(formatDuration(90n), "90s");
  });
});

describe("deploy config: addresses as written", () => {
  const checksummed = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
  it("accepts the checksummed, all-lowercase and all-uppercase forms, returning the checksum", () => {
    for (const written of [
      checksummed,
      checksummed.toLowerCase(),
      `0x${checksummed.slice(2).toUpperCase()}`,
    ]) {
      assert.deepEqual(readAddress(written), { address: checksummed }, written);
    }
  });

  it("names a wrong checksum as such, with the right one, never as 'not an address'", () => {
    const typo = checksummed.replace("C51812dc", "C51812Dc");
    const read = readAddress(typo);
    assert.ok("problem" in read);
    assert.equal(
      read.problem,
      `expected the EIP-55 checksummed form ${checksummed}, found "${typo}" (mixed case with a wrong checksum: a character is mistyped, or the case was edited by hand)`,
    );
  });

  it("refuses what is not 20 bytes of hex, and the zero address, quoting at most 120 characters", () => {
    assert.deepEqual(readAddress("0x1234"), {
      problem: 'expected a 0x-prefixed 20-byte hex address, found "0x1234"',
    });
    assert.deepEqual(readAddress(`0x${"0".repeat(40)}`), {
      problem: "expected a non-zero address, found the zero address",
    });
    const long = readAddress(`0x${"g".repeat(100_000)}`);
    assert.ok("problem" in long && long.problem.length < 250, JSON.stringify(long).slice(0, 300));
  });
});

describe("deploy config: validation", () => {
  it("accepts the committed development configs", () => {
    for (const network of ["hardhat", "localhost"]) {
      const config = loadNetworkConfig(join(ROOT, "config", `${network}.json`), {
        expectedNetwork: network,
      });
      assert.equal(config.chainId, 31337);
      assert.equal(config.governance.minDelay, 3_600n);
      assert.equal(
        (config.modules.StakeManager as { UNBONDING_PERIOD: bigint }).UNBONDING_PERIOD,
        604_800n,
      );
    }
  });

  it("reports malformed JSON with the file name, before anything else", () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-config-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, '{ "network": "hardhat", ');
    assert.throws(
      () => loadNetworkConfig(file),
      (error: DeployError) => {
        assert.equal(error.code, "CONFIG_INVALID");
        assert.match(error.details[0]!, new RegExp(`^${file}:1:23: Unexpected token Comma`));
        return true;
      },
    );
  });

  it("refuses a member given twice (JSON.parse would apply the last), a BOM and non-UTF-8 bytes, naming the place", () => {
    const dir = mkdtempSync(join(tmpdir(), "mandate-config-"));
    const file = join(dir, "dup.json");
    const text = readFileSync(join(ROOT, "config", "hardhat.json"), "utf8");
    const twice = text.replace('"governance": {', '"governance": {\n    "minDelay": "1h",');
    assert.notEqual(twice, text);
    for (const [bytes, pattern] of [
      [
        twice,
        /dup\.json:\d+:\d+: governance\.minDelay: duplicate member name \(first at \d+:\d+\)/,
      ],
      [`\ufeff${text}`, /dup\.json:1:1: starts with a UTF-8 byte-order mark \(BOM\)/],
      [
        Buffer.concat([
          Buffer.from(text.slice(0, 10)),
          Buffer.from([0xff]),
          Buffer.from(text.slice(10)),
        ]),
        /dup\.json:\d+:\d+: byte 10 \(0xff\)/,
      ],
    ] as const) {
      writeFileSync(file, bytes);
      assert.throws(
        () => loadNetworkConfig(file),
        (error: DeployError) => {
          assert.equal(error.code, "CONFIG_INVALID");
          assert.match(error.message, /nothing was sent/);
          assert.match(error.details[0]!, pattern);
          return true;
        },
      );
    }
  });

  it("reports a missing file as such", () => {
    assert.throws(
      () => loadNetworkConfig(join(ROOT, "config", "nowhere.json")),
      (error: DeployError) => error.code === "CONFIG_NOT_FOUND",
    );
  });

  it("rejects an unknown key with its path", () => {
    const config = validConfig();
    config.governance.ownersSafe.treshold = 3;
    assert.deepEqual(problemsOf(config), [
      `${FILE}: governance.ownersSafe.treshold: unknown key (expected no such key here)`,
    ]);
  });

  it("refuses a MIN_REPUTATION above the SCORE_CAP, naming both paths, and accepts it at the cap", () => {
    const config = validConfig();
    config.modules.ReputationEngine.SCORE_CAP = "1000";
    config.modules.JobRegistry.MIN_REPUTATION = "1000.5";
    assert.deepEqual(problemsOf(config), [
      `${FILE}: modules.JobRegistry.MIN_REPUTATION: expected at most modules.ReputationEngine.SCORE_CAP (1000 points: no score can exceed the cap), found 1000.5`,
    ]);
    config.modules.JobRegistry.MIN_REPUTATION = "1000";
    const parsed = parseNetworkConfig(config, FILE).modules.JobRegistry as Record<string, bigint>;
    assert.equal(parsed.MIN_REPUTATION, 10n ** 21n);
  });

  it("rejects an unknown module", () => {
    const config = validConfig();
    config.modules.NoSuchModule = {};
    assert.deepEqual(problemsOf(config), [
      `${FILE}: modules.NoSuchModule: unknown key (expected no such key here)`,
    ]);
  });

  it("rejects a wrong type, saying what was expected and found", () => {
    const config = validConfig();
    config.chainId = "31337";
    assert.deepEqual(problemsOf(config), [
      `${FILE}: chainId: expected number, found string "31337"`,
    ]);
  });

  it("rejects a bad duration", () => {
    const config = validConfig();
    config.modules.StakeManager.UNBONDING_PERIOD = "7 days";
    const [problem, ...rest] = problemsOf(config);
    assert.equal(rest.length, 0);
    assert.equal(
      problem,
      `${FILE}: modules.StakeManager.UNBONDING_PERIOD: expected a duration such as "90s", "15m", "1h", "7d" or "2w", found "7 days"`,
    );
  });

  it("rejects a delay outside the timelock's bounds and an unbonding period outside StakeManager's", () => {
    const config = validConfig();
    config.governance.minDelay = "59m";
    config.modules.StakeManager.UNBONDING_PERIOD = "61d";
    assert.deepEqual(problemsOf(config), [
      `${FILE}: governance.minDelay: expected a duration within [1h, 30d] (MandateTimelock MIN_DELAY_FLOOR/MIN_DELAY_CEILING), found "59m" = 3540s`,
      `${FILE}: modules.StakeManager.UNBONDING_PERIOD: expected a duration within [1h, 60d] (StakeManager MIN_/MAX_UNBONDING_PERIOD), found "61d" = 5270400s`,
    ]);
  });

  it("reports several errors at once, each with its path", () => {
    const config = validConfig();
    config.network = 7;
    config.governance.minDelay = "1.5s";
    config.governance.treasury = "0x1234";
    config.governance.guardians = [];
    config.extra = true;
    const problems = problemsOf(config);
    assert.deepEqual(problems, [
      `${FILE}: network: expected string, found number 7`,
      `${FILE}: governance.minDelay: "1.5s" is not a whole number of seconds`,
      `${FILE}: governance.guardians: expected at least 1 items, found 0 items`,
      `${FILE}: governance.treasury: expected "account:N" (a local development account) or a 0x-prefixed 20-byte hex address, found "0x1234"`,
      `${FILE}: extra: unknown key (expected no such key here)`,
    ]);
  });

  it("checks Safes: threshold within owners, distinct owners", () => {
    const config = validConfig();
    config.governance.ownersSafe = { owners: ["account:1", "account:1"], threshold: 3 };
    assert.deepEqual(problemsOf(config), [
      `${FILE}: governance.ownersSafe.owners[1]: expected distinct owners, found account:1 twice`,
      `${FILE}: governance.ownersSafe.threshold: expected at most 2 (the number of owners), found 3`,
    ]);
  });

  it("requires a token and existing Safes on live chains, and refuses local accounts there", () => {
    const config = validConfig();
    config.network = "amoy";
    config.chainId = 80002;
    const problems = problemsOf(config);
    assert.ok(
      problems.includes(
        `${FILE}: token: expected the token address (a test token is deployed only on chain 31337), found nothing`,
      ),
      problems.join("\n"),
    );
    assert.ok(
      problems.includes(
        `${FILE}: governance.ownersSafe.address: expected the address of an existing Safe (Safes are deployed only on chain 31337), found nothing`,
      ),
    );
    assert.ok(
      problems.includes(
        `${FILE}: governance.guardians[0].address: expected the address of an existing Safe (Safes are deployed only on chain 31337), found nothing`,
      ),
    );
    assert.ok(
      problems.includes(
        `${FILE}: governance.treasury: expected an address ("account:N" exists only on chain 31337), found "account:9"`,
      ),
    );
  });

  it("refuses a local account as arbitrator outside development chains", () => {
    const config = validConfig();
    config.chainId = 80002;
    config.governance.arbitrator = "account:10";
    assert.ok(
      problemsOf(config).includes(
        `${FILE}: governance.arbitrator: expected an address ("account:N" exists only on chain 31337), found "account:10"`,
      ),
    );
  });

  it("reads token amounts as whole tokens of 18 decimals, exactly", () => {
    const config = validConfig();
    config.modules.JobRegistry.JOB_STAKE = "0.000000000000000001";
    config.modules.DisputeModule.MIN_BOND = "2.5";
    const parsed = parseNetworkConfig(config, FILE) as any;
    assert.equal(parsed.modules.JobRegistry.JOB_STAKE, 1n);
    assert.equal(parsed.modules.DisputeModule.MIN_BOND, 2_500_000_000_000_000_000n);
    config.modules.JobRegistry.JOB_STAKE = "0.0000000000000000001";
    config.modules.DisputeModule.DEFAULT_OUTCOME = "arbitrator";
    const problems = problemsOf(config);
    assert.ok(
      problems.includes(
        `${FILE}: modules.JobRegistry.JOB_STAKE: "0.0000000000000000001" has more than 18 decimal places: it cannot be represented exactly`,
      ),
      problems.join("\n"),
    );
    assert.ok(
      problems.includes(
        `${FILE}: modules.DisputeModule.DEFAULT_OUTCOME: expected one of "claimant", "respondent", found string "arbitrator"`,
      ),
      problems.join("\n"),
    );
  });

  it("checks the file is for the network deployed to", () => {
    assert.throws(
      () =>
        loadNetworkConfig(join(ROOT, "config", "hardhat.json"), { expectedNetwork: "localhost" }),
      (error: DeployError) =>
        error.details[0].endsWith(
          `hardhat.json: network: expected "localhost" (the network deployed to), found "hardhat"`,
        ),
    );
  });

  it("keeps config/schemas/manifest.schema.json in step with the schema", () => {
    const committed = JSON.parse(
      readFileSync(join(ROOT, "config", "schemas", "manifest.schema.json"), "utf8"),
    );
    assert.deepEqual(
      committed,
      JSON.parse(JSON.stringify(networkConfigJsonSchema())),
      "run: npx node scripts/write-config-schema.ts",
    );
  });
});

describe("JSON paths in messages", () => {
  it("names exactly one place, quoting keys that are not plain names (found by fast-check: an empty key)", () => {
    assert.equal(formatJsonPath([]), "(root)");
    assert.equal(
      formatJsonPath(["governance", "ownersSafe", "owners", 2]),
      "governance.ownersSafe.owners[2]",
    );
    assert.equal(formatJsonPath(["modules", ""]), 'modules[""]');
    assert.equal(formatJsonPath(["", "x"]), '[""].x');
    assert.equal(formatJsonPath(["modules", "my key", "a.b"]), 'modules["my key"]["a.b"]');
  });
});
