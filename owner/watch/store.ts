// What owner:watch keeps on disk, under reports/<network>/watch/: the checkpoint (the next block,
// the hash of the last processed one, the last diff's statuses) and the alert journal
// (alerts.jsonl, one alert a line, seq 1, 2, 3...). A processed range is committed by one atomic
// write of the checkpoint that carries the range's alerts; the journal is then brought up to it. A
// run killed anywhere resumes from the last commit: no block skipped, no alert lost or written twice.
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

import { z } from "zod";

import { OwnerError } from "../errors.ts";
import type { Alert } from "./alerts.ts";

const checkpointSchema = z.object({
  version: z.literal(1),
  chainId: z.number().int(),
  /** The next block to process. */
  nextBlock: z.number().int().nonnegative(),
  /** Hash of block nextBlock - 1 as it was processed: a later mismatch is a reorg deeper than the confirmations. */
  lastHash: z.string().optional(),
  /** The seq the next alert gets. */
  nextSeq: z.number().int().positive(),
  /** Statuses of the last diff's rows, and its block. */
  rows: z.record(z.string(), z.string()).optional(),
  lastDiffBlock: z.number().int().optional(),
  /** The alerts of the last committed range, until the journal holds them. */
  pending: z.array(z.any()).default([]),
});

export type Checkpoint = z.output<typeof checkpointSchema>;

/** Writes `file` whole or not at all. */
export function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export class WatchStore {
  readonly dir: string;
  readonly checkpointFile: string;
  readonly journalFile: string;
  readonly cursorsFile: string;

  constructor(reportsDir: string, network: string) {
    this.dir = join(reportsDir, network, "watch");
    this.checkpointFile = join(this.dir, "checkpoint.json");
    this.journalFile = join(this.dir, "alerts.jsonl");
    this.cursorsFile = join(this.dir, "sinks.json");
    mkdirSync(this.dir, { recursive: true });
  }

  /** The checkpoint, or undefined on a first start. A file that is not one stops the watch (exit 2). */
  loadCheckpoint(chainId: number): Checkpoint | undefined {
    if (!existsSync(this.checkpointFile)) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(this.checkpointFile, "utf8"));
    } catch (error) {
      throw new OwnerError(
        "BAD_ARGUMENT",
        `${this.checkpointFile} is not JSON (${(error as Error).message}); move it away to start over from --from-block`,
      );
    }
    const parsed = checkpointSchema.safeParse(data);
    if (!parsed.success)
      throw new OwnerError(
        "BAD_ARGUMENT",
        `${this.checkpointFile} is not a watch checkpoint; move it away to start over from --from-block`,
        parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      );
    if (parsed.data.chainId !== chainId)
      throw new OwnerError(
        "WRONG_CHAIN",
        `${this.checkpointFile} is for chain ${parsed.data.chainId}, but the network is chain ${chainId}`,
      );
    return parsed.data;
  }

  /** The commit point of a range: the checkpoint with the range's alerts, then the journal. */
  commit(checkpoint: Checkpoint): Alert[] {
    writeAtomically(this.checkpointFile, `${JSON.stringify(checkpoint, null, 2)}\n`);
    return this.syncJournal(checkpoint);
  }

  /** Appends the checkpoint's pending alerts the journal lacks (after a crash between the two writes). */
  syncJournal(checkpoint: Checkpoint): Alert[] {
    const last = this.lastJournalSeq();
    const missing = (checkpoint.pending as Alert[]).filter((a) => a.seq > last);
    if (missing.length > 0)
      appendFileSync(this.journalFile, missing.map((a) => `${JSON.stringify(a)}\n`).join(""));
    return missing;
  }

  /** The highest seq in the journal; a line cut short by a crash is removed first. */
  lastJournalSeq(): number {
    return lastSeqOf(this.journalFile);
  }

  /** Journal alerts with seq > `after`, at most `limit` of them, in order. */
  readJournal(after: number, limit = Number.MAX_SAFE_INTEGER): Alert[] {
    if (!existsSync(this.journalFile)) return [];
    const out: Alert[] = [];
    for (const line of readFileSync(this.journalFile, "utf8").split("\n")) {
      if (line === "") continue;
      const alert = JSON.parse(line) as Alert;
      if (alert.seq > after) out.push(alert);
      if (out.length >= limit) break;
    }
    return out;
  }

  loadCursors(): Record<string, number> {
    if (!existsSync(this.cursorsFile)) return {};
    return JSON.parse(readFileSync(this.cursorsFile, "utf8")) as Record<string, number>;
  }

  saveCursor(sink: string, seq: number): void {
    writeAtomically(this.cursorsFile, JSON.stringify({ ...this.loadCursors(), [sink]: seq }));
  }
}

/** The seq of a JSON-lines file's last complete line (0 when empty); a cut-off last line is truncated. */
export function lastSeqOf(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, "utf8");
  const end = text.endsWith("\n") ? text.length : text.lastIndexOf("\n") + 1;
  if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
  const lines = text
    .slice(0, end)
    .split("\n")
    .filter((l) => l !== "");
  return lines.length === 0 ? 0 : (JSON.parse(lines[lines.length - 1]) as { seq: number }).seq;
}
