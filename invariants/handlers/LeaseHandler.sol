// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {IPaymentCredits} from "../../contracts/interfaces/IPaymentCredits.sol";
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {IPauseOracle, SwitchAwareHandler} from "../base/HandlerBase.sol";

/// @title LeaseHandler
/// @notice Drives LeaseAgreement with DisputeModule: earners list products and revoke consent,
/// lessees open and dispute leases, anyone settles, the arbitrator rules or the default applies.
/// Ghosts hold what each lease should escrow (price x term, then price x used after a revocation,
/// 0 once paid), the bond each lease dispute should hold, and every transition seen. The token's
/// issuer freezes and unfreezes lessees, earners and the treasury at random; every revocation,
/// settlement, ruling and default that is due must still succeed (LA-05), and every party claims its
/// credits from LeaseAgreement and DisputeModule.
/// @dev Leases are picked by their status on chain; expectations come from the ghosts. With a pause
/// oracle (the system suite's switch), every action taken while it says paused must fail.
contract LeaseHandler is SwitchAwareHandler {
    using LeaseStates for ILeaseAgreement.LeaseStatus;

    LeaseAgreement public immutable leases;
    DisputeModule public immutable disputes;
    FreezableToken public immutable token;
    address public immutable arbitrator;
    address public immutable stranger;

    address[] internal _earners;
    address[] internal _lessees;

    // ------------------------------------------------------------ ghost state
    mapping(uint256 leaseId => ILeaseAgreement.LeaseStatus) public ghost_status;
    /// @notice Transitions seen that are not edges of the lease state machine (LA-03: must stay 0).
    uint256 public ghost_illegalTransitions;
    /// @notice What each lease should escrow now (LA-02).
    mapping(uint256 leaseId => uint256) public ghost_escrow;
    /// @notice The earner each lease's lessee named when opening it (LA-04).
    mapping(uint256 leaseId => address) public ghost_namedEarner;
    /// @notice Openings that named another earner than the product's and succeeded (LA-04: 0).
    uint256 public ghost_foreignEarnerOpenings;
    uint256 public ghost_escrowIn;
    uint256 public ghost_escrowOut;
    /// @notice The bond each lease dispute should hold, from the deployed bond rule.
    mapping(uint256 disputeId => uint256) public ghost_bond;
    uint256 public ghost_bondsIn;
    uint256 public ghost_bondsOut;
    /// @notice Lease actions that succeeded while the switch was paused (must stay 0).
    uint256 public ghost_pausedSuccesses;
    /// @notice Due revocations, settlements, rulings and defaults that failed while the system ran
    /// (LA-05: must stay 0, whoever is frozen).
    uint256 public ghost_blockedSettlements;
    /// @notice Due actions tried while some party was frozen (shows LA-05 is exercised).
    uint256 public ghost_settlementsWithAFrozenParty;
    /// @notice Tokens claimed from LeaseAgreement (LA-05) and from DisputeModule by this handler.
    uint256 public ghost_leaseClaimed;
    uint256 public ghost_bondCreditsClaimed;
    /// @notice Claims that paid other than the whole credit to the credited account, or that failed
    /// for an unfrozen account while the system ran (LA-05: must stay 0).
    uint256 public ghost_badClaims;
    /// @notice Freezes applied by the issuer.
    uint256 public ghost_freezes;
    /// @notice Terms each lease dispute opened on (DM-04): DISPUTE_FEE_BPS and DEFAULT_OUTCOME then.
    mapping(uint256 disputeId => uint256) public ghost_disputeFeeBps;
    mapping(uint256 disputeId => bool) public ghost_claimantWinsByDefault;
    /// @notice Resolutions that credited other than the terms the dispute opened on (DM-04: 0).
    uint256 public ghost_offTermsResolutions;

    constructor(
        LeaseAgreement leases_,
        IPauseOracle pauseOracle_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address arbitrator_
    ) SwitchAwareHandler(timelock_, governanceSafe_, pauseOracle_) {
        leases = leases_;
        disputes = DisputeModule(address(leases_.disputeModule()));
        token = FreezableToken(address(leases_.token()));
        arbitrator = arbitrator_;
        stranger = makeAddr("leaseStranger");
        for (uint256 i; i < 2; ++i) {
            _earners.push(_createActor(string.concat("earner", vm.toString(i))));
            address lessee = _createActor(string.concat("lessee", vm.toString(i)));
            token.mint(lessee, 1e30);
            vm.startPrank(lessee);
            token.approve(address(leases_), type(uint256).max);
            token.approve(address(disputes), type(uint256).max);
            vm.stopPrank();
            _lessees.push(lessee);
        }
    }

    // ------------------------------------------------------------ earners

    function listProduct(
        uint256 earnerSeed,
        uint256 price,
        uint256 minDuration,
        uint256 span
    ) external {
        _called("listProduct");
        address earner = _earners[earnerSeed % _earners.length];
        price = _bound(price, 1, 1e15);
        uint256 maxDuration;
        (minDuration, maxDuration) = _durations(minDuration, span);
        bytes32 consentHash = keccak256(abi.encode(earner, price));
        vm.prank(earner);
        (bool ok, ) = address(leases).call(
            abi.encodeCall(leases.listProduct, (price, minDuration, maxDuration, consentHash))
        );
        // Bounded inputs: listing fails only while paused, and then it must.
        if (!ok) {
            require(_systemPaused(), "listProduct refused while the system runs");
            return;
        }
        if (_systemPaused()) ++ghost_pausedSuccesses;
        _succeeded("listProduct");
    }

    /// @dev A product's durations within the bounds governance has in force now (the governance
    /// handler moves MIN_LEASE_DURATION and MAX_LEASE_DURATION in the System suite): the minimum in
    /// [max(1 hour, floor), min(2 days, ceiling)] when governance allows it, the span up to 20 days.
    function _durations(
        uint256 minSeed,
        uint256 spanSeed
    ) internal view returns (uint256 minDuration, uint256 maxDuration) {
        uint256 lower = leases.parameter(leases.MIN_LEASE_DURATION());
        uint256 upper = leases.parameter(leases.MAX_LEASE_DURATION());
        uint256 low = lower > 1 hours ? lower : 1 hours; // lower <= 1 day <= upper
        uint256 high = upper < 2 days ? upper : 2 days;
        minDuration = _bound(minSeed, low, high);
        uint256 room = upper - minDuration;
        maxDuration = minDuration + _bound(spanSeed, 0, room < 20 days ? room : 20 days);
    }

    /// @notice A product's earner updates its terms (price, durations, manifest) or deactivates it;
    /// running leases keep theirs (LA-02 checks their escrow against the price they opened at).
    function updateProduct(
        uint256 productSeed,
        uint256 price,
        uint256 span,
        bool deactivate
    ) external {
        uint256 count = leases.productCount();
        if (count == 0) return;
        uint256 productId = (productSeed % count) + 1;
        ILeaseAgreement.Product memory p = leases.product(productId);
        if (!p.active) return;
        bytes memory data;
        if (deactivate && span % 4 == 0) {
            _called("deactivateProduct");
            data = abi.encodeCall(leases.deactivateProduct, (productId));
        } else {
            _called("updateProduct");
            price = _bound(price, 1, 1e15);
            (uint256 minDuration, uint256 maxDuration) = _durations(span, span >> 32);
            bytes32 consent = keccak256(abi.encode(p.earner, price, span));
            data = abi.encodeCall(
                leases.updateProduct,
                (productId, price, minDuration, maxDuration, consent)
            );
        }
        vm.prank(p.earner);
        (bool ok, ) = address(leases).call(data);
        if (!ok) {
            require(_systemPaused(), "an earner's product change refused while the system runs");
            return;
        }
        if (_systemPaused()) ++ghost_pausedSuccesses;
        _succeeded(deactivate && span % 4 == 0 ? "deactivateProduct" : "updateProduct");
    }

    function revokeConsent(uint256 leaseSeed) external {
        uint256 leaseId = _leaseIn(
            leaseSeed,
            ILeaseAgreement.LeaseStatus.Active,
            ILeaseAgreement.LeaseStatus.Active
        );
        if (leaseId == 0) return;
        ILeaseAgreement.Lease memory l = leases.lease(leaseId);
        ILeaseAgreement.Product memory p = leases.product(l.productId);
        uint256 unused = l.endsAt > block.timestamp ? l.endsAt - block.timestamp : 0;
        // The price the lease opened at: escrow / term (a product update since changes nothing).
        uint256 price = ghost_escrow[leaseId] / (uint256(l.endsAt) - l.startedAt);
        bytes memory data = abi.encodeCall(leases.revokeConsent, (leaseId));
        bool due = block.timestamp < l.endsAt;
        if (_actDue("revokeConsent", p.earner, data, leaseId, 0, due)) {
            // The unused seconds go back to the lessee at the lease's price; the used ones stay owed.
            uint256 refund = price * unused;
            ghost_escrow[leaseId] -= refund;
            ghost_escrowOut += refund;
        }
    }

    // ------------------------------------------------------------ lessees

    function openLease(uint256 productSeed, uint256 lesseeSeed, uint256 duration) external {
        uint256 count = leases.productCount();
        if (count == 0) return;
        uint256 productId = (productSeed % count) + 1;
        ILeaseAgreement.Product memory p = leases.product(productId);
        duration = _bound(duration, p.minDuration, p.maxDuration);
        uint256 cost = p.pricePerSecond * duration;
        uint256 leaseId = leases.leaseCount() + 1;
        address lessee = _lessees[lesseeSeed % _lessees.length];
        // One opening in eight names someone else as the earner: a copycat's listing of an honest
        // earner's manifest hash, seen from the lessee who checks the manifest's earner.
        address named = (lesseeSeed >> 8) % 8 == 7 ? lessee : p.earner;
        bytes memory data = abi.encodeCall(
            leases.openLease,
            (productId, named, duration, p.consentHash, cost)
        );
        if (_act("openLease", lessee, data, leaseId, 0)) {
            if (named != p.earner) ++ghost_foreignEarnerOpenings;
            ghost_namedEarner[leaseId] = named;
            ghost_escrow[leaseId] = cost;
            ghost_escrowIn += cost;
        }
    }

    function dispute(uint256 leaseSeed) external {
        uint256 leaseId = _leaseIn(
            leaseSeed,
            ILeaseAgreement.LeaseStatus.Active,
            ILeaseAgreement.LeaseStatus.Revoked
        );
        if (leaseId == 0) return;
        address lessee = leases.lease(leaseId).lessee;
        uint256 disputeId = disputes.disputeCount() + 1;
        bytes memory data = abi.encodeCall(leases.dispute, (leaseId));
        // The bond is taken on what the lease still owes the earner, on the terms in force now.
        uint256 bond = _disputeBond(disputes, ghost_escrow[leaseId]);
        uint256 feeBps = disputes.parameter(disputes.DISPUTE_FEE_BPS());
        bool claimantWinsByDefault = disputes.parameter(disputes.DEFAULT_OUTCOME()) == 1;
        if (_act("dispute", lessee, data, leaseId, 0)) {
            ghost_bond[disputeId] = bond;
            ghost_bondsIn += bond;
            ghost_disputeFeeBps[disputeId] = feeBps;
            ghost_claimantWinsByDefault[disputeId] = claimantWinsByDefault;
        }
    }

    // ------------------------------------------------------------ anyone, the arbitrator

    function settle(uint256 leaseSeed) external {
        uint256 leaseId = _leaseIn(
            leaseSeed,
            ILeaseAgreement.LeaseStatus.Active,
            ILeaseAgreement.LeaseStatus.Revoked
        );
        if (leaseId == 0) return;
        bool due = block.timestamp >= leases.disputeWindowClosesAt(leaseId);
        _actDue("settle", stranger, abi.encodeCall(leases.settle, (leaseId)), leaseId, 0, due);
    }

    function rule(uint256 disputeSeed, bool claimantWins) external {
        uint256 disputeId = _openDispute(disputeSeed);
        if (disputeId == 0) return;
        uint256 leaseId = disputes.dispute(disputeId).caseId;
        bytes memory data = abi.encodeCall(disputes.rule, (disputeId, claimantWins));
        bool due = block.timestamp <= disputes.ruleByInForce(disputeId);
        _actDue("rule", arbitrator, data, leaseId, disputeId, due);
    }

    function resolveByDefault(uint256 disputeSeed) external {
        uint256 disputeId = _openDispute(disputeSeed);
        if (disputeId == 0) return;
        uint256 leaseId = disputes.dispute(disputeId).caseId;
        bytes memory data = abi.encodeCall(disputes.resolveByDefault, (disputeId));
        bool due = block.timestamp > disputes.ruleByInForce(disputeId);
        _actDue("resolveByDefault", stranger, data, leaseId, disputeId, due);
    }

    // ------------------------------------------------------------ the token's issuer, claims

    /// @notice The issuer freezes or unfreezes a lessee, an earner or the treasury.
    function toggleFreeze(uint256 partySeed) external {
        _called("toggleFreeze");
        address party = _party(partySeed);
        bool frozen = !token.frozen(party);
        token.setFrozen(party, frozen);
        if (frozen) ++ghost_freezes;
        _succeeded("toggleFreeze");
    }

    /// @notice Anyone claims a party's credit from LeaseAgreement or DisputeModule: the whole credit
    /// goes to the party, or (frozen, or paused) nothing moves and the credit stays.
    function claim(uint256 partySeed, bool fromDisputes) external {
        address party = _party(partySeed);
        IPaymentCredits module =
            fromDisputes ? IPaymentCredits(address(disputes)) : IPaymentCredits(address(leases));
        uint256 credit = module.creditOf(party);
        if (credit == 0) return;
        _called("claim");
        uint256 walletBefore = token.balanceOf(party);
        vm.prank(stranger);
        (bool ok, ) = address(module).call(abi.encodeCall(IPaymentCredits.claim, (party)));
        if (!ok) {
            if (!_systemPaused() && !token.frozen(party)) ++ghost_badClaims;
            if (module.creditOf(party) != credit) ++ghost_badClaims;
            return;
        }
        if (_systemPaused()) ++ghost_pausedSuccesses;
        if (token.balanceOf(party) - walletBefore != credit || module.creditOf(party) != 0)
            ++ghost_badClaims;
        if (fromDisputes) ghost_bondCreditsClaimed += credit;
        else ghost_leaseClaimed += credit;
        _succeeded("claim");
    }

    /// @notice Every party whose credits the suite follows: the lessees, the earners, the treasury.
    function parties() public view returns (address[] memory list) {
        list = new address[](_lessees.length + _earners.length + 1);
        for (uint256 i; i < _lessees.length; ++i) list[i] = _lessees[i];
        for (uint256 i; i < _earners.length; ++i) list[_lessees.length + i] = _earners[i];
        list[list.length - 1] = leases.treasury();
    }

    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 0, 4 days));
        _succeeded("warp");
    }

    // ------------------------------------------------------------ internals

    /// @dev `_act` for an action that is due (its time has come and not passed): while the system runs
    /// it must succeed whoever is frozen (LA-05).
    function _actDue(
        string memory action,
        address caller,
        bytes memory data,
        uint256 leaseId,
        uint256 disputeId,
        bool due
    ) internal returns (bool ok) {
        bool anyFrozen = _anyFrozen();
        ok = _act(action, caller, data, leaseId, disputeId);
        if (!due || _systemPaused()) return ok;
        if (anyFrozen) ++ghost_settlementsWithAFrozenParty;
        if (!ok) ++ghost_blockedSettlements;
    }

    function _party(uint256 seed) internal view returns (address) {
        address[] memory list = parties();
        return list[seed % list.length];
    }

    function _anyFrozen() internal view returns (bool) {
        address[] memory list = parties();
        for (uint256 i; i < list.length; ++i) if (token.frozen(list[i])) return true;
        return false;
    }

    /// @dev DM-04: a resolution credits on the dispute's terms at opening: the claimant the whole
    /// bond, or the respondent the bond less the opening fee share and the treasury that share; a
    /// default applies the opening default.
    function _checkResolutionTerms(
        uint256 disputeId,
        uint256 claimantBefore,
        uint256 respondentBefore,
        uint256 treasuryBefore,
        bool byDefault
    ) internal {
        IDisputeModule.Dispute memory d = disputes.dispute(disputeId);
        uint256 bond = ghost_bond[disputeId];
        uint256 fee = d.claimantWon ? 0 : (bond * ghost_disputeFeeBps[disputeId]) / 10_000;
        bool off = byDefault && d.claimantWon != ghost_claimantWinsByDefault[disputeId];
        if (disputes.creditOf(d.claimant) - claimantBefore != (d.claimantWon ? bond : 0))
            off = true;
        if (disputes.creditOf(d.respondent) - respondentBefore != (d.claimantWon ? 0 : bond - fee))
            off = true;
        if (disputes.creditOf(disputes.treasury()) - treasuryBefore != fee) off = true;
        if (off) ++ghost_offTermsResolutions;
    }

    /// @dev Runs one call as `caller` (on DisputeModule when `disputeId` is set, else on
    /// LeaseAgreement) and records the lease's transition; a lease that reached a paid state has
    /// paid out all its ghost escrow. Failing calls (too early, too late) are expected.
    function _act(
        string memory action,
        address caller,
        bytes memory data,
        uint256 leaseId,
        uint256 disputeId
    ) internal returns (bool ok) {
        _called(action);
        uint256[3] memory creditsBefore;
        if (disputeId != 0) {
            IDisputeModule.Dispute memory d = disputes.dispute(disputeId);
            creditsBefore = [
                disputes.creditOf(d.claimant),
                disputes.creditOf(d.respondent),
                disputes.creditOf(disputes.treasury())
            ];
        }
        vm.prank(caller);
        (ok, ) = (disputeId == 0 ? address(leases) : address(disputes)).call(data);
        if (!ok) return false;
        if (_systemPaused()) ++ghost_pausedSuccesses;
        _succeeded(action);
        if (
            disputeId != 0 && disputes.dispute(disputeId).status == IDisputeModule.Status.Resolved
        ) {
            ghost_bondsOut += ghost_bond[disputeId];
            _checkResolutionTerms(
                disputeId,
                creditsBefore[0],
                creditsBefore[1],
                creditsBefore[2],
                caller != arbitrator
            );
        }
        ILeaseAgreement.LeaseStatus to = leases.lease(leaseId).status;
        ILeaseAgreement.LeaseStatus from = ghost_status[leaseId];
        if (to == from) return true;
        if (!from.canMoveTo(to)) ++ghost_illegalTransitions;
        ghost_status[leaseId] = to;
        if (to.paid()) {
            ghost_escrowOut += ghost_escrow[leaseId];
            ghost_escrow[leaseId] = 0;
        }
    }

    /// @dev The first lease from `seed` on whose status on chain is `a` or `b` (0: none).
    function _leaseIn(
        uint256 seed,
        ILeaseAgreement.LeaseStatus a,
        ILeaseAgreement.LeaseStatus b
    ) internal view returns (uint256) {
        uint256 count = leases.leaseCount();
        for (uint256 i; i < count; ++i) {
            uint256 leaseId = (((seed % count) + i) % count) + 1;
            ILeaseAgreement.LeaseStatus status = leases.lease(leaseId).status;
            if (status == a || status == b) return leaseId;
        }
        return 0;
    }

    function _openDispute(uint256 seed) internal view returns (uint256) {
        return _openDisputeOf(disputes, address(leases), seed);
    }

    function _handlerName() internal pure override returns (string memory) {
        return "LeaseHandler";
    }

    function _logGhosts() internal view override {
        console.log("  products", leases.productCount(), "leases", leases.leaseCount());
        console.log("  ghost_escrowIn", ghost_escrowIn, "out", ghost_escrowOut);
        console.log("  ghost_bondsIn", ghost_bondsIn, "out", ghost_bondsOut);
        console.log(
            "  ghost_freezes",
            ghost_freezes,
            "due with a frozen party",
            ghost_settlementsWithAFrozenParty
        );
        console.log(
            "  claimed from leases",
            ghost_leaseClaimed,
            "from disputes",
            ghost_bondCreditsClaimed
        );
    }
}

