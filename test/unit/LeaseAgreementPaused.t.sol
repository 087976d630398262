// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";

import {LeaseAgreement_Unit_Shared} from "./LeaseAgreementShared.sol";

/// @title LeaseAgreement_Paused_Unit_Test
/// @notice While SystemPause holds the system paused every user-facing function stops with
/// `EnforcedPause()`; governance keeps working, and a dispute's ruling still lands.
contract LeaseAgreement_Paused_Unit_Test is LeaseAgreement_Unit_Shared {
    uint256 internal running;
    uint256 internal ended;
    uint256 internal disputed;
    uint256 internal disputeId;

    function setUp() public override {
        super.setUp();
        disputed = _open(PRODUCT_MIN);
        ended = _open(PRODUCT_MIN);
        vm.warp(block.timestamp + PRODUCT_MIN);
        disputeId = _dispute(disputed);
        running = _open(DURATION);
        vm.warp(block.timestamp + WINDOW);
        _pauseAll();
        assertTrue(leases.paused());
    }

    function test_RevertWhen_PausedProducts() public {
        vm.startPrank(earner);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        leases.listProduct(PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        leases.updateProduct(productId, PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT_V2);
        vm.expectRevert(Pausable.EnforcedPause.selector);
        leases.deactivateProduct(productId);
        vm.stopPrank();
    }

    function test_RevertWhen_PausedOpenLease() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _open(DURATION);
    }

    function test_RevertWhen_PausedRevokeConsent() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _revoke(running);
    }

    function test_RevertWhen_PausedSettle() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        leases.settle(ended);
    }

    function test_RevertWhen_PausedDispute() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _dispute(running);
    }

    function test_Paused_RulingStillLands() public {
        disputes.resolve(disputeId, true);
        _assertStatus(disputed, ILeaseAgreement.LeaseStatus.Refunded);
        _assertBooks();
    }

    function test_Paused_GovernanceKeepsWorking() public {
        _setParameter(leases.PROTOCOL_FEE_BPS(), 0);
        vm.prank(address(timelock));
        leases.setTreasury(eve);
        assertEq(leases.protocolFeeBps(), 0);
        assertEq(leases.treasury(), eve);
    }

    function test_Unpause_ResumesWhereItStopped() public {
        vm.prank(address(timelock));
        systemPause.unpauseAll();
        leases.settle(ended);
        _assertStatus(ended, ILeaseAgreement.LeaseStatus.Settled);
        _assertBooks();
    }

    /// The lessee's window stands still while LeaseAgreement is paused, and while the DisputeModule
    /// (which a dispute needs) is: both clocks count (test/unit/PauseWindows.t.sol has the edges).
    function test_Unpause_DisputeWindowExtendedByBothClocks() public {
        uint256 closesAt = leases.disputeWindowClosesAt(running);
        vm.warp(block.timestamp + 2 days);
        vm.prank(address(timelock));
        systemPause.unpauseAll();
        assertEq(leases.disputeWindowClosesAt(running), closesAt + 2 days, "LeaseAgreement");
        disputes.setPausedSeconds(1 days); // as if the DisputeModule had been paused for a day
        assertEq(leases.disputeWindowClosesAt(running), closesAt + 3 days, "and the DisputeModule");
    }
}
