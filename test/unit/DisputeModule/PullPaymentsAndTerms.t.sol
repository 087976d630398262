// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {DisputeModule} from "../../../contracts/disputes/DisputeModule.sol";
import {IDisputeModule} from "../../../contracts/interfaces/IDisputeModule.sol";
import {IPaymentCredits} from "../../../contracts/interfaces/IPaymentCredits.sol";
import {FreezableToken} from "../../../contracts/mocks/FreezableToken.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {Market_Test} from "../../utils/MarketBase.t.sol";
import {MockDisputeClient} from "../../utils/mocks/MockDisputeClient.sol";

/// @title DisputeModule_PullPaymentsAndTerms_Unit_Test
/// @notice No party can freeze another (issue 12, 3b): a resolution credits the bond and each party
/// claims it, so a frozen claimant, respondent or treasury stops no ruling or default. Terms at entry
/// (3c, 4b): the fee and the default outcome in force when a dispute opened are the ones it settles on.
contract DisputeModule_PullPaymentsAndTerms_Unit_Test is Market_Test {
    uint256 internal constant VALUE = 1_000e18;
    uint256 internal constant BOND = 50e18; // 5% of 1,000
    uint256 internal constant FEE = 5e18; // 10% of the bond

    FreezableToken internal frz;
    DisputeModule internal frozenDisputes;
    MockDisputeClient internal client;

    function setUp() public override {
        super.setUp();
        frz = new FreezableToken();
        address[] memory none = new address[](0);
        frozenDisputes = new DisputeModule(
            address(timelock),
            address(systemPause),
            IERC20(address(frz)),
            arbitrator,
            treasury,
            _disputeParameters(),
            none
        );
        client = new MockDisputeClient(frozenDisputes);
        vm.prank(address(timelock));
        frozenDisputes.setModuleAuthorisation(address(client), true);
        frz.mint(agent, 1_000e18);
        vm.prank(agent);
        frz.approve(address(frozenDisputes), type(uint256).max);
    }

    function _openFrozen() internal returns (uint256) {
        return client.open(1, agent, employer, VALUE);
    }

    function _ruleFrozen(uint256 id, bool claimantWins) internal {
        vm.prank(arbitrator);
        frozenDisputes.rule(id, claimantWins);
    }

    // ---------------------------------------------------------------- credits and claims

    function test_Rule_CreditsInsteadOfPaying() public {
        uint256 id = _openFrozen();
        vm.expectEmit(address(frozenDisputes));
        emit IPaymentCredits.PaymentCredited(employer, BOND - FEE, BOND - FEE);
        vm.expectEmit(address(frozenDisputes));
        emit IPaymentCredits.PaymentCredited(treasury, FEE, FEE);
        _ruleFrozen(id, false);
        assertEq(frz.balanceOf(employer), 0, "nothing pushed");
        assertEq(frozenDisputes.creditOf(employer), BOND - FEE);
        assertEq(frozenDisputes.creditOf(treasury), FEE);
        assertEq(frz.balanceOf(address(frozenDisputes)), BOND, "held until claimed");
    }

    function test_Claim_ByAnyonePaysTheCreditedAccountOnly() public {
        _ruleFrozen(_openFrozen(), false);
        vm.expectEmit(address(frozenDisputes));
        emit IPaymentCredits.PaymentClaimed(treasury, eve, FEE);
        vm.prank(eve);
        assertEq(frozenDisputes.claim(treasury), FEE);
        assertEq(frz.balanceOf(treasury), FEE);
        assertEq(frz.balanceOf(eve), 0);
        assertEq(frozenDisputes.creditOf(treasury), 0);
    }

    function test_RevertWhen_ClaimingNothing() public {
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentCredits.PaymentCredits_NothingToClaim.selector, eve)
        );
        frozenDisputes.claim(eve);
    }

    function test_RevertWhen_ClaimingTwice() public {
        _ruleFrozen(_openFrozen(), true);
        frozenDisputes.claim(agent);
        vm.expectRevert(
            abi.encodeWithSelector(IPaymentCredits.PaymentCredits_NothingToClaim.selector, agent)
        );
        frozenDisputes.claim(agent);
    }

    function test_RevertWhen_ClaimingWhilePaused() public {
        _ruleFrozen(_openFrozen(), true);
        vm.prank(address(systemPause));
        frozenDisputes.pause();
        vm.expectRevert();
        frozenDisputes.claim(agent);
        assertEq(frozenDisputes.creditOf(agent), BOND, "credit kept");
    }

    function test_Credits_AddUpAcrossDisputes() public {
        _ruleFrozen(_openFrozen(), true);
        _ruleFrozen(_openFrozen(), true);
        assertEq(frozenDisputes.creditOf(agent), 2 * BOND);
        frozenDisputes.claim(agent);
        assertEq(frz.balanceOf(agent), 1_000e18, "both bonds back");
    }

    // ---------------------------------------------------------------- a frozen party stops nobody

    function test_FrozenRespondentAndTreasury_RulingStillLands() public {
        uint256 id = _openFrozen();
        frz.setFrozen(employer, true);
        frz.setFrozen(treasury, true);
        _ruleFrozen(id, false);
        assertEq(uint8(frozenDisputes.dispute(id).status), uint8(IDisputeModule.Status.Resolved));
        assertEq(client.calls(), 1, "the client settled its case");
        // The frozen respondent waits for its own money; unfrozen, it claims it.
        vm.expectRevert(
            abi.encodeWithSelector(FreezableToken.FreezableToken_Frozen.selector, employer)
        );
        frozenDisputes.claim(employer);
        frz.setFrozen(employer, false);
        frozenDisputes.claim(employer);
        assertEq(frz.balanceOf(employer), BOND - FEE);
    }

    function test_FrozenClaimant_DefaultStillApplies() public {
        _setParameter(address(frozenDisputes), frozenDisputes.DEFAULT_OUTCOME(), 1);
        uint256 id = _openFrozen();
        frz.setFrozen(agent, true);
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        vm.prank(eve);
        frozenDisputes.resolveByDefault(id);
        assertTrue(frozenDisputes.dispute(id).claimantWon);
        assertEq(frozenDisputes.creditOf(agent), BOND);
    }

    // ---------------------------------------------------------------- terms at entry

    function test_OpenDispute_FixesFeeAndDefault() public {
        uint256 id = _openFrozen();
        IDisputeModule.Dispute memory d = frozenDisputes.dispute(id);
        assertEq(d.feeBps, Defaults.DISPUTE_FEE_BPS);
        assertFalse(d.claimantWinsByDefault, "deployed default: the respondent wins");
    }

    function test_FeeRaisedAfterOpening_DisputeSettlesOnItsOwnFee() public {
        uint256 id = _openFrozen();
        _setParameter(address(frozenDisputes), frozenDisputes.DISPUTE_FEE_BPS(), 5_000);
        _ruleFrozen(id, false);
        assertEq(frozenDisputes.creditOf(treasury), FEE, "the fee in force at opening");
        // A dispute opened after the change pays the new fee.
        _ruleFrozen(_openFrozen(), false);
        assertEq(frozenDisputes.creditOf(treasury), FEE + BOND / 2);
    }

    function test_DefaultFlippedAfterOpening_DisputeKeepsItsDefault() public {
        uint256 id = _openFrozen();
        _setParameter(address(frozenDisputes), frozenDisputes.DEFAULT_OUTCOME(), 1);
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        frozenDisputes.resolveByDefault(id);
        assertFalse(frozenDisputes.dispute(id).claimantWon, "the default in force at opening");
    }

    function test_BondTermsChangedAfterOpening_BondAndDeadlineStay() public {
        uint256 id = _openFrozen();
        uint256 ruleBy = frozenDisputes.dispute(id).ruleBy;
        _setParameter(address(frozenDisputes), frozenDisputes.BOND_SHARE_BPS(), 10_000);
        _setParameter(address(frozenDisputes), frozenDisputes.MIN_BOND(), 1e21);
        _setParameter(address(frozenDisputes), frozenDisputes.RULING_PERIOD(), 90 days);
        assertEq(frozenDisputes.dispute(id).bond, BOND);
        assertEq(frozenDisputes.ruleByInForce(id), ruleBy);
        _ruleFrozen(id, true);
        assertEq(frozenDisputes.creditOf(agent), BOND, "the bond posted comes back, no more");
    }
}
