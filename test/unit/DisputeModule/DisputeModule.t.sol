// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {DisputeModule} from "../../../contracts/disputes/DisputeModule.sol";
import {IDisputeModule} from "../../../contracts/interfaces/IDisputeModule.sol";
import {IMandateModule} from "../../../contracts/interfaces/IMandateModule.sol";
import {IModuleAuthorisation} from "../../../contracts/interfaces/IModuleAuthorisation.sol";
import {ITreasuryFee} from "../../../contracts/interfaces/ITreasuryFee.sol";
import {FeeOnTransferToken} from "../../../contracts/mocks/FeeOnTransferToken.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {Market_Test} from "../../utils/MarketBase.t.sol";
import {MockDisputeClient} from "../../utils/mocks/MockDisputeClient.sol";

/// @title DisputeModule_Unit_Test
/// @notice DisputeModule through a mock client module: opening and bonding, evidence, ruling, the
/// default after the deadline, payouts, access, parameter bounds and the pause.
contract DisputeModule_Unit_Test is Market_Test {
    uint256 internal constant CASE_ID = 42;
    uint256 internal constant VALUE = 1_000e18;
    /// @dev 5% of 1,000 = 50 > MIN_BOND 10.
    uint256 internal constant BOND = 50e18;

    MockDisputeClient internal client;

    function setUp() public override {
        super.setUp();
        client = new MockDisputeClient(disputes);
        vm.prank(address(timelock));
        disputes.setModuleAuthorisation(address(client), true);
    }

    function _open() internal returns (uint256) {
        return client.open(CASE_ID, agent, employer, VALUE);
    }

    // ---------------------------------------------------------------- construction

    function test_Constructor_SetsEverything() public view {
        assertEq(address(disputes.token()), address(token));
        assertEq(disputes.arbitrator(), arbitrator);
        assertEq(disputes.treasury(), treasury);
        assertEq(disputes.owner(), address(timelock));
        assertEq(disputes.pauser(), address(systemPause));
        assertTrue(disputes.isAuthorisedModule(address(registry)));
        assertEq(disputes.disputeCount(), 0);
        assertEq(disputes.parameter(disputes.MIN_BOND()), Defaults.MIN_BOND);
        assertEq(disputes.parameter(disputes.BOND_SHARE_BPS()), Defaults.BOND_SHARE_BPS);
        assertEq(disputes.parameter(disputes.DISPUTE_FEE_BPS()), Defaults.DISPUTE_FEE_BPS);
        assertEq(disputes.parameter(disputes.RULING_PERIOD()), Defaults.RULING_PERIOD);
        assertEq(disputes.parameter(disputes.DEFAULT_OUTCOME()), Defaults.DEFAULT_OUTCOME);
        bytes32[] memory keys = disputes.parameterKeys();
        assertEq(keys.length, 5);
        assertEq(keys[0], keccak256("MIN_BOND"));
        assertEq(keys[1], keccak256("BOND_SHARE_BPS"));
        assertEq(keys[2], keccak256("DISPUTE_FEE_BPS"));
        assertEq(keys[3], keccak256("RULING_PERIOD"));
        assertEq(keys[4], keccak256("DEFAULT_OUTCOME"));
    }

    function test_Constructor_EmitsArbitratorAndTreasury() public {
        vm.expectEmit();
        emit ITreasuryFee.TreasuryUpdated(address(0), treasury);
        vm.expectEmit();
        emit IDisputeModule.ArbitratorUpdated(address(0), arbitrator);
        _newDisputeModule(IERC20(address(token)), arbitrator, treasury, _disputeParameters());
    }

    function test_RevertWhen_ConstructedWithZeroToken() public {
        vm.expectRevert(IDisputeModule.DisputeModule_ZeroAddress.selector);
        _newDisputeModule(IERC20(address(0)), arbitrator, treasury, _disputeParameters());
    }

    function test_RevertWhen_ConstructedWithZeroArbitrator() public {
        vm.expectRevert(IDisputeModule.DisputeModule_ZeroAddress.selector);
        _newDisputeModule(IERC20(address(token)), address(0), treasury, _disputeParameters());
    }

    function test_RevertWhen_ConstructedWithZeroTreasury() public {
        vm.expectRevert(ITreasuryFee.TreasuryFee_ZeroAddress.selector);
        _newDisputeModule(IERC20(address(token)), arbitrator, address(0), _disputeParameters());
    }

    function test_RevertWhen_ConstructedWithParameterOutOfBounds() public {
        DisputeModule.InitialParameters memory p = _disputeParameters();
        p.defaultOutcome = 0;
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                keccak256("DEFAULT_OUTCOME"),
                0,
                1,
                2
            )
        );
        _newDisputeModule(IERC20(address(token)), arbitrator, treasury, p);
    }

    // ---------------------------------------------------------------- bondFor

    function test_BondFor_ShareAboveMinimum() public view {
        assertEq(disputes.bondFor(VALUE), BOND);
    }

    function test_BondFor_MinimumAboveShare() public view {
        assertEq(disputes.bondFor(Defaults.MIN_BOND), Defaults.MIN_BOND);
        assertEq(disputes.bondFor(Defaults.MIN_BOND + 1), Defaults.MIN_BOND);
        // 5% of 200 is exactly the minimum of 10.
        assertEq(disputes.bondFor(200e18), Defaults.MIN_BOND);
        assertEq(disputes.bondFor(200e18 + 20), Defaults.MIN_BOND + 1);
    }

    /// The bond never exceeds the value at stake: contesting never costs more than the case is worth,
    /// whatever MIN_BOND governance sets (its ceiling included).
    function test_BondFor_NeverAboveTheValueAtStake() public {
        assertEq(disputes.bondFor(0), 0);
        assertEq(disputes.bondFor(1), 1);
        assertEq(disputes.bondFor(Defaults.MIN_BOND - 1), Defaults.MIN_BOND - 1);
        _setParameter(address(disputes), disputes.MIN_BOND(), disputes.MAX_MIN_BOND());
        _setParameter(address(disputes), disputes.BOND_SHARE_BPS(), 10_000);
        assertEq(disputes.bondFor(VALUE), VALUE);
        assertEq(disputes.bondFor(1e30), 1e30);
    }

    function testFuzz_BondFor_TheRule(uint256 value, uint256 minBond, uint256 shareBps) public {
        minBond = bound(minBond, 1, disputes.MAX_MIN_BOND());
        shareBps = bound(shareBps, 0, 10_000);
        value = bound(value, 0, 1e40);
        _setParameter(address(disputes), disputes.MIN_BOND(), minBond);
        _setParameter(address(disputes), disputes.BOND_SHARE_BPS(), shareBps);
        uint256 bond = disputes.bondFor(value);
        assertLe(bond, value, "above the value at stake");
        uint256 share = (value * shareBps) / 10_000;
        uint256 floor = share > minBond ? share : minBond;
        assertEq(bond, floor < value ? floor : value, "min(max(share, MIN_BOND), value)");
    }

    function test_BondFor_MaximumValueDoesNotOverflow() public {
        _setParameter(address(disputes), disputes.BOND_SHARE_BPS(), 10_000);
        assertEq(disputes.bondFor(type(uint256).max), type(uint256).max);
    }

    // ---------------------------------------------------------------- openDispute

    function test_OpenDispute_StoresPullsBondAndEmits() public {
        uint256 agentBefore = _wallet(agent);
        uint256 ruleBy = block.timestamp + Defaults.RULING_PERIOD;
        vm.expectEmit(address(disputes));
        emit IDisputeModule.DisputeOpened(
            1,
            address(client),
            CASE_ID,
            agent,
            employer,
            VALUE,
            BOND,
            ruleBy
        );
        uint256 id = _open();

        assertEq(id, 1);
        assertEq(disputes.disputeCount(), 1);
        assertEq(_wallet(agent), agentBefore - BOND);
        assertEq(token.balanceOf(address(disputes)), BOND);
        IDisputeModule.Dispute memory d = disputes.dispute(id);
        assertEq(d.client, address(client));
        assertEq(d.ruleBy, ruleBy);
        assertEq(uint8(d.status), uint8(IDisputeModule.Status.Open));
        assertFalse(d.claimantWon);
        assertEq(d.caseId, CASE_ID);
        assertEq(d.claimant, agent);
        assertEq(d.respondent, employer);
        assertEq(d.valueAtStake, VALUE);
        assertEq(d.bond, BOND);
    }

    function test_OpenDispute_IdsIncrease() public {
        assertEq(_open(), 1);
        assertEq(client.open(CASE_ID, agent, employer, 200e18), 2);
        assertEq(disputes.dispute(2).bond, Defaults.MIN_BOND);
    }

    function test_RevertWhen_OpenDisputeCallerNotAuthorised() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                eve
            )
        );
        vm.prank(eve);
        disputes.openDispute(CASE_ID, agent, employer, VALUE);
    }

    function test_RevertWhen_OpenDisputeZeroClaimant() public {
        vm.expectRevert(IDisputeModule.DisputeModule_ZeroAddress.selector);
        client.open(CASE_ID, address(0), employer, VALUE);
    }

    function test_RevertWhen_OpenDisputeZeroRespondent() public {
        vm.expectRevert(IDisputeModule.DisputeModule_ZeroAddress.selector);
        client.open(CASE_ID, agent, address(0), VALUE);
    }

    function test_RevertWhen_OpenDisputeSameParties() public {
        vm.expectRevert(
            abi.encodeWithSelector(IDisputeModule.DisputeModule_SameParties.selector, agent)
        );
        client.open(CASE_ID, agent, agent, VALUE);
    }

    function test_RevertWhen_OpenDisputeBondNotApproved() public {
        vm.prank(agent);
        token.approve(address(disputes), BOND - 1);
        vm.expectRevert(); // ERC20InsufficientAllowance from the token
        _open();
    }

    function test_RevertWhen_OpenDisputeTokenDeliversLess() public {
        FeeOnTransferToken feeToken = new FeeOnTransferToken();
        DisputeModule module = _newDisputeModule(
            IERC20(address(feeToken)),
            arbitrator,
            treasury,
            _disputeParameters()
        );
        MockDisputeClient feeClient = new MockDisputeClient(module);
        vm.prank(address(timelock));
        module.setModuleAuthorisation(address(feeClient), true);
        feeToken.mint(agent, BOND);
        vm.prank(agent);
        feeToken.approve(address(module), BOND);

        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_TransferShortfall.selector,
                BOND,
                BOND - BOND / 100
            )
        );
        feeClient.open(CASE_ID, agent, employer, VALUE);
    }

    // ---------------------------------------------------------------- evidence

    function test_SubmitEvidence_ByClaimantEmits() public {
        uint256 id = _open();
        vm.expectEmit(address(disputes));
        emit IDisputeModule.EvidenceSubmitted(id, agent, keccak256("claim"));
        vm.prank(agent);
        disputes.submitEvidence(id, keccak256("claim"));
    }

    function test_SubmitEvidence_ByRespondentEmits() public {
        uint256 id = _open();
        vm.expectEmit(address(disputes));
        emit IDisputeModule.EvidenceSubmitted(id, employer, keccak256("answer"));
        vm.prank(employer);
        disputes.submitEvidence(id, keccak256("answer"));
    }

    function test_SubmitEvidence_AfterRulingDeadlineWhileOpen() public {
        uint256 id = _open();
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        vm.expectEmit(address(disputes));
        emit IDisputeModule.EvidenceSubmitted(id, employer, keccak256("late"));
        vm.prank(employer);
        disputes.submitEvidence(id, keccak256("late"));
    }

    function test_RevertWhen_SubmitEvidenceNotParty() public {
        uint256 id = _open();
        vm.expectRevert(
            abi.encodeWithSelector(IDisputeModule.DisputeModule_NotParty.selector, id, eve)
        );
        vm.prank(eve);
        disputes.submitEvidence(id, keccak256("noise"));
    }

    function test_RevertWhen_SubmitEvidenceUnknownDispute() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                7,
                IDisputeModule.Status.None
            )
        );
        vm.prank(agent);
        disputes.submitEvidence(7, keccak256("claim"));
    }

    function test_RevertWhen_SubmitEvidenceResolved() public {
        uint256 id = _open();
        _rule(id, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                id,
                IDisputeModule.Status.Resolved
            )
        );
        vm.prank(agent);
        disputes.submitEvidence(id, keccak256("claim"));
    }

    // ---------------------------------------------------------------- rule

    function test_Rule_ClaimantWins_RefundsWholeBond() public {
        uint256 id = _open();
        uint256 agentBefore = _wallet(agent);
        uint256 employerBefore = _wallet(employer);
        vm.expectEmit(address(disputes));
        emit IDisputeModule.DisputeResolved(id, true, false, BOND, 0, 0);
        _rule(id, true);

        assertEq(_wallet(agent), agentBefore + BOND);
        assertEq(_wallet(employer), employerBefore);
        assertEq(_wallet(treasury), 0);
        assertEq(token.balanceOf(address(disputes)), 0);
        IDisputeModule.Dispute memory d = disputes.dispute(id);
        assertEq(uint8(d.status), uint8(IDisputeModule.Status.Resolved));
        assertTrue(d.claimantWon);
        assertEq(client.calls(), 1);
        assertEq(client.lastCaseId(), CASE_ID);
        assertTrue(client.lastClaimantWins());
    }

    function test_Rule_ClaimantLoses_BondToRespondentMinusFee() public {
        uint256 id = _open();
        uint256 employerBefore = _wallet(employer);
        uint256 fee = (BOND * Defaults.DISPUTE_FEE_BPS) / 10_000; // 5
        vm.expectEmit(address(disputes));
        emit IDisputeModule.DisputeResolved(id, false, false, 0, BOND - fee, fee);
        _rule(id, false);

        assertEq(_wallet(employer), employerBefore + BOND - fee);
        assertEq(_wallet(treasury), fee);
        assertEq(token.balanceOf(address(disputes)), 0);
        assertFalse(disputes.dispute(id).claimantWon);
        assertFalse(client.lastClaimantWins());
    }

    function test_Rule_ClaimantLoses_ZeroFeeSendsNothingToTreasury() public {
        _setParameter(address(disputes), disputes.DISPUTE_FEE_BPS(), 0);
        uint256 id = _open();
        uint256 employerBefore = _wallet(employer);
        _rule(id, false);
        assertEq(_wallet(employer), employerBefore + BOND);
        assertEq(_wallet(treasury), 0);
    }

    function test_Rule_ClaimantLoses_MaxFeeIsHalf() public {
        _setParameter(address(disputes), disputes.DISPUTE_FEE_BPS(), 5_000);
        uint256 id = _open();
        uint256 employerBefore = _wallet(employer);
        _rule(id, false);
        assertEq(_wallet(employer), employerBefore + BOND / 2);
        assertEq(_wallet(treasury), BOND / 2);
    }

    function test_Rule_OneWeiBond_FeeRoundsToZero() public {
        _setParameter(address(disputes), disputes.MIN_BOND(), 1);
        _setParameter(address(disputes), disputes.DISPUTE_FEE_BPS(), 5_000);
        uint256 id = client.open(CASE_ID, agent, employer, 1);
        assertEq(disputes.dispute(id).bond, 1);
        uint256 employerBefore = _wallet(employer);
        _rule(id, false);
        assertEq(_wallet(employer), employerBefore + 1);
        assertEq(_wallet(treasury), 0);
    }

    function test_Rule_AtTheLastSecondOfTheRulingPeriod() public {
        uint256 id = _open();
        vm.warp(disputes.dispute(id).ruleBy);
        _rule(id, true);
        assertTrue(disputes.dispute(id).claimantWon);
    }

    /// A late ruling is refused, even while nobody applied the default: the default and a ruling
    /// never race, so the party the default favours cannot front-run the arbitrator.
    function test_RevertWhen_RuleAfterTheRulingPeriod() public {
        uint256 id = _open();
        uint256 ruleBy = disputes.dispute(id).ruleBy;
        vm.warp(ruleBy + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_RulingPeriodOver.selector,
                id,
                ruleBy,
                ruleBy + 1
            )
        );
        _rule(id, true);
        disputes.resolveByDefault(id);
        assertFalse(disputes.dispute(id).claimantWon);
    }

    function test_Rule_FeeGoesToCurrentTreasury() public {
        uint256 id = _open();
        address newTreasury = makeAddr("NewTreasury");
        vm.prank(address(timelock));
        disputes.setTreasury(newTreasury);
        _rule(id, false);
        assertEq(_wallet(newTreasury), (BOND * Defaults.DISPUTE_FEE_BPS) / 10_000);
    }

    function test_RevertWhen_RuleCallerNotArbitrator() public {
        uint256 id = _open();
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_CallerNotArbitrator.selector,
                employer,
                arbitrator
            )
        );
        vm.prank(employer);
        disputes.rule(id, false);
    }

    function test_RevertWhen_RuleTwice() public {
        uint256 id = _open();
        _rule(id, true);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                id,
                IDisputeModule.Status.Resolved
            )
        );
        _rule(id, false);
    }

    function test_RevertWhen_RuleUnknownDispute() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                1,
                IDisputeModule.Status.None
            )
        );
        _rule(1, true);
    }

    function test_RevertWhen_RuleAndClientRefuses_DisputeStaysOpen() public {
        uint256 id = _open();
        client.setRefuse(true);
        vm.expectRevert(
            abi.encodeWithSelector(MockDisputeClient.MockDisputeClient_Refused.selector, CASE_ID)
        );
        _rule(id, true);
        assertEq(uint8(disputes.dispute(id).status), uint8(IDisputeModule.Status.Open));
        assertEq(token.balanceOf(address(disputes)), BOND);

        client.setRefuse(false);
        _rule(id, true);
        assertEq(client.calls(), 1);
    }

    function test_RevertWhen_ClientReentersDuringCallback() public {
        uint256 id = _open();
        vm.warp(block.timestamp + Defaults.RULING_PERIOD); // the ruling's last second
        client.setReenter(abi.encodeCall(IDisputeModule.resolveByDefault, (id)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        _rule(id, true);
    }

    // ---------------------------------------------------------------- resolveByDefault

    function test_ResolveByDefault_RespondentWinsByDefault() public {
        uint256 id = _open();
        uint256 employerBefore = _wallet(employer);
        uint256 fee = (BOND * Defaults.DISPUTE_FEE_BPS) / 10_000;
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        vm.expectEmit(address(disputes));
        emit IDisputeModule.DisputeResolved(id, false, true, 0, BOND - fee, fee);
        vm.prank(eve);
        disputes.resolveByDefault(id);
        assertEq(_wallet(employer), employerBefore + BOND - fee);
        assertFalse(client.lastClaimantWins());
        assertEq(client.calls(), 1);
    }

    function test_ResolveByDefault_ClaimantWinsByDefault() public {
        _setParameter(address(disputes), disputes.DEFAULT_OUTCOME(), 1);
        uint256 id = _open();
        uint256 agentBefore = _wallet(agent);
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        vm.expectEmit(address(disputes));
        emit IDisputeModule.DisputeResolved(id, true, true, BOND, 0, 0);
        vm.prank(eve);
        disputes.resolveByDefault(id);
        assertEq(_wallet(agent), agentBefore + BOND);
        assertTrue(client.lastClaimantWins());
    }

    function test_RevertWhen_ResolveByDefaultAtRuleBy() public {
        uint256 id = _open();
        uint256 ruleBy = block.timestamp + Defaults.RULING_PERIOD;
        vm.warp(ruleBy);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_RulingPeriodNotOver.selector,
                id,
                ruleBy,
                ruleBy
            )
        );
        disputes.resolveByDefault(id);
    }

    function test_RevertWhen_ResolveByDefaultAfterRuling() public {
        uint256 id = _open();
        _rule(id, true);
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                id,
                IDisputeModule.Status.Resolved
            )
        );
        disputes.resolveByDefault(id);
    }

    function test_RevertWhen_RuleAfterDefaultApplied() public {
        uint256 id = _open();
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        disputes.resolveByDefault(id);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_NotOpen.selector,
                id,
                IDisputeModule.Status.Resolved
            )
        );
        _rule(id, true);
    }

    // ---------------------------------------------------------------- governance

    function test_SetArbitrator_OwnerReplacesAndEmits() public {
        address next = makeAddr("NextArbitrator");
        uint256 id = _open();
        vm.expectEmit(address(disputes));
        emit IDisputeModule.ArbitratorUpdated(arbitrator, next);
        vm.prank(address(timelock));
        disputes.setArbitrator(next);
        assertEq(disputes.arbitrator(), next);
        // The new arbitrator rules open disputes; the old one no longer can.
        vm.expectRevert(
            abi.encodeWithSelector(
                IDisputeModule.DisputeModule_CallerNotArbitrator.selector,
                arbitrator,
                next
            )
        );
        _rule(id, true);
        vm.prank(next);
        disputes.rule(id, true);
    }

    function test_RevertWhen_SetArbitratorZero() public {
        vm.expectRevert(IDisputeModule.DisputeModule_ZeroAddress.selector);
        vm.prank(address(timelock));
        disputes.setArbitrator(address(0));
    }

    function test_RevertWhen_SetArbitratorNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, arbitrator)
        );
        vm.prank(arbitrator);
        disputes.setArbitrator(eve);
    }

    function test_SetTreasury_OwnerReplacesAndEmits() public {
        address next = makeAddr("NextTreasury");
        vm.expectEmit(address(disputes));
        emit ITreasuryFee.TreasuryUpdated(treasury, next);
        vm.prank(address(timelock));
        disputes.setTreasury(next);
        assertEq(disputes.treasury(), next);
    }

    function test_RevertWhen_SetTreasuryZero() public {
        vm.expectRevert(ITreasuryFee.TreasuryFee_ZeroAddress.selector);
        vm.prank(address(timelock));
        disputes.setTreasury(address(0));
    }

    function test_RevertWhen_SetTreasuryNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        disputes.setTreasury(eve);
    }

    function test_SetParameter_ThroughTheTimelock() public {
        bytes32 key = disputes.RULING_PERIOD();
        _executeViaTimelock(
            address(disputes),
            abi.encodeCall(IMandateModule.setParameter, (key, 14 days))
        );
        assertEq(disputes.parameter(key), 14 days);
    }

    function test_ParameterBounds_AcceptEdges() public {
        _assertEdges(keccak256("MIN_BOND"), 1, 1e21);
        _assertEdges(keccak256("BOND_SHARE_BPS"), 0, 10_000);
        _assertEdges(keccak256("DISPUTE_FEE_BPS"), 0, 5_000);
        _assertEdges(keccak256("RULING_PERIOD"), 1 days, 90 days);
        _assertEdges(keccak256("DEFAULT_OUTCOME"), 1, 2);
    }

    function test_RevertWhen_MinBondBelowBound() public {
        _expectOutOfBounds(keccak256("MIN_BOND"), 0, 1, 1e21);
    }

    function test_RevertWhen_MinBondAboveBound() public {
        _expectOutOfBounds(keccak256("MIN_BOND"), 1e21 + 1, 1, 1e21);
    }

    function test_RevertWhen_BondShareAboveBound() public {
        _expectOutOfBounds(keccak256("BOND_SHARE_BPS"), 10_001, 0, 10_000);
    }

    function test_RevertWhen_DisputeFeeAboveBound() public {
        _expectOutOfBounds(keccak256("DISPUTE_FEE_BPS"), 5_001, 0, 5_000);
    }

    function test_RevertWhen_RulingPeriodBelowBound() public {
        _expectOutOfBounds(keccak256("RULING_PERIOD"), 1 days - 1, 1 days, 90 days);
    }

    function test_RevertWhen_RulingPeriodAboveBound() public {
        _expectOutOfBounds(keccak256("RULING_PERIOD"), 90 days + 1, 1 days, 90 days);
    }

    function test_RevertWhen_DefaultOutcomeBelowBound() public {
        _expectOutOfBounds(keccak256("DEFAULT_OUTCOME"), 0, 1, 2);
    }

    function test_RevertWhen_DefaultOutcomeAboveBound() public {
        _expectOutOfBounds(keccak256("DEFAULT_OUTCOME"), 3, 1, 2);
    }

    function test_RevertWhen_UnknownParameter() public {
        bytes32 key = keccak256("JOB_STAKE");
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, key)
        );
        disputes.parameterBounds(key);
    }

    function test_RevertWhen_SetParameterNotOwner() public {
        bytes32 key = keccak256("MIN_BOND");
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, arbitrator)
        );
        vm.prank(arbitrator);
        disputes.setParameter(key, 1);
    }

    // ---------------------------------------------------------------- paused

    function test_RevertWhen_PausedOpenDispute() public {
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _open();
    }

    function test_RevertWhen_PausedSubmitEvidence() public {
        uint256 id = _open();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(agent);
        disputes.submitEvidence(id, keccak256("claim"));
    }

    function test_RevertWhen_PausedRule() public {
        uint256 id = _open();
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _rule(id, true);
    }

    function test_RevertWhen_PausedResolveByDefault() public {
        uint256 id = _open();
        vm.warp(block.timestamp + Defaults.RULING_PERIOD + 1);
        _pauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        disputes.resolveByDefault(id);
    }

    function test_WhenPaused_GovernanceSettersWork() public {
        _pauseAll();
        vm.startPrank(address(timelock));
        disputes.setArbitrator(eve);
        disputes.setTreasury(eve);
        disputes.setParameter(keccak256("MIN_BOND"), 1);
        vm.stopPrank();
        assertEq(disputes.arbitrator(), eve);
    }

    // ---------------------------------------------------------------- helpers

    function _newDisputeModule(
        IERC20 paymentToken,
        address arbitrator_,
        address treasury_,
        DisputeModule.InitialParameters memory p
    ) internal returns (DisputeModule) {
        return
            new DisputeModule(
                address(timelock),
                address(systemPause),
                paymentToken,
                arbitrator_,
                treasury_,
                p,
                new address[](0)
            );
    }

    function _assertEdges(bytes32 key, uint256 min, uint256 max) internal {
        _assertParameterEdges(disputes, key, min, max);
    }

    function _expectOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max) internal {
        _expectParameterOutOfBounds(disputes, key, value, min, max);
    }
}
