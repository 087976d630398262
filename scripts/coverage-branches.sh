#!/usr/bin/env bash
# The coverage gate of `npm test`, and forge's run of every Solidity test: at least 95% of lines and
# 90% of branches per production contract and in total, measured by `forge coverage` over the
# Solidity unit, fuzz and invariant tests. A failing test fails the script before any gate is read.
#
# forge covers one test folder per run, so this runs it twice and the gate merges the two LCOV files
# (a line or branch counts as taken when either run took it):
#   1. test/        (default profile: unit and fuzz tests, 256 fuzz runs as in `forge test`)
#   2. invariants/  (FOUNDRY_PROFILE=invariants: the invariant suites and their must-fail tests)
#
# Each invariant campaign runs at full strength (256 x 64) once per `npm test`, under Hardhat's runner
# on the optimized build (`npm run test:solidity`). Here, where coverage builds without the optimizer
# and instruments every call (about 4x slower), the campaigns run FOUNDRY_INVARIANT_RUNS (default 32,
# depth unchanged at 64): 32 and 256 runs gave the same per-file coverage when measured. For forge's
# full campaign: `FOUNDRY_PROFILE=invariants npm run forge -- test`, or
# `COVERAGE_INVARIANT_RUNS=256 npm run coverage:branches`.
#
# forge runs through scripts/forge.ts, which hands back forge's exit status (the npm wrapper
# node_modules/.bin/forge loses it), so a failing test fails this script.
# The LCOV files go to coverage/forge/ (git-ignored), never to forge's default ./lcov.info.
# Run it as `npm run coverage:branches` (npm puts node_modules/.bin, with Node 22, on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

out=coverage/forge
mkdir -p "$out"
rm -f "$out/unit.lcov" "$out/invariants.lcov"

start=$(date +%s)
node scripts/forge.ts coverage --report lcov --report-file "$out/unit.lcov"
FOUNDRY_PROFILE=invariants FOUNDRY_INVARIANT_RUNS="${COVERAGE_INVARIANT_RUNS:-32}" \
  node scripts/forge.ts coverage --report lcov --report-file "$out/invariants.lcov"
echo "forge coverage (test/ and invariants/) took $(($(date +%s) - start))s"

node scripts/coverage-gate.ts --lcov "$out/unit.lcov" --lcov "$out/invariants.lcov" \
  --min-lines 95 --min-branches 90
