// LeaseAgreement's part of the adapter (sim/chain/mandate.ts, reached as `mandate.leases`): the
// calls earners and lessees make, encoded from contracts/interfaces/ILeaseAgreement.sol, and the
// batched read of the leases and prices a lease phase decides from. Kept beside mandate.ts, not in
// it, so that each file stays one screenful of concerns.
import type { Interface } from "ethers";

import type { Action, BatchDriver, Outcome } from "./driver.ts";

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
  private readonly driver: BatchDriver;
  private readonly address: string;
  private readonly abi: Interface;
  private readonly describeRevert: (outcome: Outcome) => string;

  // Fields spelled out: Node's type stripping runs no parameter properties.
  constructor(
    driver: BatchDriver,
    address: string,
    abi: Interface,
    describeRevert: (outcome: Outcome) => string,
  ) {
    this.driver = driver;
    this.address = address;
    this.abi = abi;
    this.describeRevert = describeRevert;
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
  createdId(fn: "listProduct" | "openLease" | "dispute", outcome: Outcome): bigint {
    return this.abi.decodeFunctionResult(fn, outcome.data)[0];
  }

  private action(from: string, fn: string, args: unknown[]): Action {
    return { from, to: this.address, data: this.abi.encodeFunctionData(fn, args) };
  }

  /** Leases with their dispute windows' ends in force, and products' current prices: one call. */
  async read(
    leaseIds: readonly bigint[],
    productIds: readonly bigint[],
  ): Promise<{ leases: LeaseView[]; prices: bigint[] }> {
    const calls: [string, bigint][] = [
      ...leaseIds.flatMap((l): [string, bigint][] => [
        ["lease", l],
        ["disputeWindowClosesAt", l],
      ]),
      ...productIds.map((p): [string, bigint] => ["product", p]),
    ];
    if (calls.length === 0) return { leases: [], prices: [] };
    const outcomes = await this.driver.read(
      calls.map(([fn, arg]) => ({
        to: this.address,
        data: this.abi.encodeFunctionData(fn, [arg]),
      })),
    );
    const decoded = outcomes.map((o, i) => {
      const [fn, arg] = calls[i];
      if (!o.ok)
        throw new Error(`LeaseAgreement.${fn}(${arg}) reverted: ${this.describeRevert(o)}`);
      return this.abi.decodeFunctionResult(fn, o.data)[0];
    });
    const leases = leaseIds.map((_, i) => {
      const l = decoded[2 * i];
      return {
        status: Number(l.status),
        startedAt: l.startedAt as bigint,
        endsAt: l.endsAt as bigint,
        escrow: l.escrow as bigint,
        closesAt: decoded[2 * i + 1] as bigint,
      };
    });
    const prices = productIds.map(
      (_, k) => decoded[2 * leaseIds.length + k].pricePerSecond as bigint,
    );
    return { leases, prices };
  }
}
