// The simulation's hot path encodes thousands of calls an epoch, every one with static arguments
// only (uintN, intN, address, bool, bytesN) and decodes results made of static words. ethers' ABI
// coder, general and checked, spent most of the client's CPU there (docs/economics/engine.md): it
// copies every argument through byte arrays and its garbage then costs as much again. This codec
// does the static case only, word by word on hex strings, with the selectors and types taken from
// the ethers Interface (so an ABI change still comes from contracts/interfaces/); dynamic arrays of
// such words are written too (the lens's lists); anything else dynamic is refused and stays with
// ethers. test/sim/static-abi.test.ts checks it against ethers.
import type { Interface, ParamType } from "ethers";

export type StaticValue = bigint | string | boolean;
/** An argument: one static word, or an array of them (`address[]`, `uint256[]`). */
export type StaticArg = StaticValue | readonly StaticValue[];

/** One argument's encoder: a head word, or (an array) an offset in the head and its words after. */
type ArgEncoder =
  { word: (value: StaticValue) => string } | { array: (value: StaticValue) => string };

interface Encoder {
  selector: string;
  args: ArgEncoder[];
}

const WORD = 64;

/** One static type's encoder: its value as one 32-byte word (64 hex digits), checked as ethers would. */
function wordOf(type: ParamType, where: string): (value: StaticValue) => string {
  const base = type.baseType;
  const uint = /^uint(\d+)$/.exec(base);
  if (uint !== null) {
    const limit = 1n << BigInt(uint[1]);
    return (value) => {
      const n = value as bigint;
      if (typeof n !== "bigint" || n < 0n || n >= limit)
        throw new RangeError(`${where}: ${String(value)} is not a ${base}`);
      return n.toString(16).padStart(WORD, "0");
    };
  }
  const int = /^int(\d+)$/.exec(base);
  if (int !== null) {
    const half = 1n << BigInt(Number(int[1]) - 1);
    return (value) => {
      const n = value as bigint;
      if (typeof n !== "bigint" || n < -half || n >= half)
        throw new RangeError(`${where}: ${String(value)} is not an ${base}`);
      return BigInt.asUintN(256, n).toString(16).padStart(WORD, "0");
    };
  }
  if (base === "address")
    return (value) => {
      if (typeof value !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value))
        throw new TypeError(`${where}: ${String(value)} is not an address`);
      return value.slice(2).toLowerCase().padStart(WORD, "0");
    };
  if (base === "bool")
    return (value) => {
      if (typeof value !== "boolean")
        throw new TypeError(`${where}: ${String(value)} is not a bool`);
      return value ? "1".padStart(WORD, "0") : "0".padStart(WORD, "0");
    };
  const fixed = /^bytes(\d+)$/.exec(base);
  if (fixed !== null) {
    const shape = new RegExp(`^0x[0-9a-fA-F]{${2 * Number(fixed[1])}}$`);
    return (value) => {
      if (typeof value !== "string" || !shape.test(value))
        throw new TypeError(`${where}: ${String(value)} is not a ${base}`);
      return value.slice(2).toLowerCase().padEnd(WORD, "0");
    };
  }
  throw new TypeError(`${where}: ${type.format()} is not a static one-word type`);
}

function argEncoder(type: ParamType, where: string): ArgEncoder {
  if (type.isArray()) {
    if (type.arrayLength !== -1)
      throw new TypeError(`${where}: ${type.format()} is not a static one-word type`);
    return { array: wordOf(type.arrayChildren, `${where} element`) };
  }
  return { word: wordOf(type, where) };
}

/**
 * Calldata for functions of `iface` whose arguments are one-word static types or dynamic arrays of
 * them (the lens's account and job lists).
 */
export class StaticCalls {
  private readonly iface: Interface;
  private readonly encoders = new Map<string, Encoder>();

  constructor(iface: Interface) {
    this.iface = iface;
  }

