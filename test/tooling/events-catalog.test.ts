// Tests of the events catalog: signatures and topics, the NatSpec rules, rendering, the --check
// summary, reading Hardhat 3 build output (crafted on disk), and the CLI's exit codes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import {
  buildCatalog,
  canonicalType,
  eventSignature,
  eventTopic0,
  listedEvents,
  renderCatalog,
  summarizeDifference,
  type AbiEvent,
  type ContractInput,
} from "../../scripts/events-catalog/catalog.ts";
import {
  BuildOutputError,
  chooseDeclaration,
  collectEventDeclarations,
  findStaleSources,
  loadHardhatContracts,
  readableSourceName,
} from "../../scripts/events-catalog/hardhat-build.ts";
import { matchesAny } from "../../scripts/lib/glob.ts";

const CATALOG_SCRIPT = fileURLToPath(new URL("../../scripts/events-catalog.ts", import.meta.url));

const OPTIONS = {
  root: "contracts",
  isExcluded: (s: string) => matchesAny(s, ["contracts/mocks/**"]),
};

const staked: AbiEvent = {
  type: "event",
  name: "Staked",
  anonymous: false,
  inputs: [
    { name: "account", type: "address", internalType: "address", indexed: true },
    { name: "amount", type: "uint256", internalType: "uint256", indexed: false },
  ],
};
const ownershipTransferred: AbiEvent = {
  type: "event",
  name: "OwnershipTransferred",
  anonymous: false,
  inputs: [
    { name: "previousOwner", type: "address", indexed: true },
    { name: "newOwner", type: "address", indexed: true },
  ],
};

/** A staking contract whose own event is documented in its interface and which inherits Ownable. */
function stakeManager(overrides: Partial<ContractInput> = {}): ContractInput {
  return {
    sourceName: "contracts/staking/StakeManager.sol",
    contractName: "StakeManager",
    deployable: true,
    abi: [
      { type: "function", name: "stake", inputs: [], outputs: [] },
      ownershipTransferred,
      staked,
    ],
    userdoc: {
      events: { "Staked(address,uint256)": { notice: "An account staked\n     tokens." } },
    },
    devdoc: {
      events: {
        "Staked(address,uint256)": {
          params: { account: "Who staked.", amount: "How much | in wei." },
        },
      },
    },
    declarations: {
      "Staked(address,uint256)": {
        sourceName: "contracts/interfaces/IStakeManager.sol",
        contractName: "IStakeManager",
      },
      "OwnershipTransferred(address,address)": {
        sourceName: "@openzeppelin/contracts/access/Ownable.sol",
        contractName: "Ownable",
      },
    },
    ...overrides,
  };
}

describe("events catalog: signatures and topics", () => {
  it("computes the signature and topic0 of well-known events", () => {
    assert.equal(eventSignature(ownershipTransferred), "OwnershipTransferred(address,address)");
    assert.equal(
      eventTopic0("OwnershipTransferred(address,address)"),
      "0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0",
    );
    assert.equal(
      eventTopic0("Transfer(address,address,uint256)"),
      "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef",
    );
  });

  it("spells out tuples, nested tuples and arrays of tuples", () => {
    const order = {
      name: "orders",
      type: "tuple[2][]",
      components: [
        { name: "id", type: "uint256" },
        {
          name: "inner",
          type: "tuple",
          components: [
            { name: "a", type: "address" },
            { name: "b", type: "bytes32[]" },
          ],
        },
      ],
    };
    assert.equal(canonicalType(order), "(uint256,(address,bytes32[]))[2][]");
    assert.equal(
      eventSignature({
        type: "event",
        name: "Filled",
        inputs: [order, { name: "x", type: "uint8" }],
      }),
      "Filled((uint256,(address,bytes32[]))[2][],uint8)",
    );
  });
});

