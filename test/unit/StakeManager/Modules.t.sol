// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IModuleAuthorisation} from "../../../contracts/interfaces/IModuleAuthorisation.sol";
import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {StakeManager_Unit_Shared} from "./StakeManagerTest.sol";

/// @title StakeManager_Modules_Unit_Test
/// @notice The module's state machine over a staker's stake: free -> lock -> locked -> release -> free,
/// or locked -> slash -> out. A module touches only what it locked; revocation stops new locks only.
contract StakeManager_Modules_Unit_Test is StakeManager_Unit_Shared {
    uint256 internal constant DEPOSIT = Defaults.DEPOSIT_AMOUNT;
    uint256 internal constant LOCK = Defaults.LOCK_AMOUNT;

    function setUp() public override {
        super.setUp();
        _deposit(alice, DEPOSIT);
        _deposit(bob, DEPOSIT);
    }

    // ---------------------------------------------------------------- lock

    function test_Lock_MovesFreeToLocked() public {
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeLocked(jobModule, alice, LOCK);
        _lock(jobModule, alice, LOCK);

        _assertStake(alice, DEPOSIT - LOCK, LOCK, 0, 0);
        assertEq(stakeManager.lockedBy(jobModule, alice), LOCK);
        assertEq(stakeManager.lockedBy(disputeModule, alice), 0);
        assertEq(stakeManager.totalStaked(), 2 * DEPOSIT);
        _assertBooks();
    }

    function test_Lock_TwoModulesKeepSeparateLocks() public {
        _lock(jobModule, alice, LOCK);
        _lock(disputeModule, alice, 1_000e18);
        _lock(jobModule, alice, 1);
        assertEq(stakeManager.lockedBy(jobModule, alice), LOCK + 1);
        assertEq(stakeManager.lockedBy(disputeModule, alice), 1_000e18);
        _assertStake(alice, DEPOSIT - LOCK - 1 - 1_000e18, LOCK + 1 + 1_000e18, 0, 0);
        _assertBooks();
    }

    function test_Lock_WholeFreeStake() public {
        _lock(jobModule, alice, DEPOSIT);
        _assertStake(alice, 0, DEPOSIT, 0, 0);
    }

    function test_RevertWhen_LockCallerNotAuthorised() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                eve
            )
        );
        _lock(eve, alice, LOCK);
    }

    function test_RevertWhen_LockCallerIsOwner() public {
        // Governance authorises modules; it does not lock stake itself.
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                address(timelock)
            )
        );
        _lock(address(timelock), alice, LOCK);
    }

    function test_RevertWhen_LockByRevokedModule() public {
        _revoke(jobModule);
        vm.expectRevert(
            abi.encodeWithSelector(
                IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                jobModule
            )
        );
        _lock(jobModule, alice, LOCK);
    }

    function test_RevertWhen_LockZero() public {
        vm.expectRevert(IStakeManager.StakeManager_ZeroAmount.selector);
        _lock(jobModule, alice, 0);
    }

    function test_RevertWhen_LockAboveFree() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientFreeStake.selector,
                alice,
                DEPOSIT + 1,
                DEPOSIT
            )
        );
        _lock(jobModule, alice, DEPOSIT + 1);
    }

    function test_RevertWhen_LockUnbondingStake() public {
        _requestWithdrawal(alice, DEPOSIT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientFreeStake.selector,
                alice,
                1,
                0
            )
        );
        _lock(jobModule, alice, 1);
    }

    // ---------------------------------------------------------------- release

    function test_Release_MovesLockedToFree() public {
        _lock(jobModule, alice, LOCK);

        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeReleased(jobModule, alice, 1_000e18);
        vm.prank(jobModule);
        stakeManager.release(alice, 1_000e18);

        _assertStake(alice, DEPOSIT - LOCK + 1_000e18, LOCK - 1_000e18, 0, 0);
        assertEq(stakeManager.lockedBy(jobModule, alice), LOCK - 1_000e18);
        _assertBooks();
    }

    function test_Release_WholeLock() public {
        _lock(jobModule, alice, LOCK);
        vm.prank(jobModule);
        stakeManager.release(alice, LOCK);
        _assertStake(alice, DEPOSIT, 0, 0, 0);
        assertEq(stakeManager.lockedBy(jobModule, alice), 0);
    }

    function test_Release_ByRevokedModule() public {
        _lock(jobModule, alice, LOCK);
        _revoke(jobModule);
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeReleased(jobModule, alice, LOCK);
        vm.prank(jobModule);
        stakeManager.release(alice, LOCK);
        _assertStake(alice, DEPOSIT, 0, 0, 0);
    }

    function test_RevertWhen_ReleaseZero() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(IStakeManager.StakeManager_ZeroAmount.selector);
        vm.prank(jobModule);
        stakeManager.release(alice, 0);
    }

    function test_RevertWhen_ReleaseAboveOwnLock() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                jobModule,
                alice,
                LOCK + 1,
                LOCK
            )
        );
        vm.prank(jobModule);
        stakeManager.release(alice, LOCK + 1);
    }

    function test_RevertWhen_ReleaseAnotherModulesLock() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                disputeModule,
                alice,
                1,
                0
            )
        );
        vm.prank(disputeModule);
        stakeManager.release(alice, 1);
    }

    function test_RevertWhen_ReleaseCallerNeverAuthorised() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                eve,
                alice,
                LOCK,
                0
            )
        );
        vm.prank(eve);
        stakeManager.release(alice, LOCK);
    }

    function test_RevertWhen_ReleaseOwnLockOnAnotherAccount() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                jobModule,
                bob,
                1,
                0
            )
        );
        vm.prank(jobModule);
        stakeManager.release(bob, 1);
    }

    // ---------------------------------------------------------------- slash

    function test_Slash_PaysRecipientFromLock() public {
        _lock(jobModule, alice, LOCK);

        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeSlashed(jobModule, alice, recipient, 1_000e18);
        vm.prank(jobModule);
        stakeManager.slash(alice, 1_000e18, recipient);

        _assertStake(alice, DEPOSIT - LOCK, LOCK - 1_000e18, 0, 0);
        assertEq(stakeManager.lockedBy(jobModule, alice), LOCK - 1_000e18);
        assertEq(token.balanceOf(recipient), 1_000e18);
        assertEq(stakeManager.totalStaked(), 2 * DEPOSIT - 1_000e18);
        _assertBooks();
    }

    function test_Slash_ByRevokedModule() public {
        _lock(jobModule, alice, LOCK);
        _revoke(jobModule);
        vm.prank(jobModule);
        stakeManager.slash(alice, LOCK, recipient);
        _assertStake(alice, DEPOSIT - LOCK, 0, 0, 0);
        assertEq(token.balanceOf(recipient), LOCK);
        _assertBooks();
    }

    function test_RevertWhen_SlashZero() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(IStakeManager.StakeManager_ZeroAmount.selector);
        vm.prank(jobModule);
        stakeManager.slash(alice, 0, recipient);
    }

    function test_RevertWhen_SlashRecipientZero() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(IStakeManager.StakeManager_ZeroAddress.selector);
        vm.prank(jobModule);
        stakeManager.slash(alice, LOCK, address(0));
    }

    function test_RevertWhen_SlashAboveOwnLock() public {
        _lock(jobModule, alice, LOCK);
        _lock(disputeModule, alice, LOCK);
        // alice has 2 * LOCK locked in all, but jobModule holds only LOCK of it.
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                jobModule,
                alice,
                LOCK + 1,
                LOCK
            )
        );
        vm.prank(jobModule);
        stakeManager.slash(alice, LOCK + 1, recipient);
    }

    function test_RevertWhen_SlashCallerNeverAuthorised() public {
        _lock(jobModule, alice, LOCK);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                eve,
                alice,
                1,
                0
            )
        );
        vm.prank(eve);
        stakeManager.slash(alice, 1, eve);
    }

    function test_RevertWhen_SlashFreeStake() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                jobModule,
                alice,
                1,
                0
            )
        );
        vm.prank(jobModule);
        stakeManager.slash(alice, 1, recipient);
    }

    function testFuzz_LockReleaseSlash_StayWithinOwnLock(
        uint256 lockAmount,
        uint256 releaseAmount,
        uint256 slashAmount
    ) public {
        lockAmount = bound(lockAmount, 1, DEPOSIT);
        releaseAmount = bound(releaseAmount, 0, lockAmount);
        slashAmount = bound(slashAmount, 0, lockAmount - releaseAmount);

        _lock(jobModule, alice, lockAmount);
        if (releaseAmount > 0) {
            vm.prank(jobModule);
            stakeManager.release(alice, releaseAmount);
        }
        if (slashAmount > 0) {
            vm.prank(jobModule);
            stakeManager.slash(alice, slashAmount, recipient);
        }
        uint256 remaining = lockAmount - releaseAmount - slashAmount;
        assertEq(stakeManager.lockedBy(jobModule, alice), remaining);
        _assertStake(alice, DEPOSIT - lockAmount + releaseAmount, remaining, 0, 0);
        assertEq(_held(alice), DEPOSIT - slashAmount);

        // One unit beyond what is left is refused.
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientLockedStake.selector,
                jobModule,
                alice,
                remaining + 1,
                remaining
            )
        );
        vm.prank(jobModule);
        stakeManager.release(alice, remaining + 1);
        _assertBooks();
    }
}
