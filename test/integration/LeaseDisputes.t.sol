// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {ILeaseAgreement} from "../../contracts/interfaces/ILeaseAgreement.sol";

import {Market_Test} from "../utils/MarketBase.t.sol";
import {Defaults} from "../utils/Defaults.sol";

/// Cross-module: a lease whose consent is revoked mid-term, then disputed through the real
/// DisputeModule and ruled for each side, or resolved by the default nobody had to apply. Every case
/// ends with LeaseAgreement and DisputeModule holding nothing and every token accounted for.
contract LeaseDisputes_Integration_Test is Market_Test {
    uint256 internal constant PRICE = 1e15; // tokens per second
    uint256 internal constant TERM = 10 days;
    uint256 internal constant USED = 4 days;
    uint256 internal constant FEE_BPS = Defaults.LEASE_PROTOCOL_FEE_BPS;
    uint256 internal constant WINDOW = Defaults.LEASE_DISPUTE_WINDOW;
    bytes32 internal constant CONSENT = keccak256("consent manifest v1");

    address internal earner = makeAddr("Earner");
    address internal lessee = makeAddr("Lessee");
    address[] internal holders;

    function setUp() public override {
        super.setUp();
        token.mint(lessee, 1_000e18);
        vm.startPrank(lessee);
        token.approve(address(leases), type(uint256).max);
        token.approve(address(disputes), type(uint256).max);
        vm.stopPrank();
        holders = [earner, lessee, treasury, address(leases), address(disputes)];
    }

    /// Opens a 10-day lease, revokes it after 4 days and disputes it. Returns the dispute id.
    function _revokedThenDisputed() internal returns (uint256 leaseId, uint256 disputeId) {
        vm.prank(earner);
        uint256 productId = leases.listProduct(PRICE, 1 hours, 30 days, CONSENT);
        vm.prank(lessee);
        leaseId = leases.openLease(productId, earner, TERM, CONSENT, PRICE * TERM);

        vm.warp(block.timestamp + USED);
        uint256 lesseeBefore = _wallet(lessee);
        vm.prank(earner);
        leases.revokeConsent(leaseId);
        assertEq(_wallet(lessee) - lesseeBefore, PRICE * (TERM - USED), "unused time refunded");
        assertEq(leases.lease(leaseId).escrow, PRICE * USED, "the used part stays owed");

        vm.prank(lessee);
        disputeId = leases.dispute(leaseId);
        assertEq(uint8(leases.lease(leaseId).status), uint8(ILeaseAgreement.LeaseStatus.Disputed));
        assertEq(disputes.dispute(disputeId).bond, _bond(), "bond sized on what is owed");
    }

    function _bond() internal pure returns (uint256) {
        uint256 share = (PRICE * USED * Defaults.BOND_SHARE_BPS) / 10_000;
        return share > Defaults.MIN_BOND ? share : Defaults.MIN_BOND;
    }

    /// @dev Claims from LeaseAgreement as well as from DisputeModule.
    function _wallet(address account) internal override returns (uint256) {
        if (leases.creditOf(account) != 0) leases.claim(account);
        return super._wallet(account);
    }

    function _total() internal view returns (uint256 sum) {
        for (uint256 i; i < holders.length; ++i) sum += token.balanceOf(holders[i]);
    }

    function _assertNothingLeft() internal {
        for (uint256 i; i < 3; ++i) _wallet(holders[i]);
        assertEq(token.balanceOf(address(leases)), 0, "LeaseAgreement holds nothing");
        assertEq(token.balanceOf(address(disputes)), 0, "DisputeModule holds nothing");
    }

    function test_RevokedLeaseDisputed_RuledForTheLessee() public {
        uint256 total = _total();
        (uint256 leaseId, uint256 disputeId) = _revokedThenDisputed();
        uint256 lesseeBefore = _wallet(lessee);

        vm.prank(arbitrator);
        disputes.rule(disputeId, true);

        // The lessee gets back what was owed to the earner, and the whole bond.
        assertEq(_wallet(lessee) - lesseeBefore, PRICE * USED + _bond());
        assertEq(_wallet(earner), 0);
        assertEq(uint8(leases.lease(leaseId).status), uint8(ILeaseAgreement.LeaseStatus.Refunded));
        _assertNothingLeft();
        assertEq(_total(), total, "nothing created or lost");
    }

    function test_RevokedLeaseDisputed_RuledForTheEarner() public {
        uint256 total = _total();
        (uint256 leaseId, uint256 disputeId) = _revokedThenDisputed();
        uint256 treasuryBefore = _wallet(treasury);

        vm.prank(arbitrator);
        disputes.rule(disputeId, false);

        uint256 owed = PRICE * USED;
        uint256 leaseFee = (owed * FEE_BPS) / 10_000;
        uint256 bondFee = (_bond() * Defaults.DISPUTE_FEE_BPS) / 10_000;
        // The earner is paid as in settle, and takes the forfeited bond minus the dispute fee.
        assertEq(_wallet(earner), owed - leaseFee + _bond() - bondFee);
        assertEq(_wallet(treasury) - treasuryBefore, leaseFee + bondFee);
        assertEq(uint8(leases.lease(leaseId).status), uint8(ILeaseAgreement.LeaseStatus.Settled));
        _assertNothingLeft();
        assertEq(_total(), total, "nothing created or lost");
    }

    function test_RevokedLeaseDisputed_NobodyRules_DefaultApplies() public {
        uint256 total = _total();
        (uint256 leaseId, uint256 disputeId) = _revokedThenDisputed();

        uint256 ruleBy = disputes.dispute(disputeId).ruleBy;
        vm.warp(ruleBy);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_RulingPeriodNotOver.selector,
                disputeId,
                ruleBy,
                ruleBy
            )
        );
        disputes.resolveByDefault(disputeId);

        vm.warp(ruleBy + 1);
        vm.prank(makeAddr("Anyone"));
        disputes.resolveByDefault(disputeId);

        // DEFAULT_OUTCOME is 2: the respondent (the earner) wins, the revocation's split stands.
        assertEq(Defaults.DEFAULT_OUTCOME, 2);
        assertEq(uint8(leases.lease(leaseId).status), uint8(ILeaseAgreement.LeaseStatus.Settled));
        assertGt(_wallet(earner), 0);
        _assertNothingLeft();
        assertEq(_total(), total, "nothing created or lost");

        // A case is ruled once: neither the arbitrator nor the default can touch it again.
        vm.prank(arbitrator);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                disputeId,
                IDisputeModule.Status.Resolved
            )
        );
        disputes.rule(disputeId, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                ILeaseAgreement.LeaseAgreement_WrongStatus.selector,
                leaseId,
                ILeaseAgreement.LeaseStatus.Settled
            )
        );
        leases.settle(leaseId);
    }

    function test_RevokedLease_Undisputed_SettlesAfterTheWindow() public {
        uint256 total = _total();
        vm.prank(earner);
        uint256 productId = leases.listProduct(PRICE, 1 hours, 30 days, CONSENT);
        vm.prank(lessee);
        uint256 leaseId = leases.openLease(productId, earner, TERM, CONSENT, PRICE * TERM);
        vm.warp(block.timestamp + USED);
        vm.prank(earner);
        leases.revokeConsent(leaseId);

        vm.warp(block.timestamp + WINDOW);
        vm.prank(makeAddr("Anyone")); // the silent earner does not hold the lessee's refund back
        leases.settle(leaseId);
        uint256 owed = PRICE * USED;
        assertEq(_wallet(earner), owed - (owed * FEE_BPS) / 10_000);
        _assertNothingLeft();
        assertEq(_total(), total, "nothing created or lost");
    }
}
