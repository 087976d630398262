// Path globs for the gates' include/exclude lists: `*` (one segment), `**` (any depth), `?`.

/** Turns a glob (`*`, `**`, `?`) into an anchored RegExp; a pattern ending in "/" or naming a folder matches everything under it. */
export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.replace(/\\/g, "/").replace(/^\.\//, "");
  if (glob.endsWith("/")) glob += "**";
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i]!;
    if (char === "*" && glob[i + 1] === "*") {
      const slashAfter = glob[i + 2] === "/";
      source += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (char === "*") {
      source += "[^/]*";
    } else if (char === "?") {
      source += "[^/]";
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  // A plain folder name ("contracts/mocks") also covers what is under it.
  const folderSuffix = /[*?]/.test(glob) ? "" : "(?:/.*)?";
  return new RegExp(`^${source}${folderSuffix}$`);
}

/** True when `path` matches any of the patterns. */
export function matchesAny(path: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => globToRegExp(pattern).test(path));
}
