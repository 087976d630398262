// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IMandateModule} from "../../../contracts/interfaces/IMandateModule.sol";
import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";
import {ISystemPause} from "../../../contracts/interfaces/ISystemPause.sol";
import {MandateTestToken} from "../../../contracts/mocks/MandateTestToken.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {StakeManager_Unit_Shared} from "./StakeManagerTest.sol";

/// @title StakeManager_Paused_Unit_Test
/// @notice While SystemPause holds the system paused every state change by stakers and modules stops
/// with OpenZeppelin's `EnforcedPause()`, while every governance function keeps working.
contract StakeManager_Paused_Unit_Test is StakeManager_Unit_Shared {
    uint256 internal constant DEPOSIT = Defaults.DEPOSIT_AMOUNT;
    uint256 internal constant LOCK = Defaults.LOCK_AMOUNT;

    function setUp() public override {
        super.setUp();
        // Every path has something to act on: free, locked and unbonding stake, an elapsed unbonding.
        _deposit(alice, DEPOSIT);
        _deposit(bob, DEPOSIT);
        _lock(jobModule, alice, LOCK);
        _requestWithdrawal(bob, Defaults.WITHDRAW_AMOUNT);
        vm.warp(block.timestamp + Defaults.UNBONDING_PERIOD);
        _pauseAll();
        assertTrue(stakeManager.paused());
    }

    // ---------------------------------------------------------------- stakers stop

    function test_RevertWhen_PausedDeposit() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _deposit(alice, DEPOSIT);
    }

    function test_RevertWhen_PausedRequestWithdrawal() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _requestWithdrawal(alice, 1);
    }

    function test_RevertWhen_PausedCancelWithdrawal() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(bob);
        stakeManager.cancelWithdrawal();
    }

    function test_RevertWhen_PausedWithdraw() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(bob);
        stakeManager.withdraw();
    }

    // ---------------------------------------------------------------- modules stop

    function test_RevertWhen_PausedLock() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        _lock(jobModule, alice, 1);
    }

    function test_RevertWhen_PausedRelease() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(jobModule);
        stakeManager.release(alice, LOCK);
    }

    function test_RevertWhen_PausedSlash() public {
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(jobModule);
        stakeManager.slash(alice, LOCK, recipient);
    }

    // ---------------------------------------------------------------- governance continues

    function test_WhenPaused_SetParameterWorks() public {
        _executeViaTimelock(
            address(stakeManager),
            abi.encodeCall(IMandateModule.setParameter, (stakeManager.UNBONDING_PERIOD(), 3 days))
        );
        assertEq(stakeManager.unbondingPeriod(), 3 days);
    }

    function test_WhenPaused_SetModuleAuthorisationWorks() public {
        _revoke(jobModule);
        assertFalse(stakeManager.isAuthorisedModule(jobModule));
    }

    function test_WhenPaused_ReleaseFromRevokedModuleWorks() public {
        _revoke(jobModule);
        vm.prank(address(timelock));
        stakeManager.releaseFromRevokedModule(jobModule, alice);
        _assertStake(alice, DEPOSIT, 0, 0, 0);
        _assertBooks();
    }

    function test_WhenPaused_RecoverTokensWorks() public {
        MandateTestToken other = new MandateTestToken();
        other.mint(address(stakeManager), 5);
        vm.prank(address(timelock));
        stakeManager.recoverTokens(address(other), recipient);
        assertEq(other.balanceOf(recipient), 5);
    }

    function test_WhenPaused_SetPauserWorks() public {
        vm.prank(address(timelock));
        stakeManager.setPauser(guardian);
        assertEq(stakeManager.pauser(), guardian);
    }

    // ---------------------------------------------------------------- only SystemPause switches

    function test_RevertWhen_PauseCallerNotPauser() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_CallerNotPauser.selector,
                guardian,
                address(systemPause)
            )
        );
        vm.prank(guardian);
        stakeManager.pause();
    }

    function test_RevertWhen_UnpauseCallerNotPauser() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_CallerNotPauser.selector,
                address(timelock),
                address(systemPause)
            )
        );
        vm.prank(address(timelock));
        stakeManager.unpause();
    }

    // ---------------------------------------------------------------- after the pause

    function test_AfterUnpauseAll_EverythingWorksAgain() public {
        _executeViaTimelock(address(systemPause), abi.encodeCall(ISystemPause.unpauseAll, ()));
        assertFalse(stakeManager.paused());

        vm.prank(bob);
        stakeManager.withdraw();
        _deposit(alice, 1);
        vm.prank(jobModule);
        stakeManager.slash(alice, LOCK, recipient);
        _assertStake(alice, DEPOSIT - LOCK + 1, 0, 0, 0);
        _assertBooks();
    }
}
