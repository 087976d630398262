// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {MandateTestToken} from "../../contracts/mocks/MandateTestToken.sol";
import {IPauseOracle, SwitchAwareHandler} from "../base/HandlerBase.sol";

/// @title LeaseHandler
/// @notice Drives LeaseAgreement with DisputeModule: earners list products and revoke consent,
/// lessees open and dispute leases, anyone settles, the arbitrator rules or the default applies.
/// Ghosts hold what each lease should escrow (price x term, then price x used after a revocation,
/// 0 once paid), the bond each lease dispute should hold, and every transition seen.
/// @dev Leases are picked by their status on chain; expectations come from the ghosts. With a pause
/// oracle (the system suite's switch), every action taken while it says paused must fail.
contract LeaseHandler is SwitchAwareHandler {
    using LeaseStates for ILeaseAgreement.LeaseStatus;

    LeaseAgreement public immutable leases;
    DisputeModule public immutable disputes;
    MandateTestToken public immutable token;
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

    constructor(
        LeaseAgreement leases_,
        IPauseOracle pauseOracle_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address arbitrator_
    ) SwitchAwareHandler(timelock_, governanceSafe_, pauseOracle_) {
        leases = leases_;
        disputes = DisputeModule(address(leases_.disputeModule()));
        token = MandateTestToken(address(leases_.token()));
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
        minDuration = _bound(minDuration, 1 hours, 2 days);
        uint256 maxDuration = minDuration + _bound(span, 0, 20 days);
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
        bytes memory data = abi.encodeCall(leases.revokeConsent, (leaseId));
        if (_act("revokeConsent", p.earner, data, leaseId, 0)) {
            // The unused seconds go back to the lessee at the lease's price; the used ones stay owed.
            uint256 refund = p.pricePerSecond * unused;
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
        if (_act("dispute", lessee, data, leaseId, 0)) {
            // The bond is taken on what the lease still owes the earner.
            uint256 bond = _disputeBond(ghost_escrow[leaseId]);
            ghost_bond[disputeId] = bond;
            ghost_bondsIn += bond;
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
        _act("settle", stranger, abi.encodeCall(leases.settle, (leaseId)), leaseId, 0);
    }

    function rule(uint256 disputeSeed, bool claimantWins) external {
        uint256 disputeId = _openDispute(disputeSeed);
        if (disputeId == 0) return;
        uint256 leaseId = disputes.dispute(disputeId).caseId;
        bytes memory data = abi.encodeCall(disputes.rule, (disputeId, claimantWins));
        _act("rule", arbitrator, data, leaseId, disputeId);
    }

    function resolveByDefault(uint256 disputeSeed) external {
        uint256 disputeId = _openDispute(disputeSeed);
        if (disputeId == 0) return;
        uint256 leaseId = disputes.dispute(disputeId).caseId;
        bytes memory data = abi.encodeCall(disputes.resolveByDefault, (disputeId));
        _act("resolveByDefault", stranger, data, leaseId, disputeId);
    }

    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 0, 4 days));
        _succeeded("warp");
    }

    // ------------------------------------------------------------ internals

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
        vm.prank(caller);
        (ok, ) = (disputeId == 0 ? address(leases) : address(disputes)).call(data);
        if (!ok) return false;
        if (_systemPaused()) ++ghost_pausedSuccesses;
        _succeeded(action);
        if (disputeId != 0 && disputes.dispute(disputeId).status == IDisputeModule.Status.Resolved)
            ghost_bondsOut += ghost_bond[disputeId];
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
