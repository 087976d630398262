// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {IPaymentCredits} from "../../contracts/interfaces/IPaymentCredits.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";

import {ReentrantToken} from "../utils/mocks/ReentrantToken.sol";
import {LeaseAgreement_Unit_Shared} from "./LeaseAgreementShared.sol";

/// @title LeaseAgreement_Accounting_Unit_Test
/// @notice Every escrowed token has a way out whoever stays silent, tokens are conserved across
/// every lifecycle, a lease is never paid twice, and the guard stops re-entry through the token.
contract LeaseAgreement_Accounting_Unit_Test is LeaseAgreement_Unit_Shared {
    // ---------------------------------------------------------------- silent parties

    function test_SilentEarner_TheLesseeSettlesAndTheEarnerIsPaid() public {
        uint256 leaseId = _open(DURATION);
        _warpPastWindow(leaseId);
        vm.prank(lessee);
        leases.settle(leaseId);
        assertEq(_wallet(earner), COST - _fee(COST, FEE_BPS));
        _assertEmptyOnceClaimed();
    }

    function test_SilentLessee_TheEarnerSettles() public {
        uint256 leaseId = _open(DURATION);
        vm.warp(block.timestamp + 2 days);
        _revoke(leaseId);
        _warpPastWindow(leaseId);
        vm.prank(earner);
        leases.settle(leaseId);
        assertEq(_wallet(earner), PRICE * 2 days - _fee(PRICE * 2 days, FEE_BPS));
        _assertEmptyOnceClaimed();
    }

    function test_SilentEarnerAndLessee_AStrangerSettles() public {
        uint256 leaseId = _open(DURATION);
        _warpPastWindow(leaseId);
        vm.prank(eve);
        leases.settle(leaseId);
        _assertStatus(leaseId, ILeaseAgreement.LeaseStatus.Settled);
        _assertEmptyOnceClaimed();
    }

    function test_SilentArbitrator_TheDefaultOutcomeIsAppliedByAnyone() public {
        // The DisputeModule lets anyone apply its default outcome past the ruling deadline; the mock's
        // open `resolve` stands for that call.
        uint256 leaseId = _open(DURATION);
        _warpToEnd(leaseId);
        uint256 disputeId = _dispute(leaseId);
        vm.prank(eve);
        disputes.resolve(disputeId, false);
        _assertEmptyOnceClaimed();
        assertEq(_wallet(treasury), _fee(COST, FEE_BPS));
    }

    function test_SilentTreasury_IsPaidWithoutActing() public {
        uint256 leaseId = _open(DURATION);
        _warpPastWindow(leaseId);
        leases.settle(leaseId);
        assertEq(_wallet(treasury), _fee(COST, FEE_BPS));
    }

    // ---------------------------------------------------------------- conservation

    /// @dev Every lifecycle, fuzzed: nothing is created or lost, the module ends empty, and each party
    /// gets exactly its share. Paths: 0 settle, 1 revoke then settle, 2 dispute won by the lessee,
    /// 3 revoke then dispute won by the earner.
    function testFuzz_Conservation(
        uint256 price,
        uint256 duration,
        uint256 revokeAfter,
        uint256 feeBps,
        uint8 path
    ) public {
        price = bound(price, 1, 1e16); // the longest term then costs under a third of the lessee's tokens
        duration = bound(duration, 2, MAX_LEASE);
        feeBps = bound(feeBps, 0, 1_000);
        path = path % 4;
        // Paths 1 and 3 revoke: at least one second used, so something is owed to dispute over.
        revokeAfter = bound(revokeAfter, 1, duration - 1);
        _setParameter(leases.PROTOCOL_FEE_BPS(), feeBps);
        uint256 id = _list(price, 1, MAX_LEASE, CONSENT);
        uint256 supply = _heldByParties();
        uint256 lesseeBefore = _wallet(lessee);

        uint256 leaseId = _openOf(id, duration, CONSENT);
        uint256 owed = price * duration;
        if (path == 1 || path == 3) {
            vm.warp(block.timestamp + revokeAfter);
            _revoke(leaseId);
            owed = price * revokeAfter;
            assertEq(_wallet(lessee), lesseeBefore - owed, "refund");
        }
        _assertBooks();
        if (path < 2) {
            _warpPastWindow(leaseId);
            leases.settle(leaseId);
        } else {
            _warpToEnd(leaseId);
            disputes.resolve(_dispute(leaseId), path == 2);
        }

        uint256 fee = path == 2 ? 0 : _fee(owed, feeBps);
        uint256 bond = path < 2 ? 0 : disputes.bondFor(owed);
        _assertBooks();
        assertEq(_heldByParties(), supply, "tokens created or lost");
        assertEq(_wallet(treasury), fee, "treasury");
        if (path == 2) {
            assertEq(_wallet(lessee), lesseeBefore, "lessee refunded in full");
            assertEq(_wallet(earner), 0, "earner");
        } else {
            assertEq(_wallet(lessee), lesseeBefore - owed - bond, "lessee");
            assertEq(_wallet(earner), owed - fee + bond, "earner");
        }
        assertEq(token.balanceOf(address(leases)), 0, "module not empty once every party claimed");
        // Never paid twice.
        vm.expectRevert();
        leases.settle(leaseId);
    }

    // ---------------------------------------------------------------- reentrancy

    function test_RevertWhen_TheTokenReentersDuringAPayout() public {
        ReentrantToken evil = new ReentrantToken();
        LeaseAgreement evilLeases = _deploy(IERC20(address(evil)), FEE_BPS);
        vm.prank(earner);
        uint256 id = evilLeases.listProduct(PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
        evil.mint(lessee, COST);
        vm.startPrank(lessee);
        evil.approve(address(evilLeases), COST);
        uint256 leaseId = evilLeases.openLease(id, earner, DURATION, CONSENT, COST);
        vm.stopPrank();

        // A revocation transfers nothing (the refund is credited); the claim's transfer calls back
        // into claim, which finds the credit already spent: the claim reverts whole, paying nothing
        // twice, and the credit waits for a claim that does not reenter.
        vm.warp(block.timestamp + 1 days);
        vm.prank(earner);
        evilLeases.revokeConsent(leaseId);
        uint256 refund = evilLeases.creditOf(lessee);
        evil.arm(address(evilLeases), abi.encodeCall(IPaymentCredits.claim, (lessee)));
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentCredits.PaymentCredits_NothingToClaim.selector, lessee)
        );
        evilLeases.claim(lessee);
        assertEq(evilLeases.creditOf(lessee), refund, "credit kept after the failed claim");
        evil.arm(address(0), ""); // the failed claim's revert undid the token's own disarming
        evilLeases.claim(lessee);
        assertEq(evil.balanceOf(lessee), refund, "paid once");
    }

    function _heldByParties() private view returns (uint256) {
        return
            token.balanceOf(lessee) +
            token.balanceOf(earner) +
            token.balanceOf(treasury) +
            token.balanceOf(address(leases)) +
            token.balanceOf(address(disputes));
    }
}
