// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";
import {FreezableToken} from "../../contracts/mocks/FreezableToken.sol";
import {LeaseProperties} from "../properties/LeaseProperties.sol";

/// @title LeaseAgreementMutations
/// @notice Must-fail tests: each breaks one LA property on purpose (a lease corrupted with vm.store,
/// a balance moved with deal) and shows that property's check reports its id.
/// @dev Slots (MandateModule's base takes 0-3): treasury 4, _credits 5, productCount 6, leaseCount 7,
/// _products 8, _leases 9; DisputeModule's _disputes 9, a Dispute's third word packing the claimant,
/// the pause mark, feeBps (bytes 24-25) and claimantWinsByDefault. A Lease's status is byte 28 of
/// its first word, its escrow the third word. setUp checks leaseCount sits where the getter says and
/// each test checks the word it corrupts.
contract LeaseAgreementMutations is LeaseProperties {
    uint256 internal constant SLOT_CREDITS = 5;
    uint256 internal constant SLOT_LEASE_COUNT = 7;
    uint256 internal constant SLOT_PRODUCTS = 8;
    uint256 internal constant SLOT_LEASES = 9;
    uint256 internal constant SLOT_DISPUTES = 9;

    function setUp() public {
        _setUpLeaseHandler();
        // Lease 1 active (5 days), lease 2 (2 days) settled after its dispute window, lease 1
        // then disputed at the end of its term (dispute 1 open), and the earner's pay claimed.
        leaseHandler.listProduct(0, 1e12, 1 hours, 10 days);
        leaseHandler.openLease(0, 0, 5 days);
        leaseHandler.openLease(0, 1, 2 days);
        vm.warp(block.timestamp + 5 days + 1);
        leaseHandler.settle(1);
        leaseHandler.dispute(0);
        leaseHandler.claim(2, false); // parties(): lessee0, lessee1, earner0, ...: the earner
        assertEq(uint256(leases.lease(1).status), uint256(ILeaseAgreement.LeaseStatus.Disputed));
        assertEq(uint256(leases.lease(2).status), uint256(ILeaseAgreement.LeaseStatus.Settled));
        assertGt(leaseHandler.ghost_leaseClaimed(), 0, "setup: a claim");
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

    function test_LA02_caughtWhenAnEscrowRecordGrows() public {
        bytes32 slot = _leaseWord(1, 2);
        uint256 escrow = uint256(vm.load(address(leases), slot));
        assertEq(escrow, leases.lease(1).escrow, "layout: escrow");
        vm.store(address(leases), slot, bytes32(escrow + 1));
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

    /// LA-05's defect is the seed's: revoking consent pushed the refund to the lessee, so a frozen
    /// lessee made the earner's revocation revert. A mock stands for that revert.
    function test_LA05_caughtWhenAFrozenLesseeStopsARevocation() public {
        leaseHandler.listProduct(0, 1e12, 1 hours, 10 days);
        leaseHandler.openLease(1, 0, 5 days); // lease 3, on product 2, running
        token.setFrozen(leases.lease(3).lessee, true);
        vm.mockCallRevert(
            address(leases),
            abi.encodeCall(ILeaseAgreement.revokeConsent, (3)),
            abi.encodeWithSelector(FreezableToken.FreezableToken_Frozen.selector, address(0))
        );
        leaseHandler.revokeConsent(2); // the first Active lease from seed 2 on: lease 3
        _assertViolated("LA-05", this.check_LA05_noPartyFreezesAnother);
    }

    function test_LA05_caughtWhenACreditIsPaidWithoutBeingCleared() public {
        address earner = leases.product(1).earner;
        bytes32 slot = keccak256(abi.encode(earner, SLOT_CREDITS));
        assertEq(uint256(vm.load(address(leases), slot)), leases.creditOf(earner), "layout");
        vm.store(address(leases), slot, bytes32(uint256(1)));
        _assertViolated("LA-05", this.check_LA05_noPartyFreezesAnother);
    }

    /// DM-04's defect is the seed's: a dispute settled on the fee in force at resolution.
    function test_DM04_caughtWhenADisputesFeeFollowsGovernance() public {
        bytes32 slot = bytes32(uint256(keccak256(abi.encode(uint256(1), SLOT_DISPUTES))) + 2);
        uint256 word = uint256(vm.load(address(leaseDisputes), slot));
        assertEq(uint16(word >> 192), leaseDisputes.dispute(1).feeBps, "layout: feeBps");
        word = (word & ~(uint256(0xffff) << 192)) | (uint256(5_000) << 192);
        vm.store(address(leaseDisputes), slot, bytes32(word));
        _assertViolated("DM-04", this.check_DM04_disputesSettleOnTheirOpeningTerms);
    }

    function _leaseWord(uint256 leaseId, uint256 word) internal pure returns (bytes32) {
        return bytes32(uint256(keccak256(abi.encode(leaseId, SLOT_LEASES))) + word);
    }
}
