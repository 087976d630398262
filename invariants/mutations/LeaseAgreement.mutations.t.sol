// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {LeaseProperties} from "../properties/LeaseProperties.sol";

/// @title LeaseAgreementMutations
/// @notice Must-fail tests: each breaks one LA property on purpose (a lease corrupted with vm.store,
/// a balance moved with deal) and shows that property's check reports its id.
/// @dev Slots (MandateModule's base takes 0-3): treasury 4, productCount 5, leaseCount 6, _products 7,
/// _leases 8. A Lease's status is byte 28 of its first word, its escrow the third word. setUp checks
/// leaseCount sits where the getter says and each test checks the word it corrupts.
contract LeaseAgreementMutations is LeaseProperties {
    uint256 internal constant SLOT_LEASE_COUNT = 6;
    uint256 internal constant SLOT_PRODUCTS = 7;
    uint256 internal constant SLOT_LEASES = 8;

    function setUp() public {
        _setUpLeaseHandler();
        // Lease 1 active (5 days), lease 2 (2 days) settled after its dispute window.
        leaseHandler.listProduct(0, 1e12, 1 hours, 10 days);
        leaseHandler.openLease(0, 0, 5 days);
        leaseHandler.openLease(0, 1, 2 days);
        vm.warp(block.timestamp + 5 days + 1);
        leaseHandler.settle(1);
        assertEq(uint256(leases.lease(1).status), uint256(ILeaseAgreement.LeaseStatus.Active));
        assertEq(uint256(leases.lease(2).status), uint256(ILeaseAgreement.LeaseStatus.Settled));
        assertEq(uint256(vm.load(address(leases), bytes32(SLOT_LEASE_COUNT))), 2, "layout: count");
    }

    function test_allPropertiesHoldBeforeBreaking() public view {
        _checkLeases();
    }

    function test_LA01_caughtWhenEscrowRecordShrinks() public {
        bytes32 slot = _leaseWord(1, 2);
        uint256 escrow = uint256(vm.load(address(leases), slot));
        assertEq(escrow, leases.lease(1).escrow, "layout: escrow");
        vm.store(address(leases), slot, bytes32(escrow - 1));
        _assertViolated("LA-01", this.check_LA01_escrowCoversUnsettledLeases);
    }

    function test_LA02_caughtWhenTokensAppearInTheEscrow() public {
        deal(address(token), address(leases), token.balanceOf(address(leases)) + 1);
        _assertViolated("LA-02", this.check_LA02_escrowFlows);
    }

    function test_LA03_caughtWhenSettledLeaseReopens() public {
        bytes32 slot = _leaseWord(2, 0);
        uint256 word = uint256(vm.load(address(leases), slot));
        assertEq(uint8(word >> 224), uint8(ILeaseAgreement.LeaseStatus.Settled), "layout: status");
        word =
            (word & ~(uint256(0xff) << 224)) |
            (uint256(uint8(ILeaseAgreement.LeaseStatus.Active)) << 224);
        vm.store(address(leases), slot, bytes32(word));
        _assertViolated("LA-03", this.check_LA03_forwardOnlyStates);
    }

    function test_LA04_caughtWhenAProductChangesEarner() public {
        bytes32 slot = bytes32(uint256(keccak256(abi.encode(uint256(1), SLOT_PRODUCTS))));
        uint256 word = uint256(vm.load(address(leases), slot));
        assertEq(address(uint160(word)), leases.product(1).earner, "layout: earner");
        address copycat = makeAddr("Copycat");
        word = (word & ~uint256(type(uint160).max)) | uint256(uint160(copycat));
        vm.store(address(leases), slot, bytes32(word));
        _assertViolated("LA-04", this.check_LA04_leaseNamesItsEarner);
    }

    function _leaseWord(uint256 leaseId, uint256 word) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode(leaseId, SLOT_LEASES))) + word);
    }
}
