// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {LeaseAgreement} from "../../contracts/leases/LeaseAgreement.sol";
import {FeeOnTransferToken} from "../../contracts/mocks/FeeOnTransferToken.sol";

import {LeaseAgreement_Unit_Shared} from "./LeaseAgreementShared.sol";

/// @title LeaseAgreement_Leases_Unit_Test
/// @notice openLease -> Active -> (revokeConsent -> Revoked) -> wait out the window -> settle ->
/// Settled, with every error, the arithmetic edges and the exact payouts.
contract LeaseAgreement_Leases_Unit_Test is LeaseAgreement_Unit_Shared {
    // ---------------------------------------------------------------- openLease

    function test_OpenLease_EscrowsExactlyAndRecordsTheConsentHash() public {
        uint256 lesseeBefore = _wallet(lessee);
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseOpened(
            1,
            productId,
            lessee,
            COST,
            block.timestamp,
            block.timestamp + DURATION,
            CONSENT
        );
        uint256 leaseId = _open(DURATION);

        assertEq(leaseId, 1);
        assertEq(leases.leaseCount(), 1);
        ILeaseAgreement.Lease memory l = leases.lease(leaseId);
        assertEq(l.lessee, lessee);
        assertEq(l.startedAt, block.timestamp);
        assertEq(uint8(l.status), uint8(ILeaseAgreement.LeaseStatus.Active));
        assertEq(l.feeBps, FEE_BPS);
        assertEq(l.productId, productId);
        assertEq(l.endsAt, block.timestamp + DURATION);
        assertEq(l.disputeWindow, WINDOW);
        assertEq(l.escrow, COST);
        assertEq(l.consentHash, CONSENT);
        assertEq(leases.disputeWindowClosesAt(leaseId), block.timestamp + DURATION + WINDOW);
        assertEq(_wallet(lessee), lesseeBefore - COST);
        _assertBooks();
    }

    function test_OpenLease_AtExactlyMaxCost() public {
        vm.prank(lessee);
        uint256 leaseId = leases.openLease(productId, earner, DURATION, CONSENT, COST);
        assertEq(leases.lease(leaseId).escrow, COST);
    }

    function test_RevertWhen_OpenLeaseCostAboveMaxCost() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_CostAboveLimit.selector,
                COST,
                COST - 1
            )
        );
        vm.prank(lessee);
        leases.openLease(productId, earner, DURATION, CONSENT, COST - 1);
    }

    function test_RevertWhen_OpenLeaseConsentHashMismatch() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_ConsentHashMismatch.selector,
                productId,
                CONSENT_V2,
                CONSENT
            )
        );
        _openOf(productId, DURATION, CONSENT_V2);
    }

    /// A copycat lists an honest earner's public manifest hash as its own product. A lessee who names
    /// the earner the manifest names is refused, nothing moves, and the honest product still leases.
    function test_RevertWhen_OpenLeaseEarnerIsNotTheManifests() public {
        address copycat = makeAddr("Copycat");
        vm.prank(copycat);
        uint256 copy = leases.listProduct(PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
        uint256 lesseeBefore = _wallet(lessee);

        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_EarnerMismatch.selector,
                copy,
                earner,
                copycat
            )
        );
        vm.prank(lessee);
        leases.openLease(copy, earner, DURATION, CONSENT, COST);

        assertEq(_wallet(lessee), lesseeBefore);
        assertEq(leases.leaseCount(), 0);
        uint256 leaseId = _open(DURATION);
        assertEq(leases.lease(leaseId).productId, productId);
        assertEq(leases.product(leases.lease(leaseId).productId).earner, earner);
    }

    function test_RevertWhen_OpenLeaseUnknownProduct() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownProduct.selector, 9)
        );
        _openOf(9, DURATION, CONSENT);
    }

    function test_OpenLease_AtTheProductDurations() public {
        assertEq(leases.lease(_open(PRODUCT_MIN)).escrow, PRICE * PRODUCT_MIN);
        assertEq(leases.lease(_open(PRODUCT_MAX)).escrow, PRICE * PRODUCT_MAX);
        _expectDurationOutOfBounds(PRODUCT_MIN - 1, PRODUCT_MIN, PRODUCT_MAX);
        _open(PRODUCT_MIN - 1);
        _expectDurationOutOfBounds(PRODUCT_MAX + 1, PRODUCT_MIN, PRODUCT_MAX);
        _open(PRODUCT_MAX + 1);
    }

    function test_OpenLease_ParametersNarrowListedProducts() public {
        _setParameter(leases.MIN_LEASE_DURATION(), 1 days);
        _setParameter(leases.MAX_LEASE_DURATION(), 2 days);
        _expectDurationOutOfBounds(1 days - 1, 1 days, 2 days);
        _open(1 days - 1);
        _expectDurationOutOfBounds(2 days + 1, 1 days, 2 days);
        _open(2 days + 1);
        assertEq(leases.lease(_open(2 days)).escrow, PRICE * 2 days);
    }

    function test_OpenLease_OneSecondAtOneWei() public {
        uint256 id = _list(1, 1, 1 days, CONSENT);
        uint256 leaseId = _openOf(id, 1, CONSENT);
        assertEq(leases.lease(leaseId).escrow, 1);
        assertEq(leases.lease(leaseId).endsAt, block.timestamp + 1);

        // 1 wei at 2.5% pays no fee (rounded down): the earner gets the wei.
        vm.warp(block.timestamp + 1 + WINDOW);
        leases.settle(leaseId);
        assertEq(_wallet(earner), 1);
        assertEq(_wallet(treasury), 0);
        _assertBooks();
    }

    function test_OpenLease_LongestTermAtTheHighestPrice() public {
        uint256 longest = leases.MAX_LEASE_DURATION_CEILING();
        _setParameter(leases.MAX_LEASE_DURATION(), longest);
        uint256 price = type(uint256).max / longest;
        uint256 id = _list(price, 1 days, longest, CONSENT);

        // The cost fits 256 bits but no token supply: the pull fails in the token, not in the math.
        uint256 cost = price * longest;
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientBalance.selector,
                lessee,
                _wallet(lessee),
                cost
            )
        );
        _openOf(id, longest, CONSENT);

        // A realistic price over ten years escrows exactly and ends ten years on.
        id = _list(PRICE, 1 days, longest, CONSENT);
        uint256 leaseId = _openOf(id, longest, CONSENT);
        assertEq(leases.lease(leaseId).escrow, PRICE * longest);
        assertEq(leases.lease(leaseId).endsAt, block.timestamp + longest);
    }

    function test_RevertWhen_OpenLeaseNotApproved() public {
        vm.prank(lessee);
        token.approve(address(leases), COST - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(leases),
                COST - 1,
                COST
            )
        );
        _open(DURATION);
    }

    function test_RevertWhen_OpenLeaseFeeOnTransferToken() public {
        FeeOnTransferToken feeToken = new FeeOnTransferToken();
        LeaseAgreement feeLeases = _deploy(IERC20(address(feeToken)), FEE_BPS);
        vm.prank(earner);
        uint256 id = feeLeases.listProduct(PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
        feeToken.mint(lessee, COST);
        vm.startPrank(lessee);
        feeToken.approve(address(feeLeases), COST);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_TransferShortfall.selector,
                COST,
                COST - COST / 100
            )
        );
        feeLeases.openLease(id, earner, DURATION, CONSENT, COST);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- revokeConsent

    function test_RevokeConsent_RefundsUnusedSecondsAtOnce() public {
        uint256 leaseId = _open(DURATION);
        uint256 used = 4 days + 17;
        vm.warp(block.timestamp + used);
        uint256 refund = PRICE * (DURATION - used);
        uint256 lesseeBefore = _wallet(lessee);

        vm.expectEmit(address(leases));
        emit ILeaseAgreement.ConsentRevoked(leaseId, block.timestamp, refund, PRICE * used);
        _revoke(leaseId);

        ILeaseAgreement.Lease memory l = leases.lease(leaseId);
        assertEq(uint8(l.status), uint8(ILeaseAgreement.LeaseStatus.Revoked));
        assertEq(l.endsAt, block.timestamp);
        assertEq(l.escrow, PRICE * used);
        assertEq(l.consentHash, CONSENT);
        assertEq(_wallet(lessee), lesseeBefore + refund);
        assertEq(leases.disputeWindowClosesAt(leaseId), block.timestamp + WINDOW);
        _assertBooks();

        // The used part is paid once the window after the revocation has passed.
        _warpPastWindow(leaseId);
        leases.settle(leaseId);
        uint256 fee = _fee(PRICE * used, FEE_BPS);
        assertEq(_wallet(earner), PRICE * used - fee);
        assertEq(_wallet(treasury), fee);
        _assertBooks();
    }

    function test_RevokeConsent_AtTheFirstSecondRefundsEverything() public {
        uint256 leaseId = _open(DURATION);
        uint256 lesseeBefore = _wallet(lessee);
        _revoke(leaseId);
        assertEq(_wallet(lessee), lesseeBefore + COST);
        assertEq(leases.lease(leaseId).escrow, 0);

        // Nothing is owed: no dispute, and settling pays nobody.
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_NothingOwed.selector, leaseId)
        );
        _dispute(leaseId);
        _warpPastWindow(leaseId);
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseSettled(leaseId, earner, 0, 0);
        leases.settle(leaseId);
        assertEq(_wallet(earner), 0);
        assertEq(_wallet(treasury), 0);
        _assertBooks();
    }

    function test_RevokeConsent_AtTheLastSecondRefundsOneSecond() public {
        uint256 leaseId = _open(DURATION);
        vm.warp(block.timestamp + DURATION - 1);
        uint256 lesseeBefore = _wallet(lessee);
        _revoke(leaseId);
        assertEq(_wallet(lessee), lesseeBefore + PRICE);
        assertEq(leases.lease(leaseId).escrow, COST - PRICE);
        _assertBooks();
    }

    function test_RevertWhen_RevokeConsentAtTheEnd() public {
        uint256 leaseId = _open(DURATION);
        uint256 endsAt = block.timestamp + DURATION;
        vm.warp(endsAt);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_TermEnded.selector,
                leaseId,
                endsAt,
                endsAt
            )
        );
        _revoke(leaseId);
    }

    function test_RevertWhen_RevokeConsentNotEarner() public {
        uint256 leaseId = _open(DURATION);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_CallerNotEarner.selector,
                productId,
                lessee,
                earner
            )
        );
        vm.prank(lessee);
        leases.revokeConsent(leaseId);
    }

    function test_RevertWhen_RevokeConsentTwice() public {
        uint256 leaseId = _open(DURATION);
        vm.warp(block.timestamp + 1 days);
        _revoke(leaseId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_WrongStatus.selector,
                leaseId,
                ILeaseAgreement.LeaseStatus.Revoked
            )
        );
        _revoke(leaseId);
    }

    function test_RevertWhen_RevokeConsentUnknownLease() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownLease.selector, 3)
        );
        _revoke(3);
    }

    // ---------------------------------------------------------------- settle

    function test_Settle_ByAnyoneOnceTheWindowHasPassed() public {
        uint256 leaseId = _open(DURATION);
        uint256 closesAt = block.timestamp + DURATION + WINDOW;
        vm.warp(closesAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_DisputeWindowOpen.selector,
                leaseId,
                closesAt,
                closesAt - 1
            )
        );
        leases.settle(leaseId);

        vm.warp(closesAt);
        uint256 fee = _fee(COST, FEE_BPS);
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.LeaseSettled(leaseId, earner, COST - fee, fee);
        vm.prank(eve);
        leases.settle(leaseId);

        _assertStatus(leaseId, ILeaseAgreement.LeaseStatus.Settled);
        assertEq(leases.lease(leaseId).escrow, 0);
        assertEq(_wallet(earner), COST - fee);
        assertEq(_wallet(treasury), fee);
        _assertBooks();
    }

    function test_RevertWhen_SettleTwice() public {
        uint256 leaseId = _open(DURATION);
        _warpPastWindow(leaseId);
        leases.settle(leaseId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_WrongStatus.selector,
                leaseId,
                ILeaseAgreement.LeaseStatus.Settled
            )
        );
        leases.settle(leaseId);
    }

    function test_RevertWhen_SettleUnknownLease() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownLease.selector, 0)
        );
        leases.settle(0);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownLease.selector, 1)
        );
        leases.lease(1);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownLease.selector, 1)
        );
        leases.disputeWindowClosesAt(1);
    }

    function test_Settle_ZeroFee() public {
        _setParameter(leases.PROTOCOL_FEE_BPS(), 0);
        uint256 leaseId = _open(DURATION);
        _warpPastWindow(leaseId);
        leases.settle(leaseId);
        assertEq(_wallet(earner), COST);
        assertEq(_wallet(treasury), 0);
        _assertBooks();
    }

    function test_Settle_MaximumFee() public {
        _setParameter(leases.PROTOCOL_FEE_BPS(), 1_000);
        uint256 leaseId = _open(DURATION);
        _warpPastWindow(leaseId);
        leases.settle(leaseId);
        assertEq(_wallet(earner), COST - COST / 10);
        assertEq(_wallet(treasury), COST / 10);
        _assertBooks();
    }

    function test_Settle_FeeRoundsDown() public {
        // 39 wei at 2.5% is 0.975 wei: the treasury gets 0, the earner all 39.
        uint256 id = _list(1, 1, 1 days, CONSENT);
        uint256 leaseId = _openOf(id, 39, CONSENT);
        _warpPastWindow(leaseId);
        leases.settle(leaseId);
        assertEq(_wallet(earner), 39);
        assertEq(_wallet(treasury), 0);
    }

    // ---------------------------------------------------------------- helpers

    function _expectDurationOutOfBounds(uint256 duration, uint256 min, uint256 max) private {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_DurationOutOfBounds.selector,
                productId,
                duration,
                min,
                max
            )
        );
    }
}
