// Hardhat 3 configuration for Mandate. Compiler, sources and remappings match foundry.toml, so
// `npx hardhat test` and `npx forge test` compile and run the same Solidity tests.
import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

import { mandateTasks } from "./tasks/index.ts";

const require = createRequire(import.meta.url);

/** The one Solidity compiler of the project: solcjs from npm, so nothing is downloaded. */
export const SOLC_VERSION = "0.8.30";
const solcPath = require.resolve("solc/soljson.js");

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
    },
  },
  paths: {
    sources: { solidity: ["contracts", "invariants"] },
  },
  test: {
    solidity: {
      fuzz: { runs: 256, seed: "0x6d616e64617465" },
      invariant: { runs: 256, depth: 64, failOnRevert: true },
    },
  },
  networks: {
    // The in-process chain (`--network hardhat`); `default` is Hardhat's own name for the same kind.
    hardhat: { type: "edr-simulated", chainType: "l1", chainId: 31337 },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545", chainId: 31337 },
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
