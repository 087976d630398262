// LeaseAgreement's part of the adapter (sim/chain/mandate.ts, reached as `mandate.leases`): the
// calls earners and lessees make, encoded from contracts/interfaces/ILeaseAgreement.sol by the
// static codec (sim/chain/static-abi.ts), and the one SimLens read of the leases and prices a lease
// phase decides from. Kept beside mandate.ts, not in it, so that each file stays one screenful of
// concerns.
import type { Interface } from "ethers";

import type { Action, Outcome } from "./driver.ts";
import { StaticCalls, structLayout, Words, type StructLayout } from "./static-abi.ts";

/** LeaseStatus of ILeaseAgreement, by name. */
export const LeaseStatus = {
  None: 0,
  Active: 1,
  Revoked: 2,
  Disputed: 3,
  Settled: 4,
  Refunded: 5,
} as const;

/** A lease as the simulation reads it: where it stands, its term, its escrow and its window's end. */
export interface LeaseView {
  status: number;
  startedAt: bigint;
  /** End of the term, or the revocation time. */
  endsAt: bigint;
  /** The whole term's price until a revocation; then what is owed to the earner; 0 once paid out. */
  escrow: bigint;
  /** When the dispute window closes (pauses included): settling is possible from then on. */
  closesAt: bigint;
}

export class LeaseCalls {
  private readonly address: string;
  private readonly calls: StaticCalls;
  private readonly lens: StaticCalls;
  /** SimLens.leases' Lease structs, inline in its result. */
  private readonly layout: StructLayout;
  /** Calls SimLens with `data` and returns what it returned. */
  private readonly callLens: (data: string) => Promise<string>;

  // Fields spelled out: Node's type stripping runs no parameter properties.
  constructor(
    address: string,
    abi: Interface,
    lensAbi: Interface,
    callLens: (data: string) => Promise<string>,
  ) {
    this.address = address;
    this.calls = new StaticCalls(abi);
    this.lens = new StaticCalls(lensAbi);
    this.layout = structLayout(
      lensAbi.getFunction("leases")!.outputs[0].arrayChildren!,
      "SimLens.leases",
    );
    this.callLens = callLens;
  }

  /** A product whose only duration is `duration` (the sim's leases all have one length). */
  listProduct(earner: string, pricePerSecond: bigint, duration: bigint, consent: string): Action {
    return this.action(earner, "listProduct", [pricePerSecond, duration, duration, consent]);
  }
  /** A new price for such a product, its duration and consent hash unchanged. */
  reprice(
    earner: string,
    productId: bigint,
    pricePerSecond: bigint,
    duration: bigint,
    consent: string,
  ): Action {
    const args = [productId, pricePerSecond, duration, duration, consent];
    return this.action(earner, "updateProduct", args);
  }
  open(
    lessee: string,
    productId: bigint,
    earner: string,
    duration: bigint,
    consent: string,
    maxCost: bigint,
  ): Action {
    return this.action(lessee, "openLease", [productId, earner, duration, consent, maxCost]);
  }
  revoke(earner: string, leaseId: bigint): Action {
    return this.action(earner, "revokeConsent", [leaseId]);
  }
  settle(caller: string, leaseId: bigint): Action {
    return this.action(caller, "settle", [leaseId]);
  }
  dispute(lessee: string, leaseId: bigint): Action {
    return this.action(lessee, "dispute", [leaseId]);
  }

  /** What a successful `listProduct`, `openLease` or `dispute` returned: the new id. */
  createdId(outcome: Outcome): bigint {
    return new Words(outcome.data).uint(0);
  }

  private action(from: string, fn: string, args: (bigint | string)[]): Action {
    return { from, to: this.address, data: this.calls.encode(fn, args) };
  }

  /** Leases with their dispute windows' ends in force, and products' current prices: one call. */
  async read(
    leaseIds: readonly bigint[],
    productIds: readonly bigint[],
  ): Promise<{ leases: LeaseView[]; prices: bigint[] }> {
    if (leaseIds.length === 0 && productIds.length === 0) return { leases: [], prices: [] };
    const out = new Words(
      await this.callLens(this.lens.encode("leases", [this.address, leaseIds, productIds])),
    );
    const [leasesAt, closesAt, pricesAt] = [0, 1, 2].map((i) => out.offset(i));
    const lengths = [leasesAt, closesAt, pricesAt].map((at) => Number(out.uint(at)));
    const expected = [leaseIds.length, leaseIds.length, productIds.length];
    if (lengths.some((n, i) => n !== expected[i]))
      throw new Error(
        `SimLens.leases returned ${lengths.join("/")} items for ${expected.join("/")}`,
      );
    const { field, words } = this.layout;
    const [status, startedAt, endsAt, escrow] = ["status", "startedAt", "endsAt", "escrow"].map(
      field,
    );
    const leases = leaseIds.map((_, i) => {
      const at = leasesAt + 1 + i * words;
      return {
        status: Number(out.uint(at + status)),
        startedAt: out.uint(at + startedAt),
        endsAt: out.uint(at + endsAt),
        escrow: out.uint(at + escrow),
        closesAt: out.uint(closesAt + 1 + i),
      };
    });
    const prices = productIds.map((_, k) => out.uint(pricesAt + 1 + k));
    return { leases, prices };
  }
}
