// One contract call as owner control plans it, carrying enough of its ABI that Safe's Transaction
// Builder can show the decoded inputs, plus the round trips that keep the three forms honest:
// arguments -> calldata, arguments -> Transaction Builder input strings, and back.
import {
  AbiCoder,
  getAddress,
  hexlify,
  Interface,
  isHexString,
  ParamType,
  type FunctionFragment,
  type Result,
} from "ethers";

/** A function as the Transaction Builder records it (`contractMethod` in a batch file). */
export interface ContractMethod {
  name: string;
  inputs: { name: string; type: string; internalType?: string }[];
  payable: boolean;
}

export interface Call {
  to: string;
  value: bigint;
  /** The calldata sent. Always present in memory; a batch file may store it as null (see tx-builder.ts). */
  data: string;
  /** What the call is for, in words (shown to signers). */
  description?: string;
  contractMethod?: ContractMethod;
  /** The inputs as the Transaction Builder's form holds them: strings keyed by input name (or index). */
  contractInputsValues?: Record<string, string>;
}

export class CallEncodingError extends Error {
  override name = "CallEncodingError";
}

/** The key the Transaction Builder reads an input's value from: its name, or its index when unnamed. */
export const inputKey = (input: { name: string }, index: number): string =>
  input.name === "" ? String(index) : input.name;

/**
 * Encodes `iface.fn(...args)` to `to` as a Call with its `contractMethod` and
 * `contractInputsValues`. `fn` is a name or a full signature (for overloads).
 */
export function encodeCall(
  iface: Interface,
  to: string,
  fn: string,
  args: readonly unknown[],
  options: { value?: bigint; description?: string } = {},
): Call {
  const fragment = iface.getFunction(fn, args as unknown[]);
  if (fragment === null) throw new CallEncodingError(`no function ${fn} in the interface`);
  const data = iface.encodeFunctionData(fragment, args as unknown[]);
  // Read back through the coder so the strings describe exactly what was encoded (checksummed
  // addresses, normalised hex), not the caller's spelling of it.
  const decoded = iface.decodeFunctionData(fragment, data);
  const contractInputsValues: Record<string, string> = {};
  fragment.inputs.forEach((input, index) => {
    contractInputsValues[inputKey(input, index)] = formatInputValue(input, decoded[index]);
  });
  const value = options.value ?? 0n;
  if (value !== 0n && !fragment.payable)
    throw new CallEncodingError(`${fragment.format()} is not payable but value ${value} was given`);
  return {
    to: getAddress(to),
    value,
    data,
    ...(options.description !== undefined ? { description: options.description } : {}),
    contractMethod: contractMethodOf(fragment),
    contractInputsValues,
  };
}

/** A call without ABI: raw calldata (shown as "custom hex data" by the Transaction Builder). */
export function rawCall(to: string, data: string, value = 0n, description?: string): Call {
  if (!isHexString(data)) throw new CallEncodingError(`calldata must be 0x-prefixed hex: ${data}`);
  return {
    to: getAddress(to),
    value,
    data: hexlify(data),
    ...(description !== undefined ? { description } : {}),
  };
}

export function contractMethodOf(fragment: FunctionFragment): ContractMethod {
  return {
    name: fragment.name,
    inputs: fragment.inputs.map((input) => {
      if (input.baseType === "tuple" || input.arrayChildren?.baseType === "tuple")
        throw new CallEncodingError(
          `${fragment.format()}: tuple inputs are not written to Transaction Builder files`,
        );
      return { name: input.name, type: input.type, internalType: input.type };
    }),
    payable: fragment.payable,
  };
}

/**
 * One decoded argument as a Transaction Builder form string: decimal integers, checksummed
 * addresses, `true`/`false`, lowercase hex for bytes, the text for strings, and JSON arrays of
 * those strings for arrays (the app parses `["0x..","0x.."]` and `["1","2"]` alike).
 */
export function formatInputValue(param: ParamType, value: unknown): string {
  if (param.isArray()) {
    const items = [...(value as readonly unknown[])].map((item) =>
      elementForJson(param.arrayChildren, item),
    );
    return JSON.stringify(items);
  }
  switch (param.baseType) {
    case "address":
      return getAddress(value as string);
    case "bool":
      return value ? "true" : "false";
    case "string":
      return value as string;
    default:
      if (/^u?int\d*$/.test(param.baseType)) return (value as bigint).toString(10);
      if (/^bytes\d*$/.test(param.baseType)) return hexlify(value as string).toLowerCase();
      throw new CallEncodingError(`unsupported input type ${param.type}`);
  }
}

