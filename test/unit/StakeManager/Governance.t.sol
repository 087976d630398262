// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";

import {IMandateModule} from "../../../contracts/interfaces/IMandateModule.sol";
import {IModuleAuthorisation} from "../../../contracts/interfaces/IModuleAuthorisation.sol";
import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";
import {MandateTestToken} from "../../../contracts/mocks/MandateTestToken.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {StakeManager_Unit_Shared} from "./StakeManagerTest.sol";

/// @title StakeManager_Governance_Unit_Test
/// @notice What only the owner (the timelock) does: module authorisation, releasing a revoked module's
/// locks, recovering stray tokens, the unbonding period, and ownership itself.
contract StakeManager_Governance_Unit_Test is StakeManager_Unit_Shared {
    uint256 internal constant DEPOSIT = Defaults.DEPOSIT_AMOUNT;
    uint256 internal constant LOCK = Defaults.LOCK_AMOUNT;
    bytes32 internal UNBONDING_PERIOD;

    function setUp() public override {
        super.setUp();
        UNBONDING_PERIOD = stakeManager.UNBONDING_PERIOD();
        _deposit(alice, DEPOSIT);
        _deposit(bob, DEPOSIT);
    }

    // ---------------------------------------------------------------- setModuleAuthorisation

    function test_SetModuleAuthorisation_Authorises() public {
        address reputation = makeAddr("ReputationModule");
        bytes memory data = abi.encodeCall(
            IModuleAuthorisation.setModuleAuthorisation,
            (reputation, true)
        );
        bytes32 salt = _scheduleViaTimelock(address(stakeManager), data);
        vm.expectEmit(address(stakeManager));
        emit IModuleAuthorisation.ModuleAuthorisationUpdated(reputation, true);
        _executeScheduled(address(stakeManager), data, salt);

        assertTrue(stakeManager.isAuthorisedModule(reputation));
        _lock(reputation, alice, LOCK);
        assertEq(stakeManager.lockedBy(reputation, alice), LOCK);
    }

    function test_SetModuleAuthorisation_Revokes() public {
        vm.expectEmit(address(stakeManager));
        emit IModuleAuthorisation.ModuleAuthorisationUpdated(jobModule, false);
        _revoke(jobModule);
        assertFalse(stakeManager.isAuthorisedModule(jobModule));
    }

    function test_RevertWhen_SetModuleAuthorisationCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, jobModule)
        );
        vm.prank(jobModule);
        stakeManager.setModuleAuthorisation(eve, true);
    }

    function test_RevertWhen_SetModuleAuthorisationZero() public {
        vm.expectRevert(IModuleAuthorisation.ModuleAuthorisation_ZeroAddress.selector);
        vm.prank(address(timelock));
        stakeManager.setModuleAuthorisation(address(0), true);
    }

    // ---------------------------------------------------------------- releaseFromRevokedModule

    function test_ReleaseFromRevokedModule_FreesWholeLock() public {
        _lock(jobModule, alice, LOCK);
        _lock(disputeModule, alice, 1_000e18);
        _revoke(jobModule);

        bytes memory data = abi.encodeCall(
            IStakeManager.releaseFromRevokedModule,
            (jobModule, alice)
        );
        bytes32 salt = _scheduleViaTimelock(address(stakeManager), data);
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeReleased(jobModule, alice, LOCK);
        _executeScheduled(address(stakeManager), data, salt);

        assertEq(stakeManager.lockedBy(jobModule, alice), 0);
        assertEq(
            stakeManager.lockedBy(disputeModule, alice),
            1_000e18,
            "other module's lock untouched"
        );
        _assertStake(alice, DEPOSIT - 1_000e18, 1_000e18, 0, 0);
        _assertBooks();
    }

    function test_RevertWhen_ReleaseFromRevokedModuleStillAuthorised() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_ModuleStillAuthorised.selector,
                jobModule
            )
        );
        vm.prank(address(timelock));
        stakeManager.releaseFromRevokedModule(jobModule, alice);
    }

    function test_RevertWhen_ReleaseFromRevokedModuleNothingLocked() public {
        _revoke(jobModule);
        vm.expectRevert(IStakeManager.StakeManager_ZeroAmount.selector);
        vm.prank(address(timelock));
        stakeManager.releaseFromRevokedModule(jobModule, alice);
    }

    function test_RevertWhen_ReleaseFromRevokedModuleCallerNotOwner() public {
        _lock(jobModule, alice, LOCK);
        _revoke(jobModule);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        stakeManager.releaseFromRevokedModule(jobModule, alice);
    }

    function test_ReleaseFromRevokedModule_AfterPartialRelease() public {
        _lock(jobModule, alice, LOCK);
        _revoke(jobModule);
        vm.prank(jobModule);
        stakeManager.release(alice, 1_000e18);

        vm.prank(address(timelock));
        stakeManager.releaseFromRevokedModule(jobModule, alice);
        _assertStake(alice, DEPOSIT, 0, 0, 0);
        _assertBooks();
    }

    // ---------------------------------------------------------------- recoverTokens

    function test_RecoverTokens_StakeTokenOnlySurplus() public {
        token.mint(address(stakeManager), 123e18); // sent by mistake

        vm.expectEmit(address(stakeManager));
        emit IStakeManager.TokensRecovered(address(token), recipient, 123e18);
        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(token), recipient);

        assertEq(token.balanceOf(recipient), 123e18);
        _assertBooks();
    }

    function test_RevertWhen_RecoverTokensStakeTokenWithoutSurplus() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_NothingToRecover.selector,
                address(token)
            )
        );
        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(token), recipient);
    }

    function test_RecoverTokens_SurplusAfterSlashToSelf() public {
        // A module slashing to StakeManager itself leaves the tokens unowned: they become recoverable.
        _lock(jobModule, alice, LOCK);
        vm.prank(jobModule);
        stakeManager.slash(alice, LOCK, address(stakeManager));
        assertEq(token.balanceOf(address(stakeManager)), stakeManager.totalStaked() + LOCK);

        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(token), recipient);
        assertEq(token.balanceOf(recipient), LOCK);
        _assertBooks();
    }

    function test_RecoverTokens_OtherTokenWholeBalance() public {
        MandateTestToken other = new MandateTestToken();
        other.mint(address(stakeManager), 77e18);

        vm.expectEmit(address(stakeManager));
        emit IStakeManager.TokensRecovered(address(other), recipient, 77e18);
        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(other), recipient);

        assertEq(other.balanceOf(recipient), 77e18);
        assertEq(other.balanceOf(address(stakeManager)), 0);
        _assertBooks();
    }

    function test_RevertWhen_RecoverTokensOtherTokenEmpty() public {
        MandateTestToken other = new MandateTestToken();
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_NothingToRecover.selector,
                address(other)
            )
        );
        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(other), recipient);
    }

    function test_RevertWhen_RecoverTokensRecipientZero() public {
        token.mint(address(stakeManager), 1);
        vm.expectRevert(IStakeManager.StakeManager_ZeroAddress.selector);
        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(token), address(0));
    }

    function test_RevertWhen_RecoverTokensCallerNotOwner() public {
        token.mint(address(stakeManager), 1);
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        stakeManager.recoverTokens(address(token), eve);
    }

    function testFuzz_RecoverTokens_NeverTouchesStake(uint256 surplus) public {
        surplus = bound(surplus, 1, Defaults.MINT_AMOUNT);
        token.mint(address(stakeManager), surplus);
        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(token), recipient);
        assertEq(token.balanceOf(recipient), surplus);
        _assertBooks();
    }

    // ---------------------------------------------------------------- unbonding period

    function test_SetParameter_UnbondingPeriodThroughTimelock() public {
        bytes memory data = abi.encodeCall(
            IMandateModule.setParameter,
            (UNBONDING_PERIOD, 14 days)
        );
        bytes32 salt = _scheduleViaTimelock(address(stakeManager), data);
        vm.expectEmit(address(stakeManager));
        emit IMandateModule.ParameterUpdated(UNBONDING_PERIOD, Defaults.UNBONDING_PERIOD, 14 days);
        _executeScheduled(address(stakeManager), data, salt);
        assertEq(stakeManager.unbondingPeriod(), 14 days);
    }

    function test_RevertWhen_SetParameterUnbondingPeriodBelowMin() public {
        _expectPeriodOutOfBounds(1 hours - 1);
    }

    function test_SetParameter_UnbondingPeriodAtMin() public {
        vm.prank(address(timelock));
        stakeManager.setParameter(UNBONDING_PERIOD, 1 hours);
        assertEq(stakeManager.unbondingPeriod(), 1 hours);
    }

    function test_SetParameter_UnbondingPeriodAtMax() public {
        vm.prank(address(timelock));
        stakeManager.setParameter(UNBONDING_PERIOD, 60 days);
        assertEq(stakeManager.unbondingPeriod(), 60 days);
    }

    function test_RevertWhen_SetParameterUnbondingPeriodAboveMax() public {
        _expectPeriodOutOfBounds(60 days + 1);
    }

    function test_RevertWhen_SetParameterUnknownKey() public {
        bytes32 unknown = keccak256("unbonding_period");
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, unknown)
        );
        vm.prank(address(timelock));
        stakeManager.setParameter(unknown, 1 days);
    }

    function test_RevertWhen_ParameterUnknownKey() public {
        bytes32 unknown = bytes32(0);
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, unknown)
        );
        stakeManager.parameter(unknown);
    }

    function test_RevertWhen_SetParameterCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                Ownable.OwnableUnauthorizedAccount.selector,
                address(systemPause)
            )
        );
        vm.prank(address(systemPause));
        stakeManager.setParameter(UNBONDING_PERIOD, 1 days);
    }

    function test_SetParameter_ShorterPeriodDoesNotMoveOpenReleaseTime() public {
        _requestWithdrawal(alice, DEPOSIT);
        uint256 releaseAt = block.timestamp + Defaults.UNBONDING_PERIOD;
        vm.prank(address(timelock));
        stakeManager.setParameter(UNBONDING_PERIOD, 1 hours);
        _assertStake(alice, 0, 0, DEPOSIT, releaseAt);
    }

    // ---------------------------------------------------------------- pauser and ownership

    function test_RevertWhen_SetPauserCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        stakeManager.setPauser(guardian);
    }

    function test_RevertWhen_RenounceOwnershipByOwner() public {
        vm.expectRevert(IMandateModule.MandateModule_RenounceOwnershipDisabled.selector);
        vm.prank(address(timelock));
        stakeManager.renounceOwnership();
    }

    function test_RevertWhen_RenounceOwnershipCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, alice));
        vm.prank(alice);
        stakeManager.renounceOwnership();
    }

    function test_TransferOwnership_TwoSteps() public {
        address newOwner = makeAddr("NewTimelock");
        vm.expectEmit(address(stakeManager));
        emit Ownable2Step.OwnershipTransferStarted(address(timelock), newOwner);
        vm.prank(address(timelock));
        stakeManager.transferOwnership(newOwner);
        assertEq(stakeManager.pendingOwner(), newOwner);
        assertEq(stakeManager.owner(), address(timelock));

        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(timelock))
        );
        vm.prank(address(timelock));
        stakeManager.acceptOwnership();

        vm.prank(newOwner);
        stakeManager.acceptOwnership();
        assertEq(stakeManager.owner(), newOwner);
    }

    function _expectPeriodOutOfBounds(uint256 value) private {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                UNBONDING_PERIOD,
                value,
                1 hours,
                60 days
            )
        );
        vm.prank(address(timelock));
        stakeManager.setParameter(UNBONDING_PERIOD, value);
    }
}
