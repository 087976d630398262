// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {DisputeModule} from "../../contracts/disputes/DisputeModule.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {InvariantBase} from "../base/InvariantBase.sol";
import {IPauseOracle} from "../base/HandlerBase.sol";
import {LeaseHandler} from "../handlers/LeaseHandler.sol";
import {SystemDeployer} from "../../test/utils/SystemDeployer.sol";

/// @title LeaseProperties
/// @notice The LeaseAgreement properties (LA-xx in invariants/PROPERTIES.md) as read-only checks on
/// LeaseAgreement and the handler's ghost state. Every assertion message starts with the property id.
abstract contract LeaseProperties is InvariantBase {
    address internal leaseArbitrator = makeAddr("leaseArbitrator");
    address internal leaseTreasury = makeAddr("leaseTreasury");

    DisputeModule internal leaseDisputes;
    LeaseAgreement internal leases;
    LeaseHandler internal leaseHandler;

    /// @dev Deploys the whole system of deploy/modules.ts (SystemDeployer, the test defaults) with
    /// this suite's arbitrator and treasury; JobRegistry is deployed but idle in this suite.
    function _setUpLeaseHandler() internal {
        SystemDeployer.System memory system = _deployFullSystem(leaseTreasury, leaseArbitrator);
        leaseDisputes = system.disputes;
        leases = system.leases;
        // No switch in this suite: the system suite runs leases under pauses.
        leaseHandler = new LeaseHandler(
            leases,
            IPauseOracle(address(0)),
            timelock,
            governanceSafe,
            leaseArbitrator
        );
    }

    function _leaseHandlerSelectors() internal pure returns (bytes4[] memory selectors) {
        LeaseHandler h;
        bytes4[17] memory weighted = [
            h.listProduct.selector,
            h.updateProduct.selector,
            h.toggleFreeze.selector,
            h.claim.selector,
            h.claim.selector,
            h.claim.selector,
            h.openLease.selector,
            h.openLease.selector,
            h.openLease.selector,
            h.revokeConsent.selector,
            h.dispute.selector,
            h.dispute.selector,
            h.settle.selector,
            h.rule.selector,
            h.resolveByDefault.selector,
            h.warp.selector,
            h.warp.selector
        ];
        selectors = new bytes4[](weighted.length);
        for (uint256 i; i < weighted.length; ++i) {
            selectors[i] = weighted[i];
        }
    }

    function _checkLeases() internal view {
        check_LA01_escrowCoversUnsettledLeases();
        check_LA02_escrowFlows();
        check_LA03_forwardOnlyStates();
        check_LA04_leaseNamesItsEarner();
        check_LA05_noPartyFreezesAnother();
        check_DM04_disputesSettleOnTheirOpeningTerms();
    }

    /// @dev What LeaseAgreement owes the parties the suite follows (lessees, earners, treasury).
    function _leaseCredits() internal view returns (uint256 sum) {
        address[] memory parties = leaseHandler.parties();
        for (uint256 i; i < parties.length; ++i) sum += leases.creditOf(parties[i]);
    }

    /// LA-01: LeaseAgreement's token balance equals the sum of the escrows of its leases plus the
    /// credits of the parties, and a settled or refunded lease escrows nothing.
    function check_LA01_escrowCoversUnsettledLeases() public view {
        uint256 count = leases.leaseCount();
        uint256 held;
        for (uint256 id = 1; id <= count; ++id) {
            ILeaseAgreement.Lease memory l = leases.lease(id);
            if (
                l.status == ILeaseAgreement.LeaseStatus.Settled ||
                l.status == ILeaseAgreement.LeaseStatus.Refunded
            ) _eq(l.escrow, 0, "LA-01 a paid lease still escrows tokens");
            held += l.escrow;
        }
        _eq(
            token.balanceOf(address(leases)),
            held + _leaseCredits(),
            "LA-01 LeaseAgreement balance differs from the escrows of unsettled leases + credits"
        );
    }

    /// LA-02: each lease escrows price x term when opened, price x used seconds after a revocation
    /// (the unused ones refunded), 0 once paid; escrow in = credited out + held over all time.
    function check_LA02_escrowFlows() public view {
        uint256 count = leases.leaseCount();
        uint256 held;
        for (uint256 id = 1; id <= count; ++id) {
            uint256 escrow = leases.lease(id).escrow;
            _eq(
                escrow,
                leaseHandler.ghost_escrow(id),
                "LA-02 a lease escrows other than its price x its owed seconds"
            );
            held += escrow;
        }
        _eq(
            leaseHandler.ghost_escrowIn(),
            leaseHandler.ghost_escrowOut() + held,
            "LA-02 escrow in differs from escrow credited out + held"
        );
    }

    /// LA-05: no party can freeze another: with lessees, earners and the treasury frozen and unfrozen
    /// at random by the token's issuer, every due revocation, settlement, ruling and default succeeds
    /// while the system runs; what LeaseAgreement credited equals what was claimed plus what it still
    /// owes; and each claim paid the whole credit to the credited account (one of a frozen account
    /// fails and keeps the credit).
    function check_LA05_noPartyFreezesAnother() public view {
        _eq(
            leaseHandler.ghost_blockedSettlements(),
            0,
            "LA-05 a due revocation, settlement or ruling failed while the system ran"
        );
        _eq(leaseHandler.ghost_badClaims(), 0, "LA-05 a claim paid other than the credit");
        _eq(
            leaseHandler.ghost_escrowOut(),
            leaseHandler.ghost_leaseClaimed() + _leaseCredits(),
            "LA-05 escrow credited differs from claimed + owed"
        );
    }

    /// DM-04: every lease dispute holds the terms in force when it opened (fee and default outcome;
    /// the bond in DM-02 and LA's ghosts, the deadline in SY-06), whatever governance set since, and
    /// every resolution credited on them: the claimant the whole bond, or the respondent the bond less
    /// the opening fee share and the treasury that share; a default applied the opening default.
    function check_DM04_disputesSettleOnTheirOpeningTerms() public view {
        _eq(
            leaseHandler.ghost_offTermsResolutions(),
            0,
            "DM-04 a dispute resolved on other terms than it opened on"
        );
        uint256 count = leaseDisputes.disputeCount();
        for (uint256 id = 1; id <= count; ++id) {
            IDisputeModule.Dispute memory d = leaseDisputes.dispute(id);
            if (d.client != address(leases)) continue;
            _eq(
                d.feeBps,
                leaseHandler.ghost_disputeFeeBps(id),
                "DM-04 a dispute's fee is not the one in force when it opened"
            );
            _eq(
                d.claimantWinsByDefault,
                leaseHandler.ghost_claimantWinsByDefault(id),
                "DM-04 a dispute's default is not the one in force when it opened"
            );
        }
    }

    /// LA-03: every lease transition is an edge (None->Active; Active->Revoked, Disputed, Settled;
    /// Revoked->Disputed, Settled; Disputed->Settled, Refunded; the last two final), and each
    /// lease's status on chain is the last recorded.
    function check_LA03_forwardOnlyStates() public view {
        _eq(
            leaseHandler.ghost_illegalTransitions(),
            0,
            "LA-03 a lease moved along no allowed edge"
        );
        uint256 count = leases.leaseCount();
        for (uint256 id = 1; id <= count; ++id) {
            _eq(
                uint256(leases.lease(id).status),
                uint256(leaseHandler.ghost_status(id)),
                "LA-03 a lease's status changed outside a recorded transition"
            );
        }
    }

    /// LA-04: a lease is opened only on a product of the earner its lessee named: every lease's
    /// product belongs to the earner named at opening, and no opening that named another succeeded.
    function check_LA04_leaseNamesItsEarner() public view {
        _eq(
            leaseHandler.ghost_foreignEarnerOpenings(),
            0,
            "LA-04 a lease opened although its lessee named another earner"
        );
        uint256 count = leases.leaseCount();
        for (uint256 id = 1; id <= count; ++id) {
            _eq(
                uint256(uint160(leases.product(leases.lease(id).productId).earner)),
                uint256(uint160(leaseHandler.ghost_namedEarner(id))),
                "LA-04 a lease's product belongs to another earner than the one its lessee named"
            );
        }
    }
}
