// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IDisputeClient} from "./IDisputeClient.sol";
import {IDisputeModule} from "./IDisputeModule.sol";
import {IPaymentCredits} from "./IPaymentCredits.sol";

/// @title ILeaseAgreement
/// @notice Time-boxed leases of data products. An earner lists a product: a price per second, the
/// durations a lease may have, and the hash of its consent manifest (docs/consent-manifests.md). A
/// lessee opens a lease and pays the whole term into escrow; the lease keeps the consent hash it was
/// opened under, whatever the product's manifest becomes later. The earner may revoke consent while
/// the term runs: the lessee is credited the unused seconds at once and the used part stays owed to
/// the earner. Once the term (or the revoked term) has ended and its dispute window has passed, anyone
/// settles: the earner is credited what is owed minus the protocol fee, which is credited to the
/// treasury. Within
/// the window the lessee may dispute through the DisputeModule instead; its ruling pays the earner (as
/// a settlement does) or refunds the lessee what was owed to the earner.
/// @dev Lease states only move forward: Active → (Revoked) → (Disputed) → Settled | Refunded, and the
/// escrow of a lease is paid out once, by whichever terminal transition comes first.
///
/// Every token escrowed has a way out whoever stays silent:
/// - a silent earner: the lease runs its term, and anyone (the lessee included) settles it once the
///   window has passed; the earner's share is credited to the earner.
/// - a silent lessee: anyone (the earner included) settles once the window has passed.
/// - a silent arbitrator: past the DisputeModule's ruling deadline anyone applies its default outcome,
///   which calls `onDisputeResolved` here. The callback is not stopped by a pause of this module, so a
///   ruling is never lost to one.
/// - a silent treasury: the fee is credited to it; anyone may trigger its claim.
/// Pull payments (`IPaymentCredits`): no settlement, revocation or ruling transfers to a party; each
/// is credited and claims its credit, so a party the token will not pay (a frozen address) stops
/// nobody's settlement but waits for its own money.
/// While the system is paused nothing moves; pausing is governance's emergency stop and ends only
/// by governance (docs/governance.md).
///
/// Protocol fee and dispute window are fixed per lease when it opens, so a parameter change never
/// alters a running lease.
interface ILeaseAgreement is IDisputeClient, IPaymentCredits {
    /// @notice Where a lease stands. The numeric order is the only order a lease moves in, skipping
    /// states it never passes through (a lease that is not revoked goes from Active to Disputed).
    enum LeaseStatus {
        None,
        Active,
        Revoked,
        Disputed,
        Settled,
        Refunded
    }

    /// @notice A listed data product.
    /// @param earner Who listed it, is paid for its leases and may revoke their consent; fixed.
    /// @param active Whether new leases may be opened; deactivation is final.
    /// @param minDuration Shortest lease in seconds.
    /// @param maxDuration Longest lease in seconds.
    /// @param pricePerSecond Tokens per leased second.
    /// @param consentHash keccak256 of the canonical consent manifest new leases are opened under.
    struct Product {
        address earner;
        bool active;
        uint32 minDuration;
        uint32 maxDuration;
        uint256 pricePerSecond;
        bytes32 consentHash;
    }

    /// @notice One lease. The first two slots pack the parties, times and terms.
    /// @param lessee Who pays and may dispute.
    /// @param startedAt When the lease was opened.
    /// @param status Where the lease stands.
    /// @param feeBps The protocol fee in basis points, fixed at opening.
    /// @param productId The product leased (its earner is the lease's earner).
    /// @param endsAt End of the term; the revocation time if consent was revoked.
    /// @param disputeWindow Seconds after `endsAt` during which the lessee may dispute, fixed at opening;
    /// a pause extends the window (see `disputeWindowClosesAt`).
    /// @param pauseMark The pause clock (modulo 2^32) when the lease opened: LeaseAgreement's
    /// `pausedSeconds()` plus the DisputeModule's, since disputing needs both.
    /// @param escrow Tokens held for the lease: the whole term's price until a revocation refunds the
    /// unused seconds; afterwards what is owed to the earner. Zero once paid out.
    /// @param consentHash The consent manifest hash the lease was opened under; never changes.
    struct Lease {
        address lessee;
        uint64 startedAt;
        LeaseStatus status;
        uint16 feeBps;
        uint64 productId;
        uint64 endsAt;
        uint32 disputeWindow;
        uint32 pauseMark;
        uint256 escrow;
        bytes32 consentHash;
    }

