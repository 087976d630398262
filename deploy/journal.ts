// The deployment journal, config/deployments/<network>.journal.json: every transaction of a live
// deployment, written BEFORE waiting for it (nonce and predicted address before sending, the hash as
// soon as the node returns it). A run that dies (RPC outage, lost reply, Ctrl-C) leaves it behind; the
// next run re-plans at the journal's start nonce, reads the chain, skips what exists and sends the
// rest. It is deleted once the deployment record is written, which then holds the same facts.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import { keccak256, toUtf8Bytes } from "ethers";

import { readJsonFileOr } from "../shared/json.ts";
import { DeployError } from "./errors.ts";
import type { DeploymentPlan } from "./plan.ts";

export interface JournalEntry {
  id: string;
  nonce: number;
  address: string;
  /** The chain's head when it was sent: where a search for its block starts. */
  blockBefore: number;
  /** Known once the node answered eth_sendRawTransaction; absent when that reply was lost. */
  txHash?: string;
  sentAt: string;
}

export interface JournalData {
  version: 1;
  network: string;
  chainId: number;
  deployer: string;
  startNonce: number;
  /** keccak256 of the plan's steps: a re-run with another config or module list is refused. */
  planHash: string;
  steps: JournalEntry[];
}

const plain = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v));

/** What identifies a plan: every step's id, kind, artifact, arguments, nonce and address. */
export function planHash(plan: DeploymentPlan): string {
  return keccak256(
    toUtf8Bytes(
      plain(
        plan.steps.map((s) => [s.id, s.kind, s.artifact, s.args, s.nonce, s.address.toLowerCase()]),
      ),
    ),
  );
}

export class DeployJournal {
  constructor(
    readonly file: string,
    readonly data: JournalData,
  ) {}

  static start(file: string, plan: DeploymentPlan): DeployJournal {
    const journal = new DeployJournal(file, {
      version: 1,
      network: plan.network,
      chainId: plan.chainId,
      deployer: plan.deployer,
      startNonce: plan.startNonce,
      planHash: planHash(plan),
      steps: [],
    });
    journal.save();
    return journal;
  }

  /** The journal an interrupted run left, or undefined. Refuses a file it cannot trust. */
  static read(file: string): DeployJournal | undefined {
    if (!existsSync(file)) return undefined;
    const bad = (why: string) =>
      new DeployError(
        "JOURNAL_INVALID",
        `${file} is not a readable deployment journal (${why}); nothing was sent. It lists the transactions of an interrupted run: restore it, or move it away and pass --force to deploy a new system.`,
      );
    const data = readJsonFileOr(file, {
      notFound: () => bad("not found"),
      unreadable: (error) => bad(error.message.split("\n")[0]),
    }) as JournalData;
    if (
      data === null ||
      typeof data !== "object" ||
      data.version !== 1 ||
      !Array.isArray(data.steps) ||
      typeof data.startNonce !== "number" ||
      typeof data.deployer !== "string"
    )
      throw bad("expected version 1 with deployer, startNonce and steps");
    return new DeployJournal(file, data);
  }

  entry(id: string): JournalEntry | undefined {
    return this.data.steps.find((s) => s.id === id);
  }

  /** Before sending: the nonce and address this step will use. */
  sending(entry: Omit<JournalEntry, "sentAt">): void {
    this.data.steps = this.data.steps.filter((s) => s.id !== entry.id);
    this.data.steps.push({ ...entry, sentAt: new Date().toISOString() });
    this.save();
  }

  /** As soon as the node returned the transaction's hash. */
  sent(id: string, txHash: string): void {
    const entry = this.entry(id);
    if (entry !== undefined) entry.txHash = txHash;
    this.save();
  }

  /** Moves an abandoned journal aside (--force), keeping it for the record. */
  archive(): string {
    const to = this.file.replace(/\.json$/, `.abandoned-${Date.now()}.json`);
    renameSync(this.file, to);
    return to;
  }

  remove(): void {
    rmSync(this.file, { force: true });
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a journal. */
  private save(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.data, null, 2)}\n`);
    renameSync(temporary, this.file);
  }
}

export const journalFileFor = (recordFile: string): string =>
  recordFile.replace(/\.json$/, ".journal.json");
