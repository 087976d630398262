#!/usr/bin/env node
// A native-style `solc` command over solcjs (npm `solc`), so forge compiles with exactly the
// compiler Hardhat uses and nothing is downloaded. forge calls `solc --version` and
// `solc --standard-json` (input on stdin, output on stdout); that is all this answers.
"use strict";
const solc = require("solc");

const args = process.argv.slice(2);
if (args.includes("--version")) {
  process.stdout.write(
    `solc, the solidity compiler commandline interface\nVersion: ${solc.version()}\n`,
  );
  process.exit(0);
}
if (!args.includes("--standard-json")) {
  process.stderr.write("solc shim: only --version and --standard-json are supported\n");
  process.exit(1);
}

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const input = Buffer.concat(chunks).toString("utf8");
  // forge passes absolute --allow-paths/--base-path; solcjs reads files through this callback.
  const fs = require("node:fs");
  const path = require("node:path");
  const basePathIndex = args.indexOf("--base-path");
  const basePath = basePathIndex >= 0 ? args[basePathIndex + 1] : process.cwd();
  const findImports = (importPath) => {
    const candidate = path.isAbsolute(importPath) ? importPath : path.join(basePath, importPath);
    try {
      return { contents: fs.readFileSync(candidate, "utf8") };
    } catch {
      return { error: `File not found: ${importPath}` };
    }
  };
  process.stdout.write(solc.compile(input, { import: findImports }));
});
