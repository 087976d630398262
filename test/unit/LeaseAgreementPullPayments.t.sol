// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {IPaymentCredits} from "../../contracts/interfaces/IPaymentCredits.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {MockDisputeModule} from "../../contracts/mocks/MockDisputeModule.sol";

import {LeaseAgreement_Unit_Shared} from "./LeaseAgreementShared.sol";

/// @title LeaseAgreement_PullPayments_Unit_Test
/// @notice No party can freeze another (issue 12, 3b): with a token whose issuer freezes addresses,
/// a frozen lessee stops no revocation, a frozen earner or treasury no settlement, and a frozen party
/// no ruling; each is credited and claims once it can receive.
contract LeaseAgreement_PullPayments_Unit_Test is LeaseAgreement_Unit_Shared {
    FreezableToken internal frz;
    LeaseAgreement internal frozenLeases;
    MockDisputeModule internal frozenBonds;
    uint256 internal frozenProduct;

    function setUp() public override {
        super.setUp();
        frz = new FreezableToken();
        frozenLeases = _deploy(IERC20(address(frz)), FEE_BPS);
        frozenBonds = MockDisputeModule(address(frozenLeases.disputeModule()));
        vm.prank(earner);
        frozenProduct = frozenLeases.listProduct(PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
        frz.mint(lessee, 10 * COST);
        vm.startPrank(lessee);
        frz.approve(address(frozenLeases), type(uint256).max);
        frz.approve(address(frozenBonds), type(uint256).max);
        vm.stopPrank();
    }

    function _openFrozen() internal returns (uint256 leaseId) {
        vm.prank(lessee);
        leaseId = frozenLeases.openLease(frozenProduct, earner, DURATION, CONSENT, COST);
    }

    function test_FrozenLessee_EarnerStillRevokes() public {
        uint256 leaseId = _openFrozen();
        vm.warp(block.timestamp + 4 days);
        frz.setFrozen(lessee, true);
        vm.expectEmit(address(frozenLeases));
        emit IPaymentCredits.PaymentCredited(lessee, PRICE * 6 days, PRICE * 6 days);
        vm.prank(earner);
        frozenLeases.revokeConsent(leaseId);
        assertEq(
            uint8(frozenLeases.lease(leaseId).status),
            uint8(ILeaseAgreement.LeaseStatus.Revoked)
        );
        // The earner's settlement does not wait for the frozen lessee either.
        vm.warp(frozenLeases.disputeWindowClosesAt(leaseId));
        frozenLeases.settle(leaseId);
        frozenLeases.claim(earner);
        uint256 owed = PRICE * 4 days;
        assertEq(frz.balanceOf(earner), owed - _fee(owed, FEE_BPS));
        // The lessee's refund waits for it, whole.
        vm.expectRevert(
            abi.encodeWithSelector(FreezableToken.FreezableToken_Frozen.selector, lessee)
        );
        frozenLeases.claim(lessee);
        frz.setFrozen(lessee, false);
        frozenLeases.claim(lessee);
        assertEq(frz.balanceOf(lessee), 10 * COST - owed);
    }

    function test_FrozenEarnerAndTreasury_SettleStillEnds() public {
        uint256 leaseId = _openFrozen();
        frz.setFrozen(earner, true);
        frz.setFrozen(treasury, true);
        vm.warp(frozenLeases.disputeWindowClosesAt(leaseId));
        frozenLeases.settle(leaseId);
        assertEq(
            uint8(frozenLeases.lease(leaseId).status),
            uint8(ILeaseAgreement.LeaseStatus.Settled)
        );
        assertEq(frozenLeases.creditOf(earner), COST - _fee(COST, FEE_BPS));
        assertEq(frozenLeases.creditOf(treasury), _fee(COST, FEE_BPS));
    }

    function test_FrozenLessee_RulingAgainstItStillLands() public {
        uint256 leaseId = _openFrozen();
        vm.warp(block.timestamp + DURATION);
        vm.prank(lessee);
        uint256 disputeId = frozenLeases.dispute(leaseId);
        frz.setFrozen(lessee, true);
        frozenBonds.resolve(disputeId, false);
        // The mock pays the bond to the earner; the earner's settlement is credited.
        assertEq(frozenLeases.creditOf(earner), COST - _fee(COST, FEE_BPS));
    }

    function test_FrozenEarner_RefundRulingStillLands() public {
        uint256 leaseId = _openFrozen();
        vm.warp(block.timestamp + DURATION);
        vm.prank(lessee);
        uint256 disputeId = frozenLeases.dispute(leaseId);
        frz.setFrozen(earner, true);
        frozenBonds.resolve(disputeId, true);
        assertEq(frozenLeases.creditOf(lessee), COST);
        assertEq(
            uint8(frozenLeases.lease(leaseId).status),
            uint8(ILeaseAgreement.LeaseStatus.Refunded)
        );
    }

    function test_Claim_EmitsAndPaysTheAccount() public {
        uint256 leaseId = _openFrozen();
        vm.warp(frozenLeases.disputeWindowClosesAt(leaseId));
        frozenLeases.settle(leaseId);
        uint256 credit = frozenLeases.creditOf(earner);
        vm.expectEmit(address(frozenLeases));
        emit IPaymentCredits.PaymentClaimed(earner, lessee, credit);
        vm.prank(lessee);
        assertEq(frozenLeases.claim(earner), credit);
        assertEq(frz.balanceOf(earner), credit);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentCredits.PaymentCredits_NothingToClaim.selector, earner)
        );
        frozenLeases.claim(earner);
    }
}
