// How an owner task ends when it cannot check or act (tasks/owner-failure.ts): exit 2 and one
// message, the documented JSON error under --json, and the same for an error the core did not expect.
import assert from "node:assert/strict";

import { OwnerError } from "../../owner/errors.ts";
import { reportOwnerFailure } from "../../tasks/owner-failure.ts";

/** Runs `report` with console.log/error captured and process.exitCode restored afterwards. */
function captured(report: () => void) {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error, code] = [console.log, console.error, process.exitCode];
  console.log = (line: string) => out.push(line);
  console.error = (line: string) => err.push(line);
  try {
    report();
    return { stdout: out.join("\n"), stderr: err.join("\n"), exitCode: process.exitCode };
  } finally {
    [console.log, console.error, process.exitCode] = [log, error, code];
  }
}

const hre = { globalOptions: {} } as never;

describe("owner tasks: how a failure ends", () => {
  it("an OwnerError: exit 2, the code and message, and { error } under --json", () => {
    const result = captured(() =>
      reportOwnerFailure(
        "owner:doctor",
        new OwnerError("WRONG_CHAIN", "connected to chain 1", ["a detail"]),
        hre,
        { json: true },
      ),
    );
    assert.equal(result.exitCode, 2);
    assert.deepEqual(JSON.parse(result.stdout), {
      error: { code: "WRONG_CHAIN", message: "connected to chain 1", details: ["a detail"] },
    });
    assert.match(
      result.stderr,
      /^owner:doctor could not check \[WRONG_CHAIN\]: connected to chain 1/,
    );
  });

  it("an error nobody expected: still exit 2 (never 1, the doctor's drift), code UNEXPECTED, no stack", () => {
    const result = captured(() =>
      reportOwnerFailure("owner:system-pause", new TypeError("x is undefined"), hre),
    );
    assert.equal(result.exitCode, 2);
    assert.equal(result.stdout, "");
    assert.match(
      result.stderr,
      /^owner:system-pause could not act \[UNEXPECTED\]: x is undefined \(an error the owner tools did not expect/,
    );
    assert.doesNotMatch(result.stderr, /^\s+at /m);
  });
});
