// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IStakeManager} from "../../../contracts/interfaces/IStakeManager.sol";
import {StakeManager} from "../../../contracts/staking/StakeManager.sol";

import {Base_Test} from "../../utils/Base.t.sol";
import {Defaults} from "../../utils/Defaults.sol";
import {ReentrantToken} from "../../utils/mocks/ReentrantToken.sol";

/// @title StakeManager_Reentrancy_Unit_Test
/// @notice The functions that move tokens (deposit, withdraw, slash, recoverTokens) cannot be re-entered
/// from the token's transfer.
contract StakeManager_Reentrancy_Unit_Test is Base_Test {
    ReentrantToken internal evil;
    StakeManager internal sm;
    uint256 internal constant AMOUNT = 1_000e18;

    function setUp() public override {
        super.setUp();
        evil = new ReentrantToken();
        sm = new StakeManager(
            address(timelock),
            address(systemPause),
            IERC20(address(evil)),
            Defaults.UNBONDING_PERIOD,
            _one(jobModule)
        );
        evil.mint(alice, 10 * AMOUNT);
        vm.prank(alice);
        evil.approve(address(sm), type(uint256).max);
        // The token itself holds stake, so a reentrant call would otherwise succeed.
        evil.mint(address(evil), 10 * AMOUNT);
        vm.prank(address(evil));
        evil.approve(address(sm), type(uint256).max);
    }

    function test_RevertWhen_DepositReentered() public {
        evil.arm(address(sm), abi.encodeCall(IStakeManager.deposit, (1)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(alice);
        sm.deposit(AMOUNT);
    }

    function test_RevertWhen_WithdrawReentered() public {
        vm.startPrank(alice);
        sm.deposit(AMOUNT);
        sm.requestWithdrawal(AMOUNT);
        vm.stopPrank();
        vm.warp(block.timestamp + Defaults.UNBONDING_PERIOD);

        evil.arm(address(sm), abi.encodeCall(IStakeManager.withdraw, ()));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(alice);
        sm.withdraw();
    }

    function test_RevertWhen_SlashReentered() public {
        vm.prank(alice);
        sm.deposit(AMOUNT);
        vm.prank(jobModule);
        sm.lock(alice, AMOUNT);

        evil.arm(address(sm), abi.encodeCall(IStakeManager.deposit, (1)));
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        vm.prank(jobModule);
        sm.slash(alice, AMOUNT, recipient);
    }

    function test_Deposit_ArmedHookWithoutReentryStillCredits() public {
        // Control case: a callback that does not touch StakeManager lets the deposit through.
        evil.arm(address(moduleA), abi.encodeWithSignature("pokes()"));
        vm.prank(alice);
        sm.deposit(AMOUNT);
        assertEq(sm.stakeOf(alice).free, AMOUNT);
        assertEq(sm.totalStaked(), AMOUNT);
    }
}