describe("events catalog: building and the NatSpec rules", () => {
  it("lists own and inherited events, sorted by name, with docs, flags and declaration", () => {
    const result = buildCatalog([stakeManager()], OPTIONS);
    assert.deepEqual(result.problems, []);
    assert.equal(result.sections.length, 1);
    const [ownership, stakedEvent] = result.sections[0]!.events;
    assert.equal(ownership!.name, "OwnershipTransferred");
    // OpenZeppelin ships it without NatSpec: the catalog's own description stands in.
    assert.equal(ownership!.undocumentedUpstream, false);
    assert.match(ownership!.notice, /^Ownership moved to `newOwner`/);
    assert.deepEqual(
      ownership!.fields.map((f) => f.description),
      ["The owner before (zero at construction).", "The owner now."],
    );
    assert.equal(stakedEvent!.name, "Staked");
    assert.equal(stakedEvent!.notice, "An account staked tokens.", "NatSpec line breaks collapse");
    assert.equal(stakedEvent!.topic0, eventTopic0("Staked(address,uint256)"));
    assert.deepEqual(
      stakedEvent!.fields.map((f) => [f.name, f.type, f.indexed, f.description]),
      [
        ["account", "address", true, "Who staked."],
        ["amount", "uint256", false, "How much | in wei."],
      ],
    );
    assert.deepEqual(result.warnings, []);
  });

  it("warns about a library event with no NatSpec and no description of its own", () => {
    const contract = stakeManager();
    const unknown: AbiEvent = { ...ownershipTransferred, name: "LibraryThing" };
    const signature = "LibraryThing(address,address)";
    const result = buildCatalog(
      [
        {
          ...contract,
          abi: [unknown],
          declarations: {
            [signature]: contract.declarations["OwnershipTransferred(address,address)"]!,
          },
        },
      ],
      OPTIONS,
    );
    assert.equal(result.sections[0]!.events[0]!.undocumentedUpstream, true);
    assert.deepEqual(result.warnings, [
      `StakeManager: event ${signature} (declared in Ownable, ` +
        "@openzeppelin/contracts/access/Ownable.sol) has no NatSpec upstream; listed without a description",
    ]);
    assert.match(renderCatalog(result.sections), /### LibraryThing\n\n_No NatSpec upstream\._\n/);
  });

  it("fails an own event without @notice, naming contract, event and declaration", () => {
    const result = buildCatalog([stakeManager({ userdoc: { events: {} } })], OPTIONS);
    assert.deepEqual(result.problems, [
      "StakeManager: event Staked(address,uint256) (declared in IStakeManager, " +
        "contracts/interfaces/IStakeManager.sol) has no @notice",
    ]);
  });

  it("fails an own event with a field lacking @param, and one with an unnamed field", () => {
    const devdoc = {
      events: { "Staked(address,uint256)": { params: { account: "Who staked." } } },
    };
    assert.deepEqual(buildCatalog([stakeManager({ devdoc })], OPTIONS).problems, [
      'StakeManager: event Staked(address,uint256) (declared in IStakeManager, contracts/interfaces/IStakeManager.sol): field "amount" has no @param',
    ]);
    const unnamed: AbiEvent = {
      type: "event",
      name: "Poked",
      inputs: [{ name: "", type: "uint256" }],
    };
    const result = buildCatalog(
      [
        stakeManager({
          abi: [unnamed],
          declarations: {},
          userdoc: { events: { "Poked(uint256)": { notice: "Poked." } } },
        }),
      ],
      OPTIONS,
    );
    assert.deepEqual(result.problems, ["StakeManager: event Poked(uint256): field 1 has no name"]);
  });

  it("treats an event with no known declaration as the project's own (strict)", () => {
    const result = buildCatalog(
      [stakeManager({ declarations: {}, userdoc: {}, devdoc: {} })],
      OPTIONS,
    );
    assert.equal(result.problems.length, 6, result.problems.join("\n")); // 2 x @notice, 4 x @param
    assert.ok(
      result.problems.some(
        (p) => p === "StakeManager: event OwnershipTransferred(address,address) has no @notice",
      ),
    );
  });

  it("uses an upstream @dev when a library event has no @notice", () => {
    const devdoc = {
      events: { "OwnershipTransferred(address,address)": { details: "Owner changed." } },
    };
    const result = buildCatalog(
      [
        stakeManager({
          devdoc: { events: { ...stakeManager().devdoc!.events, ...devdoc.events } },
        }),
      ],
      OPTIONS,
    );
    assert.deepEqual(result.warnings, []);
    const ownership = result.sections[0]!.events[0]!;
    assert.equal(ownership.details, "Owner changed.");
    assert.equal(ownership.undocumentedUpstream, false);
  });

  it("skips mocks, files outside the root, and contracts without events", () => {
    const mock = stakeManager({
      sourceName: "contracts/mocks/MockToken.sol",
      contractName: "MockToken",
      userdoc: {},
    });
    const outside = stakeManager({
      sourceName: "test/Helper.sol",
      contractName: "Helper",
      userdoc: {},
    });
    const quiet = stakeManager({
      sourceName: "contracts/libraries/Math.sol",
      contractName: "Math",
      abi: [],
    });
    const result = buildCatalog([mock, outside, quiet, stakeManager()], OPTIONS);
    assert.deepEqual(result.problems, []);
    assert.deepEqual(
      result.sections.map((s) => s.contractName),
      ["StakeManager"],
    );
  });

  it("lists an interface only for events no deployable contract has, and checks their NatSpec", () => {
    const slashed: AbiEvent = {
      type: "event",
      name: "Slashed",
      inputs: [{ name: "amount", type: "uint256" }],
    };
    const iface: ContractInput = {
      sourceName: "contracts/interfaces/IStakeManager.sol",
      contractName: "IStakeManager",
      deployable: false,
      abi: [staked, slashed],
      userdoc: stakeManager().userdoc,
      devdoc: stakeManager().devdoc,
      declarations: {},
    };
    const result = buildCatalog([iface, stakeManager()], OPTIONS);
    assert.deepEqual(
      result.sections.map((s) => [s.contractName, s.declarationOnly, s.events.map((e) => e.name)]),
      [
        ["IStakeManager", true, ["Slashed"]],
        ["StakeManager", false, ["OwnershipTransferred", "Staked"]],
      ],
    );
    assert.deepEqual(result.problems, [
      "IStakeManager: event Slashed(uint256) has no @notice",
      'IStakeManager: event Slashed(uint256): field "amount" has no @param',
    ]);
  });

  it("sorts sections by source path then contract name, whatever the input order", () => {
    const a = stakeManager({ sourceName: "contracts/a/Z.sol", contractName: "Z" });
    const b = stakeManager({ sourceName: "contracts/b/A.sol", contractName: "A" });
    const order = (input: ContractInput[]) =>
      buildCatalog(input, OPTIONS).sections.map((s) => s.contractName);
    assert.deepEqual(order([b, a]), ["Z", "A"]);
    assert.deepEqual(order([a, b]), ["Z", "A"]);
  });
});

describe("events catalog: rendering", () => {
  it("renders a deterministic document with the index, the fields table and escaped pipes", () => {
    const markdown = renderCatalog(buildCatalog([stakeManager()], OPTIONS).sections);
    assert.equal(markdown, renderCatalog(buildCatalog([stakeManager()], OPTIONS).sections));
    assert.ok(markdown.startsWith("# Mandate events\n"));
    assert.ok(markdown.endsWith("\n"));
    assert.doesNotMatch(markdown, /\d{4}-\d\d-\d\d/, "no dates");
    assert.match(
      markdown,
      /\| \[StakeManager\]\(#stakemanager\) \| `contracts\/staking\/StakeManager\.sol` \| 2 \|/,
    );
    const stakedSection = markdown.slice(markdown.indexOf("### Staked"));
    assert.equal(
      stakedSection,
      [
        "### Staked",
        "",
        "An account staked tokens.",
        "",
        "- Signature: `Staked(address,uint256)`",
        `- topic0: \`${eventTopic0("Staked(address,uint256)")}\``,
        "- Declared in: `IStakeManager` (`contracts/interfaces/IStakeManager.sol`)",
        "",
        "| Field | Type | Indexed | Description |",
        "| --- | --- | --- | --- |",
        "| `account` | `address` | yes | Who staked. |",
        "| `amount` | `uint256` | no | How much \\| in wei. |",
        "",
      ].join("\n"),
    );
    assert.match(markdown, /### OwnershipTransferred\n\nOwnership moved to `newOwner`/);
  });

  it("shows enum and struct source types, anonymous events and events without fields", () => {
    const abi: AbiEvent[] = [
      {
        type: "event",
        name: "ModeSet",
        anonymous: true,
        inputs: [{ name: "mode", type: "uint8", internalType: "enum IPause.Mode", indexed: false }],
      },
      { type: "event", name: "Pinged", inputs: [] },
    ];
    const contract = stakeManager({
      abi,
      declarations: {},
      userdoc: {
        events: { "ModeSet(uint8)": { notice: "Mode set." }, "Pinged()": { notice: "Pinged." } },
      },
      devdoc: { events: { "ModeSet(uint8)": { params: { mode: "The mode." } } } },
    });
    const markdown = renderCatalog(buildCatalog([contract], OPTIONS).sections);
    assert.match(markdown, /- topic0: none \(anonymous event\)/);
    assert.match(markdown, /\| `mode` \| `uint8` \(`enum IPause\.Mode`\) \| no \| The mode\. \|/);
    assert.match(
      markdown,
      /### Pinged\n\nPinged\.\n\n- Signature: `Pinged\(\)`\n- topic0: `0x[0-9a-f]{64}`\n\nNo fields\./,
    );
  });

  it("says so when there is nothing to list", () => {
    assert.match(renderCatalog([]), /No production contract declares or emits an event yet\./);
  });
});

describe("events catalog: --check summary", () => {
  const current = renderCatalog(buildCatalog([stakeManager()], OPTIONS).sections);

  it("is empty when the file matches", () => {
    assert.deepEqual(summarizeDifference(current, current), []);
  });

  it("names added and removed events and the first differing line", () => {
    const older = current.replace("Staked(address,uint256)", "Staked(address)");
    const summary = summarizeDifference(older, current);
    assert.deepEqual(summary.slice(0, 4), [
      "missing from the file (1):",
      "  StakeManager: Staked(address,uint256)",
      "no longer in the contracts (1):",
      "  StakeManager: Staked(address)",
    ]);
    assert.match(summary[4]!, /^1 line\(s\) differ; first at line \d+:$/);
    assert.equal(summary[5], '  file:     "- Signature: `Staked(address)`"');
  });

  it("reports a wording change without event changes", () => {
    const edited = current.replace("Who staked.", "Who staked it.");
    const summary = summarizeDifference(edited, current);
    assert.equal(summary.length, 3);
    assert.match(summary[1]!, /file: +".*Who staked it\. \|"/);
    assert.match(summary[2]!, /expected: +".*Who staked\. \|"/);
    assert.deepEqual([...listedEvents(current)].sort(), [
      "StakeManager: OwnershipTransferred(address,address)",
      "StakeManager: Staked(address,uint256)",
    ]);
  });
});

describe("events catalog: Hardhat 3 build output", () => {
  it("turns Hardhat's input source names into the ones people read", () => {
    assert.equal(
      readableSourceName("project/contracts/pause/SystemPause.sol"),
      "contracts/pause/SystemPause.sol",
    );
    assert.equal(
      readableSourceName("npm/@openzeppelin/contracts@5.7.0/access/Ownable.sol"),
      "@openzeppelin/contracts/access/Ownable.sol",
    );
    assert.equal(
      readableSourceName("npm/solady@0.1.26/src/utils/LibClone.sol"),
      "solady/src/utils/LibClone.sol",
    );
  });

  const ast = {
    "npm/@openzeppelin/contracts@5.7.0/access/Ownable.sol": {
      ast: {
        nodeType: "SourceUnit",
        id: 1,
        nodes: [
          {
            nodeType: "ContractDefinition",
            id: 10,
            name: "Ownable",
            nodes: [{ nodeType: "EventDefinition", id: 11, eventSelector: "aa" }],
          },
        ],
      },
    },
    "project/contracts/interfaces/IThing.sol": {
      ast: {
        nodeType: "SourceUnit",
        id: 2,
        nodes: [
          { nodeType: "EventDefinition", id: 19, eventSelector: "cc" },
          {
            nodeType: "ContractDefinition",
            id: 20,
            name: "IThing",
            nodes: [
              { nodeType: "EventDefinition", id: 21, eventSelector: "aa" },
              { nodeType: "EventDefinition", id: 22, eventSelector: "bb" },
              { nodeType: "FunctionDefinition", id: 23 },
            ],
          },
        ],
      },
    },
  };

  it("collects declarations per selector, including file-level events", () => {
    const sites = collectEventDeclarations(ast);
    assert.deepEqual(
      sites.get("aa")!.map((s) => [s.contractName, s.sourceName]),
      [
        ["Ownable", "@openzeppelin/contracts/access/Ownable.sol"],
        ["IThing", "contracts/interfaces/IThing.sol"],
      ],
    );
    assert.deepEqual(sites.get("cc"), [
      {
        sourceName: "contracts/interfaces/IThing.sol",
        contractName: undefined,
        eventId: 19,
        contractId: undefined,
      },
    ]);
  });

  it("prefers the declaration in the contract's own inheritance line, then the events it uses", () => {
    const sites = collectEventDeclarations(ast).get("aa");
    assert.equal(
      chooseDeclaration(sites, { linearizedBaseContracts: [30, 20] })!.contractName,
      "IThing",
    );
    assert.equal(
      chooseDeclaration(sites, { linearizedBaseContracts: [30, 10, 20] })!.contractName,
      "Ownable",
    );
    assert.equal(
      chooseDeclaration(sites, { linearizedBaseContracts: [30], usedEvents: [21] })!.contractName,
      "IThing",
    );
    assert.equal(chooseDeclaration(sites, undefined)!.contractName, "Ownable");
    assert.equal(chooseDeclaration(undefined, undefined), undefined);
  });
});

/** Writes a miniature Hardhat 3 project build: one source, its artifact and its build-info. */
function writeBuild(
  dir: string,
  opts: { natspec?: boolean; compiledText?: string; notice?: string } = {},
) {
  const source = "// SPDX-License-Identifier: MIT\ncontract Vault { /* ... */ }\n";
  const write = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  };
  write("contracts/Vault.sol", source);
  const deposited: AbiEvent = {
    type: "event",
    name: "Deposited",
    anonymous: false,
    inputs: [{ name: "amount", type: "uint256", internalType: "uint256", indexed: false }],
  };
  const selector = eventTopic0("Deposited(uint256)").slice(2);
  write(
    "artifacts/contracts/Vault.sol/Vault.json",
    JSON.stringify({
      _format: "hh3-artifact-1",
      contractName: "Vault",
      sourceName: "contracts/Vault.sol",
      abi: [deposited],
      bytecode: "0x6080",
      deployedBytecode: "0x6080",
      inputSourceName: "project/contracts/Vault.sol",
      buildInfoId: "solc-test",
    }),
  );
  write("artifacts/contracts/Vault.sol/artifacts.d.ts", "export {};\n");
  write(
    "artifacts/build-info/solc-test.json",
    JSON.stringify({
      _format: "hh3-sol-build-info-1",
      id: "solc-test",
      userSourceNameMap: { "contracts/Vault.sol": "project/contracts/Vault.sol" },
      input: {
        sources: { "project/contracts/Vault.sol": { content: opts.compiledText ?? source } },
      },
    }),
  );
  const docs =
    opts.natspec === false
      ? {}
      : {
          userdoc: {
            events: { "Deposited(uint256)": { notice: opts.notice ?? "Funds came in." } },
          },
          devdoc: { events: { "Deposited(uint256)": { params: { amount: "How much." } } } },
        };
  write(
    "artifacts/build-info/solc-test.output.json",
    JSON.stringify({
      _format: "hh3-sol-build-info-output-1",
      id: "solc-test",
      output: {
        contracts: { "project/contracts/Vault.sol": { Vault: { abi: [deposited], ...docs } } },
        sources: {
          "project/contracts/Vault.sol": {
            ast: {
              nodeType: "SourceUnit",
              id: 1,
              nodes: [
                {
                  nodeType: "ContractDefinition",
                  id: 2,
                  name: "Vault",
                  linearizedBaseContracts: [2],
                  nodes: [{ nodeType: "EventDefinition", id: 3, eventSelector: selector }],
                },
              ],
            },
          },
        },
      },
    }),
  );
}

describe("events catalog: reading a build and the command line", function () {
  this.timeout(20_000);
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "events-catalog-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CATALOG_SCRIPT, ...args], {
      cwd: dir,
      encoding: "utf8",
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it("loads artifacts with their NatSpec and declarations", () => {
    writeBuild(dir);
    const [vault, ...rest] = loadHardhatContracts(dir, join(dir, "artifacts"), "contracts");
    assert.equal(rest.length, 0);
    assert.equal(vault!.contractName, "Vault");
    assert.equal(vault!.deployable, true);
    assert.deepEqual(vault!.declarations, {
      "Deposited(uint256)": { sourceName: "contracts/Vault.sol", contractName: "Vault" },
    });
    assert.equal(vault!.userdoc?.events?.["Deposited(uint256)"]?.notice, "Funds came in.");
  });

  it("refuses stale artifacts, missing NatSpec output and a missing artifacts folder", () => {
    writeBuild(dir, { compiledText: "// an older text\n" });
    assert.throws(
      () => loadHardhatContracts(dir, join(dir, "artifacts"), "contracts"),
      (e: unknown) =>
        e instanceof BuildOutputError &&
        e.code === "STALE" &&
        /contracts\/Vault\.sol/.test(e.message),
    );
    writeBuild(dir, { natspec: false });
    assert.throws(
      () => loadHardhatContracts(dir, join(dir, "artifacts"), "contracts"),
      (e: unknown) =>
        e instanceof BuildOutputError &&
        e.code === "NO_NATSPEC" &&
        /outputSelection.*userdoc.*devdoc/.test(e.message),
    );
    assert.throws(
      () => loadHardhatContracts(dir, join(dir, "nowhere"), "contracts"),
      (e: unknown) => e instanceof BuildOutputError && e.code === "NO_ARTIFACTS",
    );
  });

  it("judges each artifact by its own build: an older build holding an older text is not staleness", () => {
    mkdirSync(join(dir, "contracts/lib"), { recursive: true });
    writeFileSync(join(dir, "contracts/IVault.sol"), "new interface");
    writeFileSync(join(dir, "contracts/Token.sol"), "token");
    writeFileSync(join(dir, "contracts/lib/Constants.sol"), "constants");
    // Build "old" compiled everything; build "new" recompiled only the changed interface.
    const texts = new Map([
      [
        "old",
        new Map([
          ["contracts/IVault.sol", "old interface"],
          ["contracts/Token.sol", "token"],
          ["contracts/lib/Constants.sol", "constants"],
        ]),
      ],
      ["new", new Map([["contracts/IVault.sol", "new interface"]])],
    ]);
    const artifacts = [
      { sourceName: "contracts/IVault.sol", buildInfoId: "new" },
      { sourceName: "contracts/Token.sol", buildInfoId: "old" },
    ];
    assert.deepEqual(findStaleSources(dir, "contracts", artifacts, texts), []);
    // The interface's artifact still from the old build: stale. A new file never compiled: stale.
    writeFileSync(join(dir, "contracts/New.sol"), "new file");
    const oldArtifacts = [
      { sourceName: "contracts/IVault.sol", buildInfoId: "old" },
      artifacts[1]!,
    ];
    assert.deepEqual(findStaleSources(dir, "contracts", oldArtifacts, texts), [
      "contracts/IVault.sol",
      "contracts/New.sol",
    ]);
  });

  it("writes docs/events.md, then --check passes, and fails once the NatSpec changes", () => {
    writeBuild(dir);
    const write = cli();
    assert.equal(write.status, 0, write.stderr);
    assert.match(write.stdout, /wrote docs\/events\.md \(1 events in 1 contracts\)/);
    const markdown = readFileSync(join(dir, "docs/events.md"), "utf8");
    assert.match(markdown, /\| `amount` \| `uint256` \| no \| How much\. \|/);
    assert.equal(cli("--check").status, 0);

    writeBuild(dir, { notice: "Funds arrived." });
    const check = cli("--check");
    assert.equal(check.status, 1);
    assert.match(check.stderr, /docs\/events\.md is out of date; run npm run events to update/);
    assert.match(check.stderr, /file: +"Funds came in\."/);
    assert.equal(
      readFileSync(join(dir, "docs/events.md"), "utf8"),
      markdown,
      "--check never writes",
    );
  });

  it("--check fails when the file does not exist", () => {
    writeBuild(dir);
    const check = cli("--check");
    assert.equal(check.status, 1);
    assert.match(check.stderr, /docs\/events\.md does not exist; run npm run events to update/);
  });

  it("fails on an undocumented event and writes nothing", () => {
    writeBuild(dir, { notice: "" });
    const run = cli();
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /Vault: event Deposited\(uint256\) \(declared in Vault, contracts\/Vault\.sol\) has no @notice/,
    );
    assert.throws(() => readFileSync(join(dir, "docs/events.md")));
  });

  it("exits 2 on unusable build output: none, stale, no contracts under the root", () => {
    assert.equal(cli().status, 2);
    writeBuild(dir, { compiledText: "old" });
    const stale = cli();
    assert.equal(stale.status, 2);
    assert.match(
      stale.stderr,
      /artifacts are older than the sources .*run npx hardhat compile first/,
    );
    writeBuild(dir);
    const elsewhere = cli("--root", "src");
    assert.equal(elsewhere.status, 2);
    assert.match(elsewhere.stderr, /no compiled contract under src\//);
  });
});
