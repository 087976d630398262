// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {MandateModule} from "../base/MandateModule.sol";
import {PaymentCredits} from "../base/PaymentCredits.sol";
import {TreasuryFee} from "../base/TreasuryFee.sol";
import {IDisputeClient} from "../interfaces/IDisputeClient.sol";
import {IDisputeModule} from "../interfaces/IDisputeModule.sol";
import {ILeaseAgreement} from "../interfaces/ILeaseAgreement.sol";
import {IMandateModule} from "../interfaces/IMandateModule.sol";

/// @title LeaseAgreement
/// @notice Data product listings and escrowed, revocable, disputable leases. See {ILeaseAgreement}.
contract LeaseAgreement is ILeaseAgreement, TreasuryFee, PaymentCredits, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc ILeaseAgreement
    bytes32 public constant override PROTOCOL_FEE_BPS = keccak256("PROTOCOL_FEE_BPS");
    /// @inheritdoc ILeaseAgreement
    bytes32 public constant override DISPUTE_WINDOW = keccak256("DISPUTE_WINDOW");
    /// @inheritdoc ILeaseAgreement
    bytes32 public constant override MIN_LEASE_DURATION = keccak256("MIN_LEASE_DURATION");
    /// @inheritdoc ILeaseAgreement
    bytes32 public constant override MAX_LEASE_DURATION = keccak256("MAX_LEASE_DURATION");

    /// @notice Upper bound of the protocol fee: 10%. The lower bound is 0 (no fee).
    uint256 public constant MAX_PROTOCOL_FEE_BPS = 1_000;
    /// @notice Lower bound of the dispute window: long enough for a lessee to notice and act.
    uint256 public constant MIN_DISPUTE_WINDOW = 1 hours;
    /// @notice Upper bound of the dispute window: an earner never waits longer than this for payment.
    uint256 public constant MAX_DISPUTE_WINDOW = 30 days;
    /// @notice Lower bound of MIN_LEASE_DURATION: one second.
    uint256 public constant MIN_LEASE_DURATION_FLOOR = 1;
    /// @notice Upper bound of MIN_LEASE_DURATION: one day.
    uint256 public constant MIN_LEASE_DURATION_CEILING = 1 days;
    /// @notice Lower bound of MAX_LEASE_DURATION: one day. The two ranges meet at one day, so
    /// MIN_LEASE_DURATION <= MAX_LEASE_DURATION whatever governance sets.
    uint256 public constant MAX_LEASE_DURATION_FLOOR = 1 days;
    /// @notice Upper bound of MAX_LEASE_DURATION: ten years, so every duration fits a product's uint32.
    uint256 public constant MAX_LEASE_DURATION_CEILING = 3_650 days;

    /// @inheritdoc ILeaseAgreement
    IERC20 public immutable override token;
    /// @inheritdoc ILeaseAgreement
    IDisputeModule public immutable override disputeModule;

    /// @inheritdoc ILeaseAgreement
    uint256 public override productCount;
    /// @inheritdoc ILeaseAgreement
    uint256 public override leaseCount;

    mapping(uint256 productId => Product) private _products;
    mapping(uint256 leaseId => Lease) private _leases;

    /// @param initialOwner Governance (the timelock).
    /// @param initialPauser SystemPause.
    /// @param paymentToken The token leases are paid in.
    /// @param disputes The DisputeModule; it must authorise this contract as a client and bond in
    /// `paymentToken`.
    /// @param initialTreasury Receives protocol fees.
    /// @param feeBps PROTOCOL_FEE_BPS, within `[0, MAX_PROTOCOL_FEE_BPS]`.
    /// @param window DISPUTE_WINDOW in seconds, within `[MIN_DISPUTE_WINDOW, MAX_DISPUTE_WINDOW]`.
    /// @param minLeaseDuration MIN_LEASE_DURATION in seconds, within its floor and ceiling.
    /// @param maxLeaseDuration MAX_LEASE_DURATION in seconds, within its floor and ceiling.
    constructor(
        address initialOwner,
        address initialPauser,
        IERC20 paymentToken,
        IDisputeModule disputes,
        address initialTreasury,
        uint256 feeBps,
        uint256 window,
        uint256 minLeaseDuration,
        uint256 maxLeaseDuration
    ) MandateModule(initialOwner, initialPauser) TreasuryFee(initialTreasury) {
        if (address(paymentToken) == address(0) || address(disputes) == address(0))
            revert LeaseAgreement_ZeroAddress();
        IERC20 disputeToken = disputes.token();
        if (disputeToken != paymentToken)
            revert LeaseAgreement_DisputeTokenMismatch(
                address(disputeToken),
                address(paymentToken)
            );
        token = paymentToken;
        disputeModule = disputes;
        _setParameter(PROTOCOL_FEE_BPS, feeBps);
        _setParameter(DISPUTE_WINDOW, window);
        _setParameter(MIN_LEASE_DURATION, minLeaseDuration);
        _setParameter(MAX_LEASE_DURATION, maxLeaseDuration);
    }

    // ---------------------------------------------------------------- products

    /// @inheritdoc ILeaseAgreement
    function listProduct(
        uint256 pricePerSecond,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 consentHash
    ) external override whenNotPaused returns (uint256 productId) {
        _checkTerms(pricePerSecond, minDuration, maxDuration, consentHash);
        productId = ++productCount;
        // Both durations fit: _checkTerms bounded them by MAX_LEASE_DURATION_CEILING < 2^32.
        _products[productId] = Product({
            earner: msg.sender,
            active: true,
            // forge-lint: disable-next-line(unsafe-typecast)
            minDuration: uint32(minDuration),
            // forge-lint: disable-next-line(unsafe-typecast)
            maxDuration: uint32(maxDuration),
            pricePerSecond: pricePerSecond,
            consentHash: consentHash
        });
        emit ProductListed(
            productId,
            msg.sender,
            pricePerSecond,
            minDuration,
            maxDuration,
            consentHash
        );
    }

    /// @inheritdoc ILeaseAgreement
    function updateProduct(
        uint256 productId,
        uint256 pricePerSecond,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 consentHash
    ) external override whenNotPaused {
        Product storage listed = _activeProductOfCaller(productId);
        _checkTerms(pricePerSecond, minDuration, maxDuration, consentHash);
        bytes32 previousConsentHash = listed.consentHash;
        // forge-lint: disable-next-line(unsafe-typecast)
        listed.minDuration = uint32(minDuration);
        // forge-lint: disable-next-line(unsafe-typecast)
        listed.maxDuration = uint32(maxDuration);
        listed.pricePerSecond = pricePerSecond;
        listed.consentHash = consentHash;
        emit ProductUpdated(
            productId,
            pricePerSecond,
            minDuration,
            maxDuration,
            previousConsentHash,
            consentHash
        );
    }

    /// @inheritdoc ILeaseAgreement
    function deactivateProduct(uint256 productId) external override whenNotPaused {
        _activeProductOfCaller(productId).active = false;
        emit ProductDeactivated(productId);
    }

    // ---------------------------------------------------------------- leases

    /// @inheritdoc ILeaseAgreement
    function openLease(
        uint256 productId,
        address expectedEarner,
        uint256 duration,
        bytes32 expectedConsentHash,
        uint256 maxCost
    ) external override whenNotPaused nonReentrant returns (uint256 leaseId) {
        (uint256 cost, bytes32 consentHash) = _quote(
            productId,
            expectedEarner,
            duration,
            expectedConsentHash,
            maxCost
        );

        leaseId = ++leaseCount;
        // Casts: ids grow by one per transaction, times are now plus at most ten years, the fee and
        // the window are bounded parameters.
        uint256 endsAt = block.timestamp + duration;
        _leases[leaseId] = Lease({
            lessee: msg.sender,
            startedAt: uint64(block.timestamp),
            status: LeaseStatus.Active,
            feeBps: uint16(_parameter(PROTOCOL_FEE_BPS)),
            // forge-lint: disable-next-line(unsafe-typecast)
            productId: uint64(productId),
            // forge-lint: disable-next-line(unsafe-typecast)
            endsAt: uint64(endsAt),
            disputeWindow: uint32(_parameter(DISPUTE_WINDOW)),
            pauseMark: _clockMark(_disputeClock()),
            escrow: cost,
            consentHash: consentHash
        });
        emit LeaseOpened(
            leaseId,
            productId,
            msg.sender,
            cost,
            block.timestamp,
            endsAt,
            consentHash
        );

        _pullExactly(msg.sender, cost);
    }

    /// @inheritdoc ILeaseAgreement
    function revokeConsent(uint256 leaseId) external override whenNotPaused nonReentrant {
        Lease storage leased = _existingLease(leaseId);
        address earner = _products[leased.productId].earner;
        if (msg.sender != earner)
            revert LeaseAgreement_CallerNotEarner(leased.productId, msg.sender, earner);
        if (leased.status != LeaseStatus.Active)
            revert LeaseAgreement_WrongStatus(leaseId, leased.status);
        uint256 endsAt = leased.endsAt;
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp >= endsAt)
            revert LeaseAgreement_TermEnded(leaseId, endsAt, block.timestamp);

        // escrow = price × term exactly, so escrow × unused / term = price × unused, with no rounding.
        uint256 escrow = leased.escrow;
        uint256 refund = Math.mulDiv(escrow, endsAt - block.timestamp, endsAt - leased.startedAt);
        uint256 owed = escrow - refund;
        leased.status = LeaseStatus.Revoked;
        leased.endsAt = uint64(block.timestamp);
        leased.escrow = owed;
        emit ConsentRevoked(leaseId, block.timestamp, refund, owed);
        // Credited, not pushed: a lessee the token will not pay cannot stop the revocation.
        _credit(leased.lessee, refund);
    }

    /// @inheritdoc ILeaseAgreement
    function settle(uint256 leaseId) external override whenNotPaused nonReentrant {
        Lease storage leased = _existingLease(leaseId);
        _requireUndisputed(leaseId, leased.status);
        uint256 closesAt = _disputeWindowClosesAt(leased);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < closesAt)
            revert LeaseAgreement_DisputeWindowOpen(leaseId, closesAt, block.timestamp);
        _payEarner(leaseId, leased);
    }

    /// @inheritdoc ILeaseAgreement
    function dispute(
        uint256 leaseId
    ) external override whenNotPaused nonReentrant returns (uint256 disputeId) {
        Lease storage leased = _existingLease(leaseId);
        if (msg.sender != leased.lessee)
            revert LeaseAgreement_CallerNotLessee(leaseId, msg.sender, leased.lessee);
        _requireUndisputed(leaseId, leased.status);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < leased.endsAt)
            revert LeaseAgreement_TermNotEnded(leaseId, leased.endsAt, block.timestamp);
        uint256 closesAt = _disputeWindowClosesAt(leased);
        // Safe: seconds of proposer leeway are immaterial against windows of an hour or more.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp >= closesAt)
            revert LeaseAgreement_DisputeWindowClosed(leaseId, closesAt, block.timestamp);
        uint256 owed = leased.escrow;
        if (owed == 0) revert LeaseAgreement_NothingOwed(leaseId);

        leased.status = LeaseStatus.Disputed;
        disputeId = disputeModule.openDispute(
            leaseId,
            msg.sender,
            _products[leased.productId].earner,
            owed
        );
        emit LeaseDisputed(leaseId, disputeId, owed);
    }

    /// @inheritdoc IDisputeClient
    /// @dev Not stopped by a pause: the DisputeModule calls back exactly once, and a revert here
    /// would lose the ruling. Pausing the DisputeModule (SystemPause pauses every module) stops
    /// rulings instead.
    function onDisputeResolved(uint256 caseId, bool claimantWins) external override nonReentrant {
        if (msg.sender != address(disputeModule))
            revert LeaseAgreement_CallerNotDisputeModule(msg.sender, address(disputeModule));
        Lease storage leased = _existingLease(caseId);
        if (leased.status != LeaseStatus.Disputed)
            revert LeaseAgreement_WrongStatus(caseId, leased.status);
        emit LeaseDisputeResolved(caseId, claimantWins);
        if (!claimantWins) {
            _payEarner(caseId, leased);
            return;
        }
        uint256 amount = leased.escrow;
        leased.escrow = 0;
        leased.status = LeaseStatus.Refunded;
        address lessee = leased.lessee;
        emit LeaseRefunded(caseId, lessee, amount);
        _credit(lessee, amount);
    }

    /// @inheritdoc IDisputeClient
    /// @dev 0: `onDisputeResolved` is not stopped by a pause here and needs no other module.
    function settlementPausedSeconds() external pure override returns (uint256) {
        return 0;
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ILeaseAgreement
    function product(uint256 productId) external view override returns (Product memory) {
        return _existingProduct(productId);
    }

    /// @inheritdoc ILeaseAgreement
    function lease(uint256 leaseId) external view override returns (Lease memory) {
        return _existingLease(leaseId);
    }

    /// @inheritdoc ILeaseAgreement
    function disputeWindowClosesAt(uint256 leaseId) external view override returns (uint256) {
        return _disputeWindowClosesAt(_existingLease(leaseId));
    }

    /// @inheritdoc ILeaseAgreement
    function protocolFeeBps() external view override returns (uint256) {
        return _parameter(PROTOCOL_FEE_BPS);
    }

    /// @inheritdoc ILeaseAgreement
    function disputeWindow() external view override returns (uint256) {
        return _parameter(DISPUTE_WINDOW);
    }

    /// @inheritdoc MandateModule
    function parameterKeys() external pure override returns (bytes32[] memory keys) {
        keys = new bytes32[](4);
        keys[0] = PROTOCOL_FEE_BPS;
        keys[1] = DISPUTE_WINDOW;
        keys[2] = MIN_LEASE_DURATION;
        keys[3] = MAX_LEASE_DURATION;
    }

    /// @inheritdoc MandateModule
    function parameterBounds(bytes32 key) public pure override returns (uint256 min, uint256 max) {
        if (key == PROTOCOL_FEE_BPS) return (0, MAX_PROTOCOL_FEE_BPS);
        if (key == DISPUTE_WINDOW) return (MIN_DISPUTE_WINDOW, MAX_DISPUTE_WINDOW);
        if (key == MIN_LEASE_DURATION)
            return (MIN_LEASE_DURATION_FLOOR, MIN_LEASE_DURATION_CEILING);
        if (key == MAX_LEASE_DURATION)
            return (MAX_LEASE_DURATION_FLOOR, MAX_LEASE_DURATION_CEILING);
        revert MandateModule_UnknownParameter(key);
    }

    // ---------------------------------------------------------------- internals

    /// @dev The rules shared by listing and updating a product.
    function _checkTerms(
        uint256 pricePerSecond,
        uint256 minDuration,
        uint256 maxDuration,
        bytes32 consentHash
    ) private view {
        if (pricePerSecond == 0) revert LeaseAgreement_ZeroPrice();
        if (consentHash == bytes32(0)) revert LeaseAgreement_ZeroConsentHash();
        uint256 lowerBound = _parameter(MIN_LEASE_DURATION);
        uint256 upperBound = _parameter(MAX_LEASE_DURATION);
        if (minDuration < lowerBound || minDuration > maxDuration || maxDuration > upperBound)
            revert LeaseAgreement_InvalidDurations(
                minDuration,
                maxDuration,
                lowerBound,
                upperBound
            );
        // maxDuration >= lowerBound >= 1 here, so the division is safe.
        if (pricePerSecond > type(uint256).max / maxDuration)
            revert LeaseAgreement_PriceOverflows(pricePerSecond, maxDuration);
    }

    /// @dev The checks of `openLease`: what the lease costs and the consent hash it is opened under.
    function _quote(
        uint256 productId,
        address expectedEarner,
        uint256 duration,
        bytes32 expectedConsentHash,
        uint256 maxCost
    ) private view returns (uint256 cost, bytes32 consentHash) {
        Product storage listed = _existingProduct(productId);
        if (!listed.active) revert LeaseAgreement_ProductInactive(productId);
        // The manifest names its earner; the hash alone does not, so a copycat listing an honest
        // earner's manifest hash is refused here rather than paid.
        if (listed.earner != expectedEarner)
            revert LeaseAgreement_EarnerMismatch(productId, expectedEarner, listed.earner);
        consentHash = listed.consentHash;
        if (consentHash != expectedConsentHash)
            revert LeaseAgreement_ConsentHashMismatch(productId, expectedConsentHash, consentHash);
        // A product's own durations hold within the parameters as they are now: governance narrowing
        // the parameters applies to listed products at once.
        uint256 minDuration = Math.max(listed.minDuration, _parameter(MIN_LEASE_DURATION));
        uint256 maxDuration = Math.min(listed.maxDuration, _parameter(MAX_LEASE_DURATION));
        if (duration < minDuration || duration > maxDuration)
            revert LeaseAgreement_DurationOutOfBounds(
                productId,
                duration,
                minDuration,
                maxDuration
            );
        // No overflow: listing checked price × the product's maxDuration, and duration <= it.
        cost = listed.pricePerSecond * duration;
        if (cost > maxCost) revert LeaseAgreement_CostAboveLimit(cost, maxCost);
    }

    /// @dev Pulls exactly `amount` from `from`: a token that delivers less (fee on transfer) is refused.
    function _pullExactly(address from, uint256 amount) private {
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(from, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert LeaseAgreement_TransferShortfall(amount, received);
    }

    /// @dev Pays out what a lease owes its earner, minus the fee fixed at opening, and closes it.
    function _payEarner(uint256 leaseId, Lease storage leased) private {
        uint256 owed = leased.escrow;
        uint256 fee = _shareOf(owed, leased.feeBps);
        address earner = _products[leased.productId].earner;
        leased.escrow = 0;
        leased.status = LeaseStatus.Settled;
        emit LeaseSettled(leaseId, earner, owed - fee, fee);
        // Credited, not pushed, so neither party can stop the other's settlement; zero credits are
        // skipped (a lease revoked at its first second owes nothing).
        _credit(earner, owed - fee);
        _credit(treasury, fee);
    }

    /// @dev Credits are paid in the lease token.
    function _creditToken() internal view override returns (IERC20) {
        return token;
    }

    function _requireUndisputed(uint256 leaseId, LeaseStatus status) private pure {
        if (status != LeaseStatus.Active && status != LeaseStatus.Revoked)
            revert LeaseAgreement_WrongStatus(leaseId, status);
    }

    /// @dev The window is later by the clock's advance since the lease opened: a pause during the term
    /// counts too, which gives the lessee more time, never less, at no cost in storage.
    function _disputeWindowClosesAt(Lease storage leased) private view returns (uint256) {
        return
            uint256(leased.endsAt) +
            leased.disputeWindow +
            _clockAdvance(_disputeClock(), leased.pauseMark);
    }

    /// @dev Disputing runs here and in the DisputeModule, so a pause of either stops it. Summed, so
    /// overlapping pauses count twice: more time, never less.
    function _disputeClock() private view returns (uint256) {
        return pausedSeconds() + IMandateModule(address(disputeModule)).pausedSeconds();
    }

    function _existingProduct(uint256 productId) private view returns (Product storage listed) {
        listed = _products[productId];
        if (listed.earner == address(0)) revert LeaseAgreement_UnknownProduct(productId);
    }

    function _activeProductOfCaller(
        uint256 productId
    ) private view returns (Product storage listed) {
        listed = _existingProduct(productId);
        if (msg.sender != listed.earner)
            revert LeaseAgreement_CallerNotEarner(productId, msg.sender, listed.earner);
        if (!listed.active) revert LeaseAgreement_ProductInactive(productId);
    }

    function _existingLease(uint256 leaseId) private view returns (Lease storage leased) {
        leased = _leases[leaseId];
        if (leased.lessee == address(0)) revert LeaseAgreement_UnknownLease(leaseId);
    }
}
