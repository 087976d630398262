// RFC 8785 JSON Canonicalization Scheme (JCS): the one serialisation of a JSON value that is hashed.
// Objects' members sorted by their names' UTF-16 code units, no whitespace, strings escaped as
// ECMAScript's JSON.stringify does, numbers in ECMAScript's shortest round-trip form. Input must be
// I-JSON (RFC 7493): finite numbers, no lone surrogates; anything else is refused, never repaired.

/** Why a value has no canonical form; `path` is where, in the formatJsonPath notation. */
export class CanonicalJsonError extends Error {
  override name = "CanonicalJsonError";
  readonly path: readonly (string | number)[];

  constructor(message: string, path: readonly (string | number)[]) {
    super(message);
    this.path = path;
  }
}

/** The canonical (RFC 8785) serialisation of `value`, a value as `JSON.parse` returns it. */
export function canonicalize(value: unknown): string {
  return serialize(value, []);
}

function serialize(value: unknown, path: (string | number)[]): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return serializeNumber(value, path);
    case "string":
      return serializeString(value, path);
    case "object":
      if (Array.isArray(value)) {
        return `[${value.map((item, index) => serialize(item, [...path, index])).join(",")}]`;
      }
      return serializeObject(value as Record<string, unknown>, path);
    default:
      throw new CanonicalJsonError(`a ${typeof value} is not a JSON value`, path);
  }
}

function serializeNumber(value: number, path: (string | number)[]): string {
  if (!Number.isFinite(value)) {
    throw new CanonicalJsonError(`${value} is not a JSON number (I-JSON numbers are finite)`, path);
  }
  // ECMAScript's Number-to-String is exactly the JCS number form ("1e+21", "1e-7", "0.1"), except
  // that -0 must print as 0, which JSON.stringify already does.
  return JSON.stringify(value);
}

function serializeString(value: string, path: (string | number)[]): string {
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (unit >= 0xd800 && unit <= 0xdfff) {
      throw new CanonicalJsonError(
        `lone surrogate U+${unit.toString(16).toUpperCase()} at index ${i} (I-JSON strings are valid Unicode)`,
        path,
      );
    }
  }
  // With no lone surrogates, JSON.stringify escapes exactly what RFC 8785 §3.2.2.2 escapes: " and \,
  // \b \t \n \f \r, other controls below U+0020 as \u00xx in lowercase hex; everything else verbatim.
  return JSON.stringify(value);
}

function serializeObject(value: Record<string, unknown>, path: (string | number)[]): string {
  const names = Object.keys(value).sort(compareUtf16);
  const members = names.map((name) => {
    serializeString(name, path);
    return `${JSON.stringify(name)}:${serialize(value[name], [...path, name])}`;
  });
  return `{${members.join(",")}}`;
}

/** Orders strings by UTF-16 code units, as RFC 8785 §3.2.3 requires (not by code points or locale). */
function compareUtf16(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
