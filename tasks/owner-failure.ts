// How an owner task ends when it could not check or act: exit 2, one message saying what and where,
// and under --json the documented `{ "error": { code, message, details } }` on stdout. An error the
// core did not expect ends the same way (code UNEXPECTED), never as Hardhat's exit 1, which the
// doctor and update-all use for "drift".
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { asOwnerError, EXIT } from "../owner/errors.ts";

export function reportOwnerFailure(
  task: string,
  error: unknown,
  hre: HardhatRuntimeEnvironment,
  options: { json?: boolean } = {},
): void {
  const known = asOwnerError(error);
  const code = known?.code ?? "UNEXPECTED";
  const message =
    known?.message ??
    `${(error as Error)?.message ?? String(error)} (an error the owner tools did not expect; nothing further was sent. Run with --show-stack-traces for where it came from)`;
  const details = known?.details ?? [];
  if (options.json === true)
    console.log(
      JSON.stringify({ error: { code, message: message.split("\n")[0], details } }, null, 2),
    );
  console.error(
    `${task} could not ${task === "owner:doctor" ? "check" : "act"} [${code}]: ${message}`,
  );
  if (known === undefined && hre.globalOptions.showStackTraces === true)
    console.error((error as Error)?.stack);
  process.exitCode = EXIT.CANNOT_CHECK;
}
