// Reading the JSON files people write and review: network manifests, deployment records, consent
// manifests. Strict JSON (RFC 8259) parsed by momoa, which locates every problem (line:column), plus
// what `JSON.parse` lets through and a reviewer would not see: a byte-order mark, bytes that are not
// UTF-8 (Node would turn them into U+FFFD, so a hash would cover text the file does not hold),
// duplicate member names (`JSON.parse` keeps the last one silently), and files far larger than any
// such document. Every value echoed back in a message is bounded.
import { isUtf8 } from "node:buffer";
import { readFileSync, statSync } from "node:fs";

import { parse, type AnyNode, type DocumentNode } from "@humanwhocodes/momoa";

import { CodedError } from "./errors.ts";

export type JsonFileErrorCode =
  "NOT_FOUND" | "TOO_LARGE" | "BOM" | "NOT_UTF8" | "NOT_JSON" | "DUPLICATE_KEY";

/** What is wrong with a JSON file: a stable `code`, and one `file:line:column: …` line per problem. */
export class JsonFileError extends CodedError<JsonFileErrorCode> {
  override name = "JsonFileError";
}

/** The largest file read by default: manifests and records are a few kilobytes. */
export const DEFAULT_MAX_JSON_BYTES = 1024 * 1024;

/** How many characters of a value a message quotes before cutting it. */
export const MAX_ECHO_CHARS = 120;

/** `text` cut to `max` characters, saying how much was left out: safe to put in any message. */
export function boundedText(text: string, max: number = MAX_ECHO_CHARS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

/**
 * A JSON path for people: `governance.ownersSafe.owners[2]`. A key that is not a plain name (empty,
 * with spaces or dots) is quoted, `modules["my key"]`, so every path names exactly one place.
 */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(root)";
  return path
    .map((part, index) => {
      if (typeof part === "number") return `[${part}]`;
      const key = String(part);
      if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `[${boundedText(JSON.stringify(key), 60)}]`;
      return index === 0 ? key : `.${key}`;
    })
    .join("");
}

/** The byte offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  if (isUtf8(bytes)) return undefined;
  // Well-formed sequences, Unicode 15 table 3-7: the second byte's range depends on the first.
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (byte === undefined || byte < min || byte > max) return i;
    }
    i += length;
  }
  return undefined;
}

/** 1-based line and byte column of a byte offset. */
function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Every member name that appears twice in one object, with both places. */
function duplicateMembers(document: DocumentNode, file: string): string[] {
  const problems: string[] = [];
  const walk = (node: AnyNode, path: PropertyKey[]) => {
    if (node.type === "Object") {
      const seen = new Map<string, { line: number; column: number }>();
      for (const member of node.members) {
        const name = member.name.type === "String" ? member.name.value : member.name.name;
        const at = member.name.loc.start;
        const first = seen.get(name);
        if (first === undefined) seen.set(name, at);
        else {
          problems.push(
            `${file}:${at.line}:${at.column}: ${formatJsonPath([...path, name])}: duplicate member ` +
              `name (first at ${first.line}:${first.column}); JSON.parse would keep only the last`,
          );
        }
        walk(member.value, [...path, name]);
      }
    } else if (node.type === "Array") {
      node.elements.forEach((element, index) => walk(element.value, [...path, index]));
    }
  };
  walk(document.body, []);
  return problems;
}

/**
 * Parses the bytes of a JSON file strictly. Throws JsonFileError (BOM, NOT_UTF8, NOT_JSON,
 * DUPLICATE_KEY) naming `file`, line and column; returns what `JSON.parse` returns otherwise.
 */
export function parseJsonBytes(bytes: Uint8Array, file: string): unknown {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new JsonFileError("BOM", `${file} is not plain JSON:`, [
      `${file}:1:1: starts with a UTF-8 byte-order mark (BOM); save the file as UTF-8 without a BOM`,
    ]);
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== undefined) {
    const { line, column } = lineAndColumn(bytes, invalid);
    const byte = bytes[invalid]!.toString(16).padStart(2, "0");
    throw new JsonFileError("NOT_UTF8", `${file} is not UTF-8 text:`, [
      `${file}:${line}:${column}: byte ${invalid} (0x${byte}) does not begin a well-formed UTF-8 ` +
        "sequence; save the file as UTF-8",
    ]);
  }
  const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  let document: DocumentNode;
  try {
    document = parse(text, { mode: "json" });
  } catch (error) {
    const { line, column } = error as { line?: number; column?: number };
    const where = line === undefined ? `${file}` : `${file}:${line}:${column}`;
    const message = boundedText((error as Error).message.replace(/ \(\d+:\d+\)$/, ""));
    throw new JsonFileError("NOT_JSON", `${file} is not JSON:`, [`${where}: ${message}`]);
  }
  const duplicates = duplicateMembers(document, file);
  if (duplicates.length > 0) {
    throw new JsonFileError(
      "DUPLICATE_KEY",
      `${file} names a member twice in one object (${duplicates.length}):`,
      duplicates,
    );
  }
  return JSON.parse(text);
}

/** How a reader reports a file it cannot use, in its own error kinds. */
export interface JsonFileRefusals {
  /** The file is missing or cannot be read. */
  notFound: () => Error;
  /** Any other refusal (too large, BOM, not UTF-8, not JSON, a duplicate member), with its lines. */
  unreadable: (error: JsonFileError) => Error;
}

/** readJsonFile, with its refusals turned into the caller's own errors. */
export function readJsonFileOr(
  file: string,
  refusals: JsonFileRefusals,
  maxBytes: number = DEFAULT_MAX_JSON_BYTES,
): unknown {
  try {
    return readJsonFile(file, maxBytes);
  } catch (error) {
    if (!(error instanceof JsonFileError)) throw error;
    throw error.code === "NOT_FOUND" ? refusals.notFound() : refusals.unreadable(error);
  }
}

/**
 * Reads and strictly parses a JSON file of at most `maxBytes` (NOT_FOUND and TOO_LARGE besides the
 * errors of parseJsonBytes). The size is checked before the file is read.
 */
export function readJsonFile(file: string, maxBytes: number = DEFAULT_MAX_JSON_BYTES): unknown {
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > maxBytes) {
      throw new JsonFileError("TOO_LARGE", `${file} is too large to read:`, [
        `${file}: ${size} bytes, more than the ${maxBytes} a file of this kind may have`,
      ]);
    }
    bytes = readFileSync(file);
  } catch (error) {
    if (error instanceof JsonFileError) throw error;
    throw new JsonFileError("NOT_FOUND", `${file} not found or not readable`);
  }
  return parseJsonBytes(bytes, file);
}
