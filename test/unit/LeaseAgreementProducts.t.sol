// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";

import {LeaseAgreement_Unit_Shared} from "./LeaseAgreementShared.sol";

/// @title LeaseAgreement_Products_Unit_Test
/// @notice Listing, updating and deactivating products: the terms' rules at their edges, the earner
/// as the only one who changes a product, and leases keeping the consent hash they were opened under.
contract LeaseAgreement_Products_Unit_Test is LeaseAgreement_Unit_Shared {
    // ---------------------------------------------------------------- listProduct

    function test_ListProduct_StoresTermsAndEmits() public {
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.ProductListed(2, earner, 7, 1, 2 days, CONSENT_V2);
        uint256 id = _list(7, 1, 2 days, CONSENT_V2);

        assertEq(id, 2);
        assertEq(leases.productCount(), 2);
        ILeaseAgreement.Product memory p = leases.product(id);
        assertEq(p.earner, earner);
        assertTrue(p.active);
        assertEq(p.minDuration, 1);
        assertEq(p.maxDuration, 2 days);
        assertEq(p.pricePerSecond, 7);
        assertEq(p.consentHash, CONSENT_V2);
    }

    function test_RevertWhen_ListProductZeroPrice() public {
        vm.expectRevert(ILeaseAgreement.LeaseAgreement_ZeroPrice.selector);
        _list(0, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
    }

    function test_RevertWhen_ListProductZeroConsentHash() public {
        vm.expectRevert(ILeaseAgreement.LeaseAgreement_ZeroConsentHash.selector);
        _list(PRICE, PRODUCT_MIN, PRODUCT_MAX, bytes32(0));
    }

    function test_RevertWhen_ListProductMinBelowParameter() public {
        _setParameter(leases.MIN_LEASE_DURATION(), 1 hours);
        _expectInvalidDurations(1 hours - 1, PRODUCT_MAX, 1 hours, MAX_LEASE);
        _list(PRICE, 1 hours - 1, PRODUCT_MAX, CONSENT);
    }

    function test_RevertWhen_ListProductMinAboveMax() public {
        _expectInvalidDurations(2 days + 1, 2 days, MIN_LEASE, MAX_LEASE);
        _list(PRICE, 2 days + 1, 2 days, CONSENT);
    }

    function test_RevertWhen_ListProductMaxAboveParameter() public {
        _expectInvalidDurations(PRODUCT_MIN, MAX_LEASE + 1, MIN_LEASE, MAX_LEASE);
        _list(PRICE, PRODUCT_MIN, MAX_LEASE + 1, CONSENT);
    }

    function test_ListProduct_AtTheDurationBounds() public {
        uint256 id = _list(PRICE, MIN_LEASE, MAX_LEASE, CONSENT);
        assertEq(leases.product(id).minDuration, MIN_LEASE);
        assertEq(leases.product(id).maxDuration, MAX_LEASE);
        id = _list(PRICE, 5 days, 5 days, CONSENT);
        assertEq(leases.product(id).minDuration, leases.product(id).maxDuration);
    }

    function test_ListProduct_HighestPriceThatCannotOverflow() public {
        uint256 highest = type(uint256).max / PRODUCT_MAX;
        uint256 id = _list(highest, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
        assertEq(leases.product(id).pricePerSecond, highest);

        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_PriceOverflows.selector,
                highest + 1,
                PRODUCT_MAX
            )
        );
        _list(highest + 1, PRODUCT_MIN, PRODUCT_MAX, CONSENT);
    }

    // ---------------------------------------------------------------- updateProduct

    function test_UpdateProduct_ChangesTermsAndEmitsPreviousHash() public {
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.ProductUpdated(productId, 9, 2 hours, 3 days, CONSENT, CONSENT_V2);
        vm.prank(earner);
        leases.updateProduct(productId, 9, 2 hours, 3 days, CONSENT_V2);

        ILeaseAgreement.Product memory p = leases.product(productId);
        assertEq(p.pricePerSecond, 9);
        assertEq(p.minDuration, 2 hours);
        assertEq(p.maxDuration, 3 days);
        assertEq(p.consentHash, CONSENT_V2);
        assertEq(p.earner, earner);
        assertTrue(p.active);
    }

    function test_UpdateProduct_OpenLeasesKeepTheirConsentHashAndPrice() public {
        uint256 before = _open(DURATION);
        vm.prank(earner);
        leases.updateProduct(productId, PRICE * 2, PRODUCT_MIN, PRODUCT_MAX, CONSENT_V2);
        uint256 afterUpdate = _openOf(productId, DURATION, CONSENT_V2);

        assertEq(leases.lease(before).consentHash, CONSENT);
        assertEq(leases.lease(before).escrow, COST);
        assertEq(leases.lease(afterUpdate).consentHash, CONSENT_V2);
        assertEq(leases.lease(afterUpdate).escrow, 2 * COST);
    }

    function test_RevertWhen_UpdateProductNotEarner() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_CallerNotEarner.selector,
                productId,
                eve,
                earner
            )
        );
        vm.prank(eve);
        leases.updateProduct(productId, PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT_V2);
    }

    function test_RevertWhen_UpdateProductUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownProduct.selector, 2)
        );
        vm.prank(earner);
        leases.updateProduct(2, PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT_V2);
    }

    function test_RevertWhen_UpdateProductInactive() public {
        _deactivate(productId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_ProductInactive.selector,
                productId
            )
        );
        vm.prank(earner);
        leases.updateProduct(productId, PRICE, PRODUCT_MIN, PRODUCT_MAX, CONSENT_V2);
    }

    function test_RevertWhen_UpdateProductBreaksTheRules() public {
        vm.startPrank(earner);
        vm.expectRevert(ILeaseAgreement.LeaseAgreement_ZeroPrice.selector);
        leases.updateProduct(productId, 0, PRODUCT_MIN, PRODUCT_MAX, CONSENT_V2);
        vm.expectRevert(ILeaseAgreement.LeaseAgreement_ZeroConsentHash.selector);
        leases.updateProduct(productId, PRICE, PRODUCT_MIN, PRODUCT_MAX, bytes32(0));
        _expectInvalidDurations(0, PRODUCT_MAX, MIN_LEASE, MAX_LEASE);
        leases.updateProduct(productId, PRICE, 0, PRODUCT_MAX, CONSENT_V2);
        vm.stopPrank();
    }

    // ---------------------------------------------------------------- deactivateProduct

    function test_DeactivateProduct_StopsNewLeasesOnly() public {
        uint256 leaseId = _open(DURATION);
        vm.expectEmit(address(leases));
        emit ILeaseAgreement.ProductDeactivated(productId);
        _deactivate(productId);
        assertFalse(leases.product(productId).active);

        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_ProductInactive.selector,
                productId
            )
        );
        _open(DURATION);

        // The open lease runs on and settles.
        vm.warp(block.timestamp + DURATION + WINDOW);
        leases.settle(leaseId);
        _assertStatus(leaseId, ILeaseAgreement.LeaseStatus.Settled);
    }

    function test_RevertWhen_DeactivateProductTwice() public {
        _deactivate(productId);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_ProductInactive.selector,
                productId
            )
        );
        _deactivate(productId);
    }

    function test_RevertWhen_DeactivateProductNotEarner() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_CallerNotEarner.selector,
                productId,
                lessee,
                earner
            )
        );
        vm.prank(lessee);
        leases.deactivateProduct(productId);
    }

    function test_RevertWhen_ProductUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownProduct.selector, 0)
        );
        leases.product(0);
        vm.expectRevert(
            abi.encodeWithSelector(ILeaseAgreement.LeaseAgreement_UnknownProduct.selector, 5)
        );
        _deactivate(5);
    }

    // ---------------------------------------------------------------- helpers

    function _deactivate(uint256 id) private {
        vm.prank(earner);
        leases.deactivateProduct(id);
    }

    function _expectInvalidDurations(
        uint256 minDuration,
        uint256 maxDuration,
        uint256 lowerBound,
        uint256 upperBound
    ) private {
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_InvalidDurations.selector,
                minDuration,
                maxDuration,
                lowerBound,
                upperBound
            )
        );
    }
}
