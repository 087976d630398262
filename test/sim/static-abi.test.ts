// The simulation's static-call codec (sim/chain/static-abi.ts) against ethers' ABI coder: the same
// calldata for every function the simulation sends with static arguments, on edge values; the same
// refusals of values a type cannot hold; and no encoding of a type it does not handle.
import assert from "node:assert/strict";

import { AbiCoder, Interface } from "ethers";
import hre from "hardhat";

import { encodeBytesCall, StaticCalls, Words } from "../../sim/chain/static-abi.ts";

const ADDRESS = "0x00000000000000000000000000000000DeaDBeef";
const edges: Record<string, unknown[]> = {
  address: [ADDRESS, "0xffffffffffffffffffffffffffffffffffffffff"],
  bool: [true, false],
  bytes32: [`0x${"ab".repeat(32)}`, `0x${"00".repeat(31)}01`],
};
const uintEdges = (bits: number) => [0n, 1n, (1n << BigInt(bits)) - 1n];

describe("sim: the static-call codec", function () {
  it("encodes every static function of the interfaces the simulation calls as ethers does", async () => {
    let checked = 0;
    for (const name of ["IJobRegistry", "IStakeManager", "IDisputeModule", "MandateTestToken"]) {
      const iface = new Interface((await hre.artifacts.readArtifact(name)).abi);
      const calls = new StaticCalls(iface);
      iface.forEachFunction((fn) => {
        const types = fn.inputs.map((i) => i.type);
        if (!types.every((t) => /^(uint\d+|address|bool|bytes32)$/.test(t))) return;
        // Every combination would be large: each argument walks its edge values in turn.
        const rounds = Math.max(1, ...types.map((t) => (edges[t] ?? uintEdges(256)).length));
        for (let r = 0; r < rounds; r++) {
          const args = types.map((t) => {
            const bits = /^uint(\d+)$/.exec(t);
            const values = bits === null ? edges[t] : uintEdges(Number(bits[1]));
            return values[r % values.length];
          });
          assert.equal(
            calls.encode(fn.name, args as never),
            iface.encodeFunctionData(fn, args).toLowerCase(),
            `${name}.${fn.format()} with ${args.join(", ")}`,
          );
          checked++;
        }
      });
    }
    assert.ok(checked >= 40, `only ${checked} encodings checked`);
  });

  it("refuses what the type cannot hold, naming the function and argument", () => {
    const calls = new StaticCalls(
      new Interface(["function f(uint8 a, int16 b, address c, bool d, bytes4 e)"]),
    );
    const good = [255n, -32768n, ADDRESS, true, "0x01020304"] as const;
    assert.equal(
      calls.encode("f", [...good]),
      new Interface(["function f(uint8 a, int16 b, address c, bool d, bytes4 e)"])
        .encodeFunctionData("f", [...good])
        .toLowerCase(),
    );
    const bad: [number, unknown, RegExp][] = [
      [0, 256n, /f argument 0: 256 is not a uint8/],
      [0, -1n, /f argument 0: -1 is not a uint8/],
      [0, 1, /f argument 0: 1 is not a uint8/],
      [1, 32768n, /f argument 1: 32768 is not an int16/],
      [2, "0x1234", /f argument 2: 0x1234 is not an address/],
      [3, 1n, /f argument 3: 1 is not a bool/],
      [4, "0x0102", /f argument 4: 0x0102 is not a bytes4/],
    ];
    for (const [at, value, message] of bad) {
      const args: unknown[] = [...good];
      args[at] = value;
      assert.throws(() => calls.encode("f", args as never), message);
    }
    assert.throws(() => calls.encode("f", [1n]), /f takes 5 arguments, given 1/);
    assert.throws(() => calls.encode("g", []), /no function g/);
  });

  it("writes dynamic arrays of one-word values (the lens's lists) as ethers does", () => {
    const iface = new Interface([
      "function h(address a, address[] b, uint256 c, uint256[] d)",
      "function lens(address r, uint256[] ids)",
    ]);
    const calls = new StaticCalls(iface);
    const cases: [string[], bigint[]][] = [
      [[], []],
      [[ADDRESS], [0n, 2n ** 256n - 1n]],
      [[ADDRESS, ADDRESS.toLowerCase(), `0x${"11".repeat(20)}`], [5n]],
    ];
    for (const [b, d] of cases) {
      const args = [ADDRESS, b, 7n, d];
      assert.equal(calls.encode("h", args), iface.encodeFunctionData("h", args).toLowerCase());
    }
    const ids = Array.from({ length: 40 }, (_, i) => BigInt(i) * 1_000_003n);
    assert.equal(
      calls.encode("lens", [ADDRESS, ids]),
      iface.encodeFunctionData("lens", [ADDRESS, ids]).toLowerCase(),
    );
    assert.throws(
      () => calls.encode("h", [ADDRESS, ADDRESS, 7n, []]),
      /argument 1: expected an array/,
    );
    assert.throws(
      () => calls.encode("h", [[ADDRESS], [], 7n, []]),
      /argument 0: an array for one value/,
    );
    assert.throws(
      () => calls.encode("h", [ADDRESS, ["0x12"], 7n, []]),
      /argument 1 element: 0x12 is not an address/,
    );
  });

  it("refuses any other dynamic argument: that stays with ethers", () => {
    const calls = new StaticCalls(
      new Interface(["function f(uint256[2] a)", "function g(bytes b)", "function k(string[] s)"]),
    );
    assert.throws(
      () => calls.encode("f", [[1n, 2n]]),
      /uint256\[2\] is not a static one-word type/,
    );
    assert.throws(() => calls.encode("g", ["0x"]), /bytes is not a static one-word type/);
    assert.throws(() => calls.encode("k", [["a"]]), /string is not a static one-word type/);
  });

  it("writes a one-`bytes` call as ethers does, and reads words back", () => {
    const iface = new Interface(["function run(bytes batch)"]);
    const selector = iface.getFunction("run")!.selector;
    for (const data of ["0x", "0x01", `0x${"cd".repeat(32)}`, `0x${"ef".repeat(33)}`])
      assert.equal(encodeBytesCall(selector, data), iface.encodeFunctionData("run", [data]));
    const encoded = AbiCoder.defaultAbiCoder().encode(
      ["uint256", "address", "uint256[]"],
      [7n, ADDRESS, [1n, 2n]],
    );
    const words = new Words(encoded);
    assert.equal(words.uint(0), 7n);
    assert.equal(words.address(1), ADDRESS.toLowerCase());
    const at = words.offset(2);
    assert.deepEqual([words.uint(at), words.uint(at + 1), words.uint(at + 2)], [2n, 1n, 2n]);
    assert.throws(() => words.uint(words.count), /word 6 of 6/);
    assert.throws(() => new Words("0x1234"), /2 bytes is not whole words/);
  });
});