const elementForJson = (param: ParamType, value: unknown): unknown =>
  param.isArray()
    ? [...(value as readonly unknown[])].map((item) => elementForJson(param.arrayChildren, item))
    : formatInputValue(param, value);

/**
 * Parses a Transaction Builder form string back into an ethers argument, the way the app does
 * before it encodes: arrays are JSON (quotes optional around scalars), booleans are true/false/1/0.
 */
export function parseInputValue(param: ParamType, text: string): unknown {
  const trimmed = text.trim();
  if (param.isArray()) {
    if (!trimmed.startsWith("[") || !trimmed.endsWith("]"))
      throw new CallEncodingError(`${param.format()}: ${JSON.stringify(text)} is not an array`);
    const child = param.arrayChildren;
    if (child.baseType === "string" && !child.isArray()) {
      // Strings may contain commas and brackets: only JSON is unambiguous (the app agrees).
      const parsed: unknown = JSON.parse(trimmed);
      if (!Array.isArray(parsed) || !parsed.every((item) => typeof item === "string"))
        throw new CallEncodingError(
          `${param.format()}: ${JSON.stringify(text)} is not a JSON string array`,
        );
      return parsed;
    }
    return splitArrayItems(trimmed).map((item) =>
      parseInputValue(child, child.isArray() ? item : item.replace(/["']/g, "")),
    );
  }
  switch (param.baseType) {
    case "address":
      return getAddress(trimmed);
    case "bool": {
      const lower = trimmed.toLowerCase();
      if (lower === "true" || lower === "1") return true;
      if (lower === "false" || lower === "0") return false;
      throw new CallEncodingError(`${param.format()}: ${JSON.stringify(text)} is not a boolean`);
    }
    case "string":
      return text;
    default:
      if (/^u?int\d*$/.test(param.baseType)) {
        if (!/^-?\d+$/.test(trimmed))
          throw new CallEncodingError(
            `${param.format()}: ${JSON.stringify(text)} is not a decimal integer`,
          );
        return BigInt(trimmed);
      }
      return trimmed;
  }
}

/** The top-level items of "[a, [b, c], d]": ["a", "[b, c]", "d"] (brackets nest, commas split). */
function splitArrayItems(text: string): string[] {
  const inner = text.slice(1, -1);
  if (inner.trim() === "") return [];
  const items: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of inner) {
    if (char === "," && depth === 0) {
      items.push(current.trim());
      current = "";
      continue;
    }
    if (char === "[") depth++;
    if (char === "]") depth--;
    current += char;
  }
  items.push(current.trim());
  return items;
}

/** Calldata re-encoded from `contractMethod` + `contractInputsValues`, as the Transaction Builder does. */
export function encodeFromInputs(
  contractMethod: ContractMethod,
  contractInputsValues: Record<string, string>,
): string {
  const iface = interfaceOf(contractMethod);
  const fragment = iface.getFunction(contractMethod.name)!;
  const args = fragment.inputs.map((input, index) => {
    const text = contractInputsValues[inputKey(input, index)];
    if (text === undefined)
      throw new CallEncodingError(
        `${fragment.format()}: no value for input ${inputKey(input, index)}`,
      );
    return parseInputValue(input, text);
  });
  return iface.encodeFunctionData(fragment, args);
}

export function interfaceOf(contractMethod: ContractMethod): Interface {
  return new Interface([
    {
      type: "function",
      name: contractMethod.name,
      inputs: contractMethod.inputs.map(({ name, type }) => ({ name, type })),
      outputs: [],
      stateMutability: contractMethod.payable ? "payable" : "nonpayable",
    },
  ]);
}

export interface DecodedCall {
  to: string;
  value: bigint;
  name: string;
  signature: string;
  args: Result;
}

/** What a call does, read from its calldata against `iface`; fails when no function matches. */
export function decodeCall(
  iface: Interface,
  call: Pick<Call, "to" | "value" | "data">,
): DecodedCall {
  const parsed = iface.parseTransaction({ data: call.data, value: call.value });
  if (parsed === null)
    throw new CallEncodingError(
      `calldata to ${call.to} (selector ${call.data.slice(0, 10)}) matches no function of the interface`,
    );
  return {
    to: getAddress(call.to),
    value: call.value,
    name: parsed.name,
    signature: parsed.signature,
    args: parsed.args,
  };
}

/** Tuple type of `(address to, uint256 value, bytes data)[]`, for hashing a list of calls. */
export function encodeCallList(calls: readonly Pick<Call, "to" | "value" | "data">[]): string {
  return AbiCoder.defaultAbiCoder().encode(
    ["tuple(address to, uint256 value, bytes data)[]"],
    [calls.map((c) => [c.to, c.value, c.data])],
  );
}