    // ---------------------------------------------------------------- events

    /// @notice `earner` listed a data product.
    /// @param productId The new product's id.
    /// @param earner Who listed it and is paid for it.
    /// @param pricePerSecond Tokens per leased second.
    /// @param minDuration Shortest lease in seconds.
    /// @param maxDuration Longest lease in seconds.
    /// @param consentHash keccak256 of the canonical consent manifest.
    event ProductListed(
        uint256 indexed productId,
        address indexed earner,
        uint256 pricePerSecond,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 consentHash
    );

    /// @notice The earner changed a product's terms. Open leases keep the terms and the consent hash
    /// they were opened under.
    /// @param productId The product.
    /// @param pricePerSecond The new price per second.
    /// @param minDuration The new shortest lease in seconds.
    /// @param maxDuration The new longest lease in seconds.
    /// @param previousConsentHash The consent hash before the change.
    /// @param consentHash The consent hash new leases are opened under from now on.
    event ProductUpdated(
        uint256 indexed productId,
        uint256 pricePerSecond,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 previousConsentHash,
        bytes32 consentHash
    );

    /// @notice The earner stopped new leases of a product, for good. Open leases run on.
    /// @param productId The product.
    event ProductDeactivated(uint256 indexed productId);

    /// @notice `lessee` opened a lease and escrowed its whole price.
    /// @param leaseId The new lease's id.
    /// @param productId The product leased.
    /// @param lessee Who paid.
    /// @param escrow Tokens escrowed: price per second × duration, exactly.
    /// @param startedAt Start of the term.
    /// @param endsAt End of the term.
    /// @param consentHash The consent manifest hash the lease is opened under.
    event LeaseOpened(
        uint256 indexed leaseId,
        uint256 indexed productId,
        address indexed lessee,
        uint256 escrow,
        uint256 startedAt,
        uint256 endsAt,
        bytes32 consentHash
    );

    /// @notice The earner revoked consent: the term ended early and the unused part was refunded.
    /// @param leaseId The lease.
    /// @param revokedAt The new end of the term.
    /// @param refundedToLessee Tokens credited back to the lessee for the unused seconds.
    /// @param owedToEarner Tokens for the used seconds, still in escrow until settled or disputed.
    event ConsentRevoked(
        uint256 indexed leaseId,
        uint256 revokedAt,
        uint256 refundedToLessee,
        uint256 owedToEarner
    );

    /// @notice The lessee disputed a lease; its escrow waits for the ruling.
    /// @param leaseId The lease.
    /// @param disputeId The DisputeModule's id of the dispute.
    /// @param valueAtStake What was owed to the earner, now at stake.
    event LeaseDisputed(uint256 indexed leaseId, uint256 indexed disputeId, uint256 valueAtStake);

    /// @notice The dispute over a lease ended; a `LeaseSettled` or `LeaseRefunded` follows.
    /// @param leaseId The lease.
    /// @param lesseeWon True when the lessee (the claimant) won.
    event LeaseDisputeResolved(uint256 indexed leaseId, bool lesseeWon);

    /// @notice The earner was paid for a lease (after its window, or after winning its dispute).
    /// @param leaseId The lease.
    /// @param earner Who was paid.
    /// @param paidToEarner Tokens credited to the earner: what was owed minus the fee.
    /// @param fee Tokens credited to the treasury.
    event LeaseSettled(
        uint256 indexed leaseId,
        address indexed earner,
        uint256 paidToEarner,
        uint256 fee
    );

    /// @notice The lessee won the dispute and was refunded what was owed to the earner.
    /// @param leaseId The lease.
    /// @param lessee Who was refunded.
    /// @param amount Tokens credited back to the lessee.
    event LeaseRefunded(uint256 indexed leaseId, address indexed lessee, uint256 amount);

    // ---------------------------------------------------------------- errors

