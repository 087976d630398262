// Runs forge and exits with forge's own status.
//
// `node_modules/.bin/forge` (the npm wrapper of @foundry-rs/forge 1.7.1) starts the platform binary
// and then exits 0 whatever the binary returned, so a gate run through it can never fail. This
// resolves the platform package's binary itself and hands its exit status (or the signal that ended
// it) back to the caller. Every forge call of the project goes through here: `npm run forge -- …`,
// the npm scripts and `scripts/coverage-branches.sh`.
// The same resolver finds anvil's binary for the simulation's engine (sim/chain/anvil.ts).
//
//   node scripts/forge.ts <forge arguments…>      e.g. node scripts/forge.ts test --match-path 'test/unit/*'
//
// Exit codes: forge's own; 127 when no forge binary exists for this machine (with the reason).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Node's platform-arch → the suffix of the platform packages @foundry-rs/forge and @foundry-rs/anvil
 * 1.7.1 list as optional dependencies (and the lockfile holds): `@foundry-rs/<tool>-<suffix>`.
 */
const PLATFORM_SUFFIXES: Readonly<Record<string, string>> = {
  "darwin-arm64": "darwin-arm64",
  "darwin-x64": "darwin-amd64",
  "linux-arm64": "linux-arm64",
  "linux-x64": "linux-amd64",
  "win32-x64": "win32-amd64",
};

/** The Foundry tools the project runs from npm: forge (tests, coverage, lint) and anvil (the simulation). */
export type FoundryTool = "forge" | "anvil";

export class ForgeNotFoundError extends Error {}

/** The name of the platform package that carries `tool` for `platform`/`arch`, or an error saying why none does. */
export function forgePackageFor(
  platform: string,
  arch: string,
  tool: FoundryTool = "forge",
): string {
  const suffix = PLATFORM_SUFFIXES[`${platform}-${arch}`];
  if (suffix === undefined) {
    throw new ForgeNotFoundError(
      `${tool} is not published for ${platform}-${arch}; supported: ${Object.keys(PLATFORM_SUFFIXES).join(", ")}`,
    );
  }
  return `@foundry-rs/${tool}-${suffix}`;
}

/** The absolute path of the `tool` binary (forge unless told) installed for this machine. */
export function resolveForgeBinary(
  platform: string = process.platform,
  arch: string = process.arch,
  fromDir: string = process.cwd(),
  tool: FoundryTool = "forge",
): string {
  const packageName = forgePackageFor(platform, arch, tool);
  const require = createRequire(join(fromDir, "package.json"));
  let packageJson: string;
  try {
    packageJson = require.resolve(`${packageName}/package.json`);
  } catch {
    throw new ForgeNotFoundError(
      `${packageName} is not installed under ${fromDir}/node_modules: run the install ` +
        "(npx -y -p node@22 npm ci) so npm adds this platform's optional package",
    );
  }
  const binary = join(dirname(packageJson), "bin", platform === "win32" ? `${tool}.exe` : tool);
  if (!existsSync(binary)) {
    throw new ForgeNotFoundError(`${packageName} is installed but has no binary at ${binary}`);
  }
  return binary;
}

/** Runs forge with `args`, inheriting stdio, and returns the exit status to hand back. */
export function runForge(args: readonly string[]): number {
  const binary = resolveForgeBinary();
  const result = spawnSync(binary, args, { stdio: "inherit" });
  if (result.error !== undefined) {
    throw new ForgeNotFoundError(`could not start ${binary}: ${result.error.message}`);
  }
  if (result.signal !== null) {
    // Ended by a signal: end the same way, so callers see what happened (e.g. 130 for SIGINT).
    process.kill(process.pid, result.signal);
    return 1;
  }
  return result.status ?? 1;
}

if (import.meta.main) {
  try {
    process.exitCode = runForge(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ForgeNotFoundError)) throw error;
    console.error(`forge: ${error.message}`);
    process.exitCode = 127;
  }
}
