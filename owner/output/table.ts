// Terminal tables that never split a word: an address, a parameter name or a hash stays on one line.
// Columns are as wide as their content when the terminal allows; otherwise each column keeps at least
// its longest word and the rest of the width goes to the columns with the most text (wrapped between
// words); when even that does not fit, one record per block ("field: value" lines) instead of a table.
import Table from "cli-table3";

/**
 * The terminal's width: stdout's columns, else $COLUMNS; output to a file or a pipe has no width
 * (every column as wide as its content, as a log or CI reader wants it).
 */
export function terminalWidth(): number {
  if (process.stdout.isTTY === true && process.stdout.columns > 0) return process.stdout.columns;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : Number.POSITIVE_INFINITY;
}

const words = (cell: string) => cell.split(/\s+/).filter((w) => w !== "");
const longestLine = (cell: string) => Math.max(0, ...cell.split("\n").map((l) => l.length));
const longestWord = (cell: string) => Math.max(0, ...words(cell).map((w) => w.length));

/** Column widths (cli-table3's, padding included) that fit `width`, or undefined when none do. */
export function fitColumns(
  rows: readonly (readonly string[])[],
  width: number,
): number[] | undefined {
  const columns = rows[0]?.length ?? 0;
  const natural = Array.from(
    { length: columns },
    (_, c) => 2 + Math.max(...rows.map((r) => longestLine(r[c]))),
  );
  const minimum = Array.from(
    { length: columns },
    (_, c) => 2 + Math.max(...rows.map((r) => longestWord(r[c]))),
  );
  const room = width - (columns + 1); // the borders
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  if (sum(natural) <= room) return natural;
  if (sum(minimum) > room) return undefined;
  // Share what is left beyond each column's minimum in proportion to the text it could still take.
  const extra = room - sum(minimum);
  const want = natural.map((n, c) => n - minimum[c]);
  const widths = minimum.map((m, c) => m + Math.floor((extra * want[c]) / Math.max(1, sum(want))));
  return widths;
}

/** Lines of at most `width` characters, broken between words (a longer word keeps its own line). */
export function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of words(paragraph)) {
      if (line !== "" && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line === "" ? word : `${line} ${word}`;
    }
    out.push(line);
  }
  return out;
}

export function formatTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  options: { width?: number; color?: boolean } = {},
): string {
  const width = options.width ?? terminalWidth();
  const widths = fitColumns([head, ...rows], width);
  if (widths === undefined) return formatBlocks(head, rows, width);
  const table = new Table({
    head: [...head],
    style: options.color === true ? {} : { head: [], border: [] },
    wordWrap: true,
    wrapOnWordBoundary: true,
    colWidths: widths,
  });
  for (const row of rows) table.push([...row]);
  return table.toString();
}

/**
 * One record per block, "field: value" with continuation lines indented, a blank line between
 * records; a field whose name and longest word do not fit on one line has its value under the name.
 */
function formatBlocks(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  width: number,
) {
  const label = (c: number) => `${head[c] || "status"}:`;
  const side = Math.max(...head.map((_, c) => label(c).length)) + 1;
  const field = (cell: string, c: number) => {
    const pad = side + longestWord(cell) <= width ? side : 2;
    const lines = wrapWords(cell, Math.max(1, width - pad)).map((l) => " ".repeat(pad) + l);
    if (pad === 2) return [label(c), ...lines];
    return [label(c).padEnd(pad) + lines[0].slice(pad), ...lines.slice(1)];
  };
  return rows.map((row) => row.flatMap(field).join("\n")).join("\n\n");
}