    /// @notice A zero address was given for the token or the dispute module.
    error LeaseAgreement_ZeroAddress();
    /// @notice The DisputeModule bonds in `disputeToken`, not the payment token `paymentToken`: a bond
    /// and the value it secures must be the same token.
    error LeaseAgreement_DisputeTokenMismatch(address disputeToken, address paymentToken);
    /// @notice A price per second of zero was given.
    error LeaseAgreement_ZeroPrice();
    /// @notice `pricePerSecond` × `maxDuration` does not fit in 256 bits.
    error LeaseAgreement_PriceOverflows(uint256 pricePerSecond, uint256 maxDuration);
    /// @notice A zero consent hash was given.
    error LeaseAgreement_ZeroConsentHash();
    /// @notice A product's durations must satisfy `lowerBound <= minDuration <= maxDuration <=
    /// upperBound`, the bounds being the parameters MIN_LEASE_DURATION and MAX_LEASE_DURATION.
    error LeaseAgreement_InvalidDurations(
        uint256 minDuration,
        uint256 maxDuration,
        uint256 lowerBound,
        uint256 upperBound
    );
    /// @notice No product has id `productId`.
    error LeaseAgreement_UnknownProduct(uint256 productId);
    /// @notice `caller` is not `earner`, the earner of product `productId`.
    error LeaseAgreement_CallerNotEarner(uint256 productId, address caller, address earner);
    /// @notice Product `productId` is deactivated.
    error LeaseAgreement_ProductInactive(uint256 productId);
    /// @notice The product's earner is `actual`, not the `expected` one the consent manifest names.
    error LeaseAgreement_EarnerMismatch(uint256 productId, address expected, address actual);
    /// @notice The product's consent hash is `actual`, not the `expected` one the lessee agreed to.
    error LeaseAgreement_ConsentHashMismatch(uint256 productId, bytes32 expected, bytes32 actual);
    /// @notice `duration` lies outside `[min, max]`: the product's durations within the parameters'.
    error LeaseAgreement_DurationOutOfBounds(
        uint256 productId,
        uint256 duration,
        uint256 min,
        uint256 max
    );
    /// @notice The lease would cost `cost`, more than the lessee's `maxCost`.
    error LeaseAgreement_CostAboveLimit(uint256 cost, uint256 maxCost);
    /// @notice The token delivered `received` instead of `expected` (fee-on-transfer tokens are
    /// unsupported).
    error LeaseAgreement_TransferShortfall(uint256 expected, uint256 received);
    /// @notice No lease has id `leaseId`.
    error LeaseAgreement_UnknownLease(uint256 leaseId);
    /// @notice `caller` is not `lessee`, the lessee of lease `leaseId`.
    error LeaseAgreement_CallerNotLessee(uint256 leaseId, address caller, address lessee);
    /// @notice Lease `leaseId` is `status`, which does not allow this action.
    error LeaseAgreement_WrongStatus(uint256 leaseId, LeaseStatus status);
    /// @notice Lease `leaseId`'s term ended at `endsAt`; it is now `nowTime`: nothing left to revoke.
    error LeaseAgreement_TermEnded(uint256 leaseId, uint256 endsAt, uint256 nowTime);
    /// @notice Lease `leaseId`'s term runs until `endsAt`; it is now `nowTime`: too early to dispute.
    error LeaseAgreement_TermNotEnded(uint256 leaseId, uint256 endsAt, uint256 nowTime);
    /// @notice Lease `leaseId`'s dispute window closed at `closesAt`; it is now `nowTime`.
    error LeaseAgreement_DisputeWindowClosed(uint256 leaseId, uint256 closesAt, uint256 nowTime);
    /// @notice Lease `leaseId`'s dispute window is open until `closesAt`; it is now `nowTime`.
    error LeaseAgreement_DisputeWindowOpen(uint256 leaseId, uint256 closesAt, uint256 nowTime);
    /// @notice Nothing is owed to the earner of lease `leaseId` (revoked at its first second), so
    /// there is nothing to dispute.
    error LeaseAgreement_NothingOwed(uint256 leaseId);
    /// @notice `caller` is not the DisputeModule `disputeModule`.
    error LeaseAgreement_CallerNotDisputeModule(address caller, address disputeModule);

    // ---------------------------------------------------------------- parameters and wiring

    /// @notice Key of the protocol fee in basis points, taken from the earner's payment.
    function PROTOCOL_FEE_BPS() external view returns (bytes32);

    /// @notice Key of the dispute window in seconds after a lease's term.
    function DISPUTE_WINDOW() external view returns (bytes32);

    /// @notice Key of the shortest duration a product may allow, in seconds.
    function MIN_LEASE_DURATION() external view returns (bytes32);

    /// @notice Key of the longest duration a product may allow, in seconds.
    function MAX_LEASE_DURATION() external view returns (bytes32);

