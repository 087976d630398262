// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";
import {IMandateModule} from "../../../contracts/interfaces/IMandateModule.sol";
import {StakeManager} from "../../../contracts/staking/StakeManager.sol";
import {FeeOnTransferToken} from "../../../contracts/mocks/FeeOnTransferToken.sol";

import {Defaults} from "../../utils/Defaults.sol";
import {StakeManager_Unit_Shared} from "./StakeManagerTest.sol";

/// @title StakeManager_Stakers_Unit_Test
/// @notice The staker's state machine: deposit -> free -> requestWithdrawal -> unbonding ->
/// (cancelWithdrawal -> free) | (wait -> withdraw).
contract StakeManager_Stakers_Unit_Test is StakeManager_Unit_Shared {
    uint256 internal constant DEPOSIT = Defaults.DEPOSIT_AMOUNT;
    uint256 internal constant PERIOD = Defaults.UNBONDING_PERIOD;

    // ---------------------------------------------------------------- deposit

    function test_Deposit_CreditsFreeStake() public {
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeDeposited(alice, DEPOSIT);
        _deposit(alice, DEPOSIT);

        _assertStake(alice, DEPOSIT, 0, 0, 0);
        assertEq(stakeManager.totalStaked(), DEPOSIT);
        assertEq(token.balanceOf(alice), Defaults.MINT_AMOUNT - DEPOSIT);
        _assertBooks();
    }

    function test_Deposit_Accumulates() public {
        _deposit(alice, DEPOSIT);
        _deposit(alice, 1);
        _deposit(bob, DEPOSIT);
        _assertStake(alice, DEPOSIT + 1, 0, 0, 0);
        _assertStake(bob, DEPOSIT, 0, 0, 0);
        assertEq(stakeManager.totalStaked(), 2 * DEPOSIT + 1);
        _assertBooks();
    }

    function test_RevertWhen_DepositZero() public {
        vm.expectRevert(IStakeManager.StakeManager_ZeroAmount.selector);
        _deposit(alice, 0);
    }

    function test_RevertWhen_DepositNotApproved() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IERC20Errors.ERC20InsufficientAllowance.selector,
                address(stakeManager),
                0,
                DEPOSIT
            )
        );
        _deposit(eve, DEPOSIT);
    }

    function test_RevertWhen_DepositFeeOnTransferToken() public {
        FeeOnTransferToken feeToken = new FeeOnTransferToken();
        StakeManager sm = new StakeManager(
            address(timelock),
            address(systemPause),
            IERC20(address(feeToken)),
            PERIOD,
            new address[](0)
        );
        feeToken.mint(alice, DEPOSIT);
        vm.startPrank(alice);
        feeToken.approve(address(sm), DEPOSIT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_TransferShortfall.selector,
                DEPOSIT,
                DEPOSIT - DEPOSIT / 100
            )
        );
        sm.deposit(DEPOSIT);
        vm.stopPrank();
        assertEq(sm.totalStaked(), 0);
    }

    function test_RevertWhen_DepositAboveUint128() public {
        uint256 amount = uint256(type(uint128).max) + 1;
        token.mint(alice, amount);
        vm.expectRevert(
            abi.encodeWithSelector(SafeCast.SafeCastOverflowedUintDowncast.selector, 128, amount)
        );
        _deposit(alice, amount);
    }

    function testFuzz_Deposit_CreditsExactAmount(uint256 amount) public {
        amount = bound(amount, 1, Defaults.MINT_AMOUNT);
        _deposit(alice, amount);
        _assertStake(alice, amount, 0, 0, 0);
        _assertBooks();
    }

    // ---------------------------------------------------------------- requestWithdrawal

    function test_RequestWithdrawal_MovesFreeToUnbonding() public {
        _deposit(alice, DEPOSIT);
        uint256 releaseAt = block.timestamp + PERIOD;

        vm.expectEmit(address(stakeManager));
        emit IStakeManager.WithdrawalRequested(
            alice,
            Defaults.WITHDRAW_AMOUNT,
            Defaults.WITHDRAW_AMOUNT,
            releaseAt
        );
        _requestWithdrawal(alice, Defaults.WITHDRAW_AMOUNT);

        _assertStake(
            alice,
            DEPOSIT - Defaults.WITHDRAW_AMOUNT,
            0,
            Defaults.WITHDRAW_AMOUNT,
            releaseAt
        );
        assertEq(stakeManager.totalStaked(), DEPOSIT, "unbonding stake is still staked");
        _assertBooks();
    }

    function test_RequestWithdrawal_WholeFreeStake() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, DEPOSIT);
        _assertStake(alice, 0, 0, DEPOSIT, block.timestamp + PERIOD);
    }

    function test_RequestWithdrawal_SecondRequestRestartsClockForWholeAmount() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, 1_000e18);

        vm.warp(block.timestamp + PERIOD - 1);
        uint256 releaseAt = block.timestamp + PERIOD;
        vm.expectEmit(address(stakeManager));
        emit IStakeManager.WithdrawalRequested(alice, 500e18, 1_500e18, releaseAt);
        _requestWithdrawal(alice, 500e18);
        _assertStake(alice, DEPOSIT - 1_500e18, 0, 1_500e18, releaseAt);

        // The first request's release time has passed, but the clock restarted for everything.
        vm.warp(block.timestamp + 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_UnbondingNotElapsed.selector,
                alice,
                releaseAt,
                block.timestamp
            )
        );
        vm.prank(alice);
        stakeManager.withdraw();
    }

    function test_RequestWithdrawal_UsesCurrentUnbondingPeriod() public {
        _deposit(alice, DEPOSIT);
        _executeViaTimelock(
            address(stakeManager),
            abi.encodeCall(IMandateModule.setParameter, (stakeManager.UNBONDING_PERIOD(), 1 hours))
        );
        _requestWithdrawal(alice, DEPOSIT);
        _assertStake(alice, 0, 0, DEPOSIT, block.timestamp + 1 hours);
    }

    function test_RevertWhen_RequestWithdrawalZero() public {
        _deposit(alice, DEPOSIT);
        vm.expectRevert(IStakeManager.StakeManager_ZeroAmount.selector);
        _requestWithdrawal(alice, 0);
    }

    function test_RevertWhen_RequestWithdrawalAboveFree() public {
        _deposit(alice, DEPOSIT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientFreeStake.selector,
                alice,
                DEPOSIT + 1,
                DEPOSIT
            )
        );
        _requestWithdrawal(alice, DEPOSIT + 1);
    }

    function test_RevertWhen_RequestWithdrawalOfLockedStake() public {
        _deposit(alice, DEPOSIT);
        _lock(jobModule, alice, Defaults.LOCK_AMOUNT);
        uint256 free = DEPOSIT - Defaults.LOCK_AMOUNT;
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientFreeStake.selector,
                alice,
                free + 1,
                free
            )
        );
        _requestWithdrawal(alice, free + 1);
    }

    function test_RevertWhen_RequestWithdrawalWithoutStake() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_InsufficientFreeStake.selector,
                eve,
                1,
                0
            )
        );
        _requestWithdrawal(eve, 1);
    }

    // ---------------------------------------------------------------- cancelWithdrawal

    function test_CancelWithdrawal_MovesUnbondingBackToFree() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, 1_000e18);
        _requestWithdrawal(alice, 500e18);

        vm.expectEmit(address(stakeManager));
        emit IStakeManager.WithdrawalCancelled(alice, 1_500e18);
        vm.prank(alice);
        stakeManager.cancelWithdrawal();

        _assertStake(alice, DEPOSIT, 0, 0, 0);
        _assertBooks();

        // Nothing is left to withdraw.
        vm.warp(block.timestamp + PERIOD);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManager.StakeManager_NothingUnbonding.selector, alice)
        );
        vm.prank(alice);
        stakeManager.withdraw();
    }

    function test_CancelWithdrawal_AfterReleaseTime() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, DEPOSIT);
        vm.warp(block.timestamp + PERIOD * 2);
        vm.prank(alice);
        stakeManager.cancelWithdrawal();
        _assertStake(alice, DEPOSIT, 0, 0, 0);
    }

    function test_RevertWhen_CancelWithdrawalNothingUnbonding() public {
        _deposit(alice, DEPOSIT);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManager.StakeManager_NothingUnbonding.selector, alice)
        );
        vm.prank(alice);
        stakeManager.cancelWithdrawal();
    }

    // ---------------------------------------------------------------- withdraw

    function test_RevertWhen_WithdrawBeforeReleaseAt() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, Defaults.WITHDRAW_AMOUNT);
        uint256 releaseAt = block.timestamp + PERIOD;

        vm.warp(releaseAt - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_UnbondingNotElapsed.selector,
                alice,
                releaseAt,
                releaseAt - 1
            )
        );
        vm.prank(alice);
        stakeManager.withdraw();
    }

    function test_RevertWhen_WithdrawRightAfterRequest() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, DEPOSIT);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakeManager.StakeManager_UnbondingNotElapsed.selector,
                alice,
                block.timestamp + PERIOD,
                block.timestamp
            )
        );
        vm.prank(alice);
        stakeManager.withdraw();
    }

    function test_Withdraw_AtReleaseAt() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, Defaults.WITHDRAW_AMOUNT);
        vm.warp(block.timestamp + PERIOD);

        vm.expectEmit(address(stakeManager));
        emit IStakeManager.StakeWithdrawn(alice, Defaults.WITHDRAW_AMOUNT);
        vm.prank(alice);
        stakeManager.withdraw();

        _assertStake(alice, DEPOSIT - Defaults.WITHDRAW_AMOUNT, 0, 0, 0);
        assertEq(stakeManager.totalStaked(), DEPOSIT - Defaults.WITHDRAW_AMOUNT);
        assertEq(token.balanceOf(alice), Defaults.MINT_AMOUNT - DEPOSIT + Defaults.WITHDRAW_AMOUNT);
        _assertBooks();
    }

    function test_Withdraw_AfterReleaseAt() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, DEPOSIT);
        vm.warp(block.timestamp + Defaults.TEN_YEARS);
        vm.prank(alice);
        stakeManager.withdraw();
        _assertStake(alice, 0, 0, 0, 0);
        assertEq(token.balanceOf(alice), Defaults.MINT_AMOUNT);
        _assertBooks();
    }

    function test_RevertWhen_WithdrawNothingUnbonding() public {
        _deposit(alice, DEPOSIT);
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManager.StakeManager_NothingUnbonding.selector, alice)
        );
        vm.prank(alice);
        stakeManager.withdraw();
    }

    function test_RevertWhen_WithdrawTwice() public {
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, DEPOSIT);
        vm.warp(block.timestamp + PERIOD);
        vm.startPrank(alice);
        stakeManager.withdraw();
        vm.expectRevert(
            abi.encodeWithSelector(IStakeManager.StakeManager_NothingUnbonding.selector, alice)
        );
        stakeManager.withdraw();
        vm.stopPrank();
    }

    function testFuzz_Withdraw_OnlyFromReleaseAt(uint256 amount, uint256 elapsed) public {
        amount = bound(amount, 1, DEPOSIT);
        elapsed = bound(elapsed, 0, 2 * PERIOD);
        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, amount);
        uint256 releaseAt = block.timestamp + PERIOD;
        vm.warp(block.timestamp + elapsed);

        if (block.timestamp < releaseAt) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IStakeManager.StakeManager_UnbondingNotElapsed.selector,
                    alice,
                    releaseAt,
                    block.timestamp
                )
            );
            vm.prank(alice);
            stakeManager.withdraw();
            _assertStake(alice, DEPOSIT - amount, 0, amount, releaseAt);
        } else {
            vm.prank(alice);
            stakeManager.withdraw();
            _assertStake(alice, DEPOSIT - amount, 0, 0, 0);
        }
        _assertBooks();
    }

    function testFuzz_RequestWithdrawal_ReleaseAtFollowsPeriod(
        uint256 period,
        uint256 amount
    ) public {
        period = bound(
            period,
            stakeManager.MIN_UNBONDING_PERIOD(),
            stakeManager.MAX_UNBONDING_PERIOD()
        );
        amount = bound(amount, 1, DEPOSIT);
        bytes32 key = stakeManager.UNBONDING_PERIOD();
        vm.prank(address(timelock));
        stakeManager.setParameter(key, period);

        _deposit(alice, DEPOSIT);
        _requestWithdrawal(alice, amount);
        _assertStake(alice, DEPOSIT - amount, 0, amount, block.timestamp + period);
    }
}