  encode(fn: string, args: readonly StaticArg[]): string {
    let encoder = this.encoders.get(fn);
    if (encoder === undefined) {
      const fragment = this.iface.getFunction(fn);
      if (fragment === null) throw new Error(`no function ${fn} in the interface`);
      encoder = {
        selector: fragment.selector,
        args: fragment.inputs.map((input, i) => argEncoder(input, `${fn} argument ${i}`)),
      };
      this.encoders.set(fn, encoder);
    }
    if (args.length !== encoder.args.length)
      throw new Error(`${fn} takes ${encoder.args.length} arguments, given ${args.length}`);
    let head = encoder.selector;
    let tail = "";
    // An array's offset counts bytes from the start of the arguments: past the head's words.
    let tailAt = 32 * args.length;
    for (let i = 0; i < args.length; i++) {
      const arg = encoder.args[i];
      const value = args[i];
      if ("word" in arg) {
        if (Array.isArray(value))
          throw new TypeError(`${fn} argument ${i}: an array for one value`);
        head += arg.word(value as StaticValue);
        continue;
      }
      if (!Array.isArray(value)) throw new TypeError(`${fn} argument ${i}: expected an array`);
      head += tailAt.toString(16).padStart(WORD, "0");
      tail += value.length.toString(16).padStart(WORD, "0");
      for (const element of value as readonly StaticValue[]) tail += arg.array(element);
      tailAt += 32 * (1 + value.length);
    }
    return head + tail;
  }
}

/** The calldata of a function taking one `bytes` argument, `data` (hex) as it: selector, offset, length, padded bytes. */
export function encodeBytesCall(selector: string, data: string): string {
  const hex = data.slice(2);
  const length = hex.length / 2;
  const padded = hex.padEnd(Math.ceil(hex.length / WORD) * WORD, "0");
  return `${selector}${"20".padStart(WORD, "0")}${length.toString(16).padStart(WORD, "0")}${padded}`;
}

/** Where each field of a struct of one-word fields sits (in words), and how many words it takes. */
export interface StructLayout {
  words: number;
  field(name: string): number;
}

/**
 * The layout of `type`, a struct of one-word static fields (so encoded inline, one word a field, in
 * an array too); refused otherwise, naming `what`.
 */
export function structLayout(type: ParamType, what: string): StructLayout {
  const oneWord = /^(u?int\d+|address|bool|bytes([1-9]|[12]\d|3[0-2]))$/;
  if (!type.isTuple() || !type.components.every((c) => oneWord.test(c.type)))
    throw new Error(`${what}: ${type.format()} is no longer a struct of one-word fields`);
  const fields = new Map(type.components.map((c, i) => [c.name, i]));
  return {
    words: type.components.length,
    field(name) {
      const at = fields.get(name);
      if (at === undefined) throw new Error(`${what}: ${type.format()} has no field ${name}`);
      return at;
    },
  };
}

/** Reads 32-byte words of ABI-encoded return data by index. */
export class Words {
  private readonly hex: string;
  readonly count: number;

  constructor(data: string) {
    this.hex = data.startsWith("0x") ? data.slice(2) : data;
    if (this.hex.length % WORD !== 0)
      throw new Error(`return data of ${this.hex.length / 2} bytes is not whole words`);
    this.count = this.hex.length / WORD;
  }

  uint(i: number): bigint {
    if (i < 0 || i >= this.count) throw new RangeError(`word ${i} of ${this.count}`);
    return BigInt(`0x${this.hex.slice(WORD * i, WORD * (i + 1))}`);
  }

  /** An index into the words (an ABI offset, in bytes, divided by 32). */
  offset(i: number): number {
    const bytes = this.uint(i);
    if (bytes % 32n !== 0n) throw new Error(`offset ${bytes} is not word-aligned`);
    return Number(bytes / 32n);
  }

  address(i: number): string {
    if (i < 0 || i >= this.count) throw new RangeError(`word ${i} of ${this.count}`);
    return `0x${this.hex.slice(WORD * i + 24, WORD * (i + 1))}`;
  }
}
