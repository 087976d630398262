// Hardhat 3 configuration for Mandate. Compiler, sources and remappings match foundry.toml, so
// `npx hardhat test` and `npm run forge -- test` compile and run the same Solidity tests.
import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import { mandateTasks } from "./tasks/index.ts";

const require = createRequire(import.meta.url);

/** The one Solidity compiler of the project: solcjs from npm, so nothing is downloaded. */
export const SOLC_VERSION = "0.8.30";
const solcPath = require.resolve("solc/soljson.js");
/** One fuzz seed for both runners (foundry.toml has the same), so a run can be reproduced. */
const FUZZ_SEED = "0x6d616e64617465";
/** What Solidity tests may read (forge: `fs_permissions` in foundry.toml): the deployment-order fixture. */
const SOLIDITY_TEST_FS = { readFile: ["test/fixtures/deployment-order.txt"] };

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  tasks: mandateTasks,
  solidity: {
    version: SOLC_VERSION,
    path: solcPath,
    settings: {
      evmVersion: "cancun",
      optimizer: { enabled: true, runs: 200 },
      metadata: { bytecodeHash: "none" },
      // NatSpec in the build output: scripts/events-catalog.ts reads `userdoc` and `devdoc` from
      // artifacts/build-info/*.output.json. Hardhat merges this with its own default selection.
      outputSelection: { "*": { "*": ["userdoc", "devdoc"] } },
    },
  },
  paths: {
    sources: { solidity: ["contracts", "invariants"] },
  },
  test: {
    // A stray `.only` fails the run instead of silently skipping every other test.
    mocha: { forbidOnly: true, parallel: true, jobs: 2 },
    solidity: {
      // `default` runs everywhere (CI); `deep` is for auditors: `npx hardhat test solidity --test-profile deep`
      // (the same numbers as foundry.toml's [profile.deep]; see invariants/README.md).
      profiles: {
        default: {
          fuzz: { runs: 256, seed: FUZZ_SEED },
          invariant: { runs: 256, depth: 64, failOnRevert: true },
          fsPermissions: SOLIDITY_TEST_FS,
        },
        deep: {
          fuzz: { runs: 256, seed: FUZZ_SEED },
          invariant: { runs: 2000, depth: 200, failOnRevert: true },
          fsPermissions: SOLIDITY_TEST_FS,
        },
      },
    },
  },
  networks: {
    // The in-process chain (`--network hardhat`); `default` is Hardhat's own name for the same kind.
    hardhat: { type: "edr-simulated", chainType: "l1", chainId: 31337 },
    // MANDATE_LOCALHOST_URL lets tests (and users) point `--network localhost` at a node on another port.
    localhost: {
      type: "http",
      chainType: "l1",
      url: process.env.MANDATE_LOCALHOST_URL ?? "http://127.0.0.1:8545",
      chainId: 31337,
    },
    amoy: {
      type: "http",
      chainType: "l1",
      chainId: 80002,
      url: configVariable("AMOY_RPC_URL"),
      accounts: [configVariable("AMOY_PRIVATE_KEY")],
    },
    polygon: {
      type: "http",
      chainType: "l1",
      chainId: 137,
      url: configVariable("POLYGON_RPC_URL"),
      accounts: [configVariable("POLYGON_PRIVATE_KEY")],
    },
  },
});