    /// @notice The payment token.
    function token() external view returns (IERC20);

    /// @notice The DisputeModule that opens disputes over leases and calls back with their outcome.
    function disputeModule() external view returns (IDisputeModule);

    // ---------------------------------------------------------------- products

    /// @notice Lists a data product; the caller is its earner.
    /// @param pricePerSecond Tokens per leased second; not zero, and × `maxDuration` fits 256 bits.
    /// @param minDuration Shortest lease in seconds, at least MIN_LEASE_DURATION.
    /// @param maxDuration Longest lease in seconds, at least `minDuration`, at most MAX_LEASE_DURATION.
    /// @param consentHash keccak256 of the canonical consent manifest; not zero.
    /// @return productId The new product's id (ids start at 1).
    function listProduct(
        uint256 pricePerSecond,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 consentHash
    ) external returns (uint256 productId);

    /// @notice Changes an active product's terms, under the same rules as listing. Only its earner.
    /// Open leases keep their terms and consent hash.
    function updateProduct(
        uint256 productId,
        uint256 pricePerSecond,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 consentHash
    ) external;

    /// @notice Stops new leases of an active product, for good. Only its earner.
    function deactivateProduct(uint256 productId) external;

    // ---------------------------------------------------------------- leases

    /// @notice Opens a lease of `productId` for `duration` seconds from now and escrows its price,
    /// pulled from the caller (who approved this contract for it).
    /// @param productId An active product.
    /// @param expectedEarner The earner the consent manifest names; must be the product's. A consent
    /// hash alone does not name its earner: anyone can list another earner's public manifest hash.
    /// @param duration Seconds, within the product's durations and the current parameters.
    /// @param expectedConsentHash The consent hash the lessee agreed to; must be the product's.
    /// @param maxCost The most the lessee pays: a guard against a price change in flight.
    /// @return leaseId The new lease's id (ids start at 1).
    function openLease(
        uint256 productId,
        address expectedEarner,
        uint256 duration,
        bytes32 expectedConsentHash,
        uint256 maxCost
    ) external returns (uint256 leaseId);

    /// @notice Revokes consent for a running lease. Only the product's earner. The lessee is
    /// refunded the unused seconds at once; the used seconds stay in escrow, owed to the earner; the
    /// term ends now and its dispute window starts.
    function revokeConsent(uint256 leaseId) external;

    /// @notice Pays the earner of a lease whose term and dispute window have passed: what is owed
    /// minus the fee, the fee to the treasury. Anyone may call.
    function settle(uint256 leaseId) external;

    /// @notice Disputes a lease within its dispute window. Only the lessee, who must have approved
    /// the DisputeModule for the bond (`disputeModule().bondFor(escrow)`). The lessee is the
    /// claimant, the earner the respondent, and what is owed to the earner the value at stake.
    /// @return disputeId The DisputeModule's id of the dispute.
    function dispute(uint256 leaseId) external returns (uint256 disputeId);

    // `onDisputeResolved` (from IDisputeClient) settles a disputed lease: a lessee who won is refunded
    // what was owed to the earner; an earner who won is paid as in `settle`. Only the DisputeModule,
    // once per dispute; it works while this module is paused, so that a ruling is never lost.

    // ---------------------------------------------------------------- views

    /// @notice Product `productId`; reverts for an unknown id.
    function product(uint256 productId) external view returns (Product memory);

    /// @notice Lease `leaseId`; reverts for an unknown id.
    function lease(uint256 leaseId) external view returns (Lease memory);

    /// @notice Products listed so far (the last id).
    function productCount() external view returns (uint256);

    /// @notice Leases opened so far (the last id).
    function leaseCount() external view returns (uint256);

    /// @notice When lease `leaseId`'s dispute window closes and it may be settled: `endsAt` +
    /// `disputeWindow`, later by the seconds LeaseAgreement and the DisputeModule were paused since the
    /// lease opened (summed). The lessee may dispute until the second before.
    function disputeWindowClosesAt(uint256 leaseId) external view returns (uint256);

    /// @notice The protocol fee in basis points new leases are opened with (parameter PROTOCOL_FEE_BPS).
    function protocolFeeBps() external view returns (uint256);

    /// @notice The dispute window in seconds new leases are opened with (parameter DISPUTE_WINDOW).
    function disputeWindow() external view returns (uint256);
}
