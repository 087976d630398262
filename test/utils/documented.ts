// The `npx hardhat …` commands of the owner-control docs, for tests to run as written. A test runs a
// documented command through `documented("<the command as the doc writes it>", values)`, which
// fails when the docs no longer hold that command; test/owner/docs-commands.test.ts fails when a
// command of the docs is claimed by no test. So a doc and its tests cannot drift apart.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

/** The docs whose commands must each be run by a test. */
export const COMMAND_DOCS = ["docs/owner-control.md", "docs/runbooks/emergency-pause.md"];

/**
 * Hardhat's own tasks, which the docs name but this project does not implement (Hardhat documents
 * and tests them): `npx hardhat node` (the tests start one through test/utils/hardhat-node.ts) and
 * `npx hardhat keystore set` (interactive; the tests check the messages that name it).
 */
export const HARDHAT_OWN_TASKS = ["node", "keystore"];

const normalise = (command: string) => command.replace(/\s+/g, " ").trim();

export interface DocCommand {
  doc: string;
  command: string;
  /** The text of the line just before the command's code block ("# drill"), when in one. */
  block?: string;
}

/** Every `npx hardhat` command of the docs: code-block lines (comments cut) and inline code spans. */
export function documentedCommands(): DocCommand[] {
  const found: DocCommand[] = [];
  for (const doc of COMMAND_DOCS) {
    const text = readFileSync(join(ROOT, doc), "utf8");
    const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)];
    for (const [, body] of blocks) {
      const lines = body.split("\n");
      const block = lines[0].startsWith("#") ? lines[0].trim() : undefined;
      for (const line of lines)
        if (line.startsWith("npx hardhat "))
          found.push({ doc, command: normalise(line.replace(/\s#.*$/, "")), block });
    }
    const prose = text.replace(/```[\s\S]*?```/g, "");
    for (const [, span] of prose.matchAll(/`(npx hardhat [^`]+)`/g))
      found.push({ doc, command: normalise(span) });
  }
  return found.filter((c) => !HARDHAT_OWN_TASKS.includes(c.command.split(" ")[2]));
}

/** Placeholders a test must give a value: <name>, FILE..., DIR, n, a|b|c. */
const PLACEHOLDER = /^(<[^>]+>|[A-Z]+(\.\.\.)?|n|[a-z]+(\|[a-z]+)+)$/;

/**
 * The arguments after `npx` of a documented command, each placeholder (and any other word, e.g.
 * `amoy` -> `localhost`, a path -> a temporary one) replaced by `values`; `[--flag v]` is taken
 * with its flag. Fails when the docs do not hold the command or a placeholder has no value.
 */
export function documented(
  command: string,
  values: Record<string, string | readonly string[]> = {},
): string[] {
  const wanted = normalise(command);
  const all = documentedCommands();
  assert.ok(
    all.some((c) => c.command === wanted),
    `"${wanted}" is not a command of ${COMMAND_DOCS.join(" or ")} any more: update the test with the docs`,
  );
  const args = wanted
    .split(" ")
    .slice(1)
    .map((token) => token.replace(/^\[|\]$/g, ""))
    .flatMap((token) => {
      const value = values[token];
      if (value !== undefined) return typeof value === "string" ? [value] : [...value];
      assert.doesNotMatch(token, PLACEHOLDER, `give ${token} of "${wanted}" a value`);
      return [token];
    });
  return args;
}

/** Every command of the code block that starts with `marker` (e.g. "# drill"), as arguments after `npx`. */
export function documentedBlock(marker: string): string[][] {
  const commands = documentedCommands().filter((c) => c.block === marker);
  assert.ok(commands.length > 0, `no code block starts with "${marker}" in ${COMMAND_DOCS}`);
  return commands.map((c) => c.command.split(" ").slice(1));
}
