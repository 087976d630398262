// safeTxArgs against the Safe 1.4.1 ABI itself: every field lands at the position of the input
// that bears its name, in both functions that take the transaction's fields.
import assert from "node:assert/strict";

import { safeInterface } from "../../../deploy/safe.ts";
import { safeTxArgs, type SafeTxFields } from "../../../owner/safe/safe-tx-args.ts";

// A distinct value per field, so a swapped pair cannot go unnoticed.
const tx: SafeTxFields = {
  to: "0x00000000000000000000000000000000000000a1",
  value: 11n,
  data: "0xdeadbeef",
  operation: 1,
  safeTxGas: 22n,
  baseGas: 33n,
  gasPrice: 44n,
  gasToken: "0x00000000000000000000000000000000000000a2",
  refundReceiver: "0x00000000000000000000000000000000000000a3",
};

describe("owner/safe/safe-tx-args: the Safe transaction's fields in ABI order", () => {
  for (const [fn, last] of [
    ["execTransaction", "signatures"],
    ["getTransactionHash", "_nonce"],
  ] as const) {
    it(`orders the fields as ${fn}'s inputs, then ${last}`, () => {
      const inputs = safeInterface.getFunction(fn)!.inputs.map((input) => input.name);
      const args = safeTxArgs(tx);
      assert.equal(inputs.length, args.length + 1, `${fn} takes the fields and ${last}`);
      assert.equal(inputs[args.length], last);
      args.forEach((arg, index) =>
        assert.equal(arg, tx[inputs[index] as keyof SafeTxFields], `${fn} input ${index}`),
      );
      // Encoded as that function's call and decoded back, each input holds its own field.
      const extra = fn === "execTransaction" ? "0x" : 7n;
      const decoded = safeInterface.decodeFunctionData(
        fn,
        safeInterface.encodeFunctionData(fn, [...args, extra]),
      );
      for (const name of Object.keys(tx) as (keyof SafeTxFields)[])
        assert.equal(String(decoded[name]).toLowerCase(), String(tx[name]), name);
    });
  }
});
