// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";

import {LeaseAgreement_Unit_Shared} from "./LeaseAgreementShared.sol";

/// @title LeaseAgreement_Disputes_Unit_Test
/// @notice dispute within the window -> Disputed -> onDisputeResolved -> Refunded (lessee won) or
/// Settled (earner won), through the MockDisputeModule that stands for the DisputeModule.
contract LeaseAgreement_Disputes_Unit_Test is LeaseAgreement_Unit_Shared {
    uint256 internal leaseId;

    function setUp() public override {
        super.setUp();
        leaseId = _open(DURATION);
    }

    // ---------------------------------------------------------------- dispute

    function test_Dispute_OpensACaseWithTheLesseeAsClaimant() public {
        _warpToEnd(leaseId);
        uint256 bond = disputes.bondFor(COST);
        uint256 lesseeBefore = _wallet(lessee);

        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseDisputed(leaseId, 1, COST);
        uint256 disputeId = _dispute(leaseId);

        assertEq(disputeId, 1);
        _assertStatus(leaseId, ILeaseAgreement.LeaseStatus.Disputed);
        IDisputeModule.Dispute memory d = disputes.disputeOf(disputeId);
        assertEq(d.client, address(leases));
        assertEq(d.caseId, leaseId);
        assertEq(d.claimant, lessee);
        assertEq(d.respondent, earner);
        assertEq(d.valueAtStake, COST);
        assertEq(d.bond, bond);
        assertEq(_wallet(lessee), lesseeBefore - bond);
        assertEq(leases.lease(leaseId).escrow, COST, "escrow waits for the ruling");
        _assertBooks();
    }

    function test_Dispute_AtTheLastSecondOfTheWindow() public {
        vm.warp(leases.disputeWindowClosesAt(leaseId) - 1);
        _dispute(leaseId);
        _assertStatus(leaseId, ILeaseAgreement.LeaseStatus.Disputed);
    }

    function test_Dispute_AfterARevocationPutsOnlyTheUsedPartAtStake() public {
        vm.warp(block.timestamp + 1 days);
        _revoke(leaseId);
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseDisputed(leaseId, 1, PRICE * 1 days);
        _dispute(leaseId);
        assertEq(disputes.disputeOf(1).valueAtStake, PRICE * 1 days);
    }

    function test_RevertWhen_DisputeBeforeTheTermEnds() public {
        uint256 endsAt = leases.lease(leaseId).endsAt;
        vm.warp(endsAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_TermNotEnded.selector,
                leaseId,
                endsAt,
                endsAt - 1
            )
        );
        _dispute(leaseId);
    }

    function test_RevertWhen_DisputeWindowClosed() public {
        uint256 closesAt = leases.disputeWindowClosesAt(leaseId);
        vm.warp(closesAt);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_DisputeWindowClosed.selector,
                leaseId,
                closesAt,
                closesAt
            )
        );
        _dispute(leaseId);
    }

    function test_RevertWhen_DisputeNotLessee() public {
        _warpToEnd(leaseId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_CallerNotLessee.selector,
                leaseId,
                earner,
                lessee
            )
        );
        vm.prank(earner);
        leases.dispute(leaseId);
    }

    function test_RevertWhen_DisputeTwiceOrSettleWhileDisputed() public {
        _warpToEnd(leaseId);
        _dispute(leaseId);
        bytes memory wrongStatus = abi.encodeWithSelector(
            ILeaseAgreement.LeaseAgreement_WrongStatus.selector,
            leaseId,
            ILeaseAgreement.LeaseStatus.Disputed
        );
        vm.expectRevert(wrongStatus);
        _dispute(leaseId);
        _warpPastWindow(leaseId);
        vm.expectRevert(wrongStatus);
        leases.settle(leaseId);
    }

    function test_RevertWhen_DisputeSettledLease() public {
        _warpPastWindow(leaseId);
        leases.settle(leaseId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_WrongStatus.selector,
                leaseId,
                ILeaseAgreement.LeaseStatus.Settled
            )
        );
        _dispute(leaseId);
    }

    function test_RevertWhen_DisputeUnknownLease() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownLease.selector, 2)
        );
        _dispute(2);
    }

    // ---------------------------------------------------------------- onDisputeResolved

    function test_OnDisputeResolved_LesseeWinsIsRefundedWhatWasOwed() public {
        uint256 disputeId = _disputeAtEnd();
        uint256 lesseeBefore = _wallet(lessee);

        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseDisputeResolved(leaseId, true);
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseRefunded(leaseId, lessee, COST);
        disputes.resolve(disputeId, true);

        _assertStatus(leaseId, ILeaseAgreement.LeaseStatus.Refunded);
        assertEq(leases.lease(leaseId).escrow, 0);
        // The escrow and the bond come back; the earner and the treasury get nothing.
        assertEq(_wallet(lessee), lesseeBefore + COST + disputes.bondFor(COST));
        assertEq(_wallet(earner), 0);
        assertEq(_wallet(treasury), 0);
        _assertBooks();
    }

    function test_OnDisputeResolved_EarnerWinsIsPaidAsInSettle() public {
        uint256 disputeId = _disputeAtEnd();
        uint256 fee = _fee(COST, FEE_BPS);

        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseDisputeResolved(leaseId, false);
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseSettled(leaseId, earner, COST - fee, fee);
        disputes.resolve(disputeId, false);

        _assertStatus(leaseId, ILeaseAgreement.LeaseStatus.Settled);
        assertEq(_wallet(earner), COST - fee + disputes.bondFor(COST));
        assertEq(_wallet(treasury), fee);
        _assertBooks();
    }

    function test_RevertWhen_OnDisputeResolvedNotDisputeModule() public {
        _disputeAtEnd();
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_CallerNotDisputeModule.selector,
                lessee,
                address(disputes)
            )
        );
        vm.prank(lessee);
        leases.onDisputeResolved(leaseId, true);
    }

    function test_RevertWhen_OnDisputeResolvedNotDisputed() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_WrongStatus.selector,
                leaseId,
                ILeaseAgreement.LeaseStatus.Active
            )
        );
        vm.prank(address(disputes));
        leases.onDisputeResolved(leaseId, false);
    }

    function test_RevertWhen_OnDisputeResolvedTwice() public {
        uint256 disputeId = _disputeAtEnd();
        disputes.resolve(disputeId, true);
        // A second call back (a faulty DisputeModule) cannot pay the lease again.
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_WrongStatus.selector,
                leaseId,
                ILeaseAgreement.LeaseStatus.Refunded
            )
        );
        vm.prank(address(disputes));
        leases.onDisputeResolved(leaseId, false);
    }

    function test_RevertWhen_OnDisputeResolvedUnknownLease() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownLease.selector, 7)
        );
        vm.prank(address(disputes));
        leases.onDisputeResolved(7, true);
    }

    function _disputeAtEnd() private returns (uint256) {
        _warpToEnd(leaseId);
        return _dispute(leaseId);
    }
}