/// @notice The lease state machine's edges (ILeaseAgreement's lifecycle), and its paid states.
library LeaseStates {
    function canMoveTo(
        ILeaseAgreement.LeaseStatus from,
        ILeaseAgreement.LeaseStatus to
    ) internal pure returns (bool) {
        if (from == ILeaseAgreement.LeaseStatus.None)
            return to == ILeaseAgreement.LeaseStatus.Active;
        if (
            from == ILeaseAgreement.LeaseStatus.Active ||
            from == ILeaseAgreement.LeaseStatus.Revoked
        )
            return
                (from == ILeaseAgreement.LeaseStatus.Active &&
                    to == ILeaseAgreement.LeaseStatus.Revoked) ||
                to == ILeaseAgreement.LeaseStatus.Disputed ||
                to == ILeaseAgreement.LeaseStatus.Settled;
        if (from == ILeaseAgreement.LeaseStatus.Disputed)
            return
                to == ILeaseAgreement.LeaseStatus.Settled ||
                to == ILeaseAgreement.LeaseStatus.Refunded;
        return false; // Settled and Refunded are final.
    }

    /// @dev Final states: the escrow went to the earner (and treasury) or back to the lessee.
    function paid(ILeaseAgreement.LeaseStatus status) internal pure returns (bool) {
        return
            status == ILeaseAgreement.LeaseStatus.Settled ||
            status == ILeaseAgreement.LeaseStatus.Refunded;
    }
}
