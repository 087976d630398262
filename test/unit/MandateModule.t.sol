// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {MockModule} from "../../contracts/mocks/MockModule.sol";

import {Base_Test} from "../utils/Base.t.sol";
import {Defaults} from "../utils/Defaults.sol";

/// @title MandateModule_Unit_Test
/// @notice The common module base (pauser, bounded parameters, ownership), exercised through MockModule.
contract MandateModule_Unit_Test is Base_Test {
    MockModule internal module;
    bytes32 internal FEE;
    bytes32 internal WINDOW;
    bytes32 internal constant UNKNOWN = keccak256("UNKNOWN");

    function setUp() public override {
        super.setUp();
        module = moduleA;
        FEE = module.FEE();
        WINDOW = module.WINDOW();
    }

    // ---------------------------------------------------------------- constructor

    function test_Constructor_SetsOwnerPauserAndParameters() public view {
        assertEq(module.owner(), address(timelock));
        assertEq(module.pendingOwner(), address(0));
        assertEq(module.pauser(), address(systemPause));
        assertFalse(module.paused());
        assertEq(module.parameter(FEE), Defaults.FEE);
        assertEq(module.parameter(WINDOW), Defaults.WINDOW);
        assertEq(module.fee(), Defaults.FEE);
    }

    function test_Constructor_EmitsPauserAndParameterEvents() public {
        vm.expectEmit();
        emit Ownable.OwnershipTransferred(address(0), address(timelock));
        vm.expectEmit();
        emit IMandateModule.PauserUpdated(address(0), address(systemPause));
        vm.expectEmit();
        emit IMandateModule.ParameterUpdated(FEE, 0, Defaults.FEE);
        vm.expectEmit();
        emit IMandateModule.ParameterUpdated(WINDOW, 0, Defaults.WINDOW);
        new MockModule(address(timelock), address(systemPause), Defaults.FEE, Defaults.WINDOW);
    }

    function test_RevertWhen_ConstructorOwnerZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new MockModule(address(0), address(systemPause), Defaults.FEE, Defaults.WINDOW);
    }

    function test_RevertWhen_ConstructorPauserZero() public {
        vm.expectRevert(IMandateModule.MandateModule_ZeroAddress.selector);
        new MockModule(address(timelock), address(0), Defaults.FEE, Defaults.WINDOW);
    }

    function test_RevertWhen_ConstructorParameterOutOfBounds() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                WINDOW,
                Defaults.WINDOW_MIN - 1,
                Defaults.WINDOW_MIN,
                Defaults.WINDOW_MAX
            )
        );
        new MockModule(
            address(timelock),
            address(systemPause),
            Defaults.FEE,
            Defaults.WINDOW_MIN - 1
        );
    }

    // ---------------------------------------------------------------- pause / unpause

    function test_Pause_StopsUserActions() public {
        vm.expectEmit(address(module));
        emit Pausable.Paused(address(systemPause));
        vm.prank(address(systemPause));
        module.pause();
        assertTrue(module.paused());

        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        module.poke();
    }

    function test_Unpause_ResumesUserActions() public {
        vm.prank(address(systemPause));
        module.pause();

        vm.expectEmit(address(module));
        emit Pausable.Unpaused(address(systemPause));
        vm.prank(address(systemPause));
        module.unpause();
        assertFalse(module.paused());

        vm.expectEmit(address(module));
        emit MockModule.Poked(alice);
        vm.prank(alice);
        module.poke();
        assertEq(module.pokes(), 1);
    }

    function test_RevertWhen_PauseCallerNotPauser() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_CallerNotPauser.selector,
                eve,
                address(systemPause)
            )
        );
        vm.prank(eve);
        module.pause();
    }

    function test_RevertWhen_PauseCallerIsOwner() public {
        // The owner (timelock) is not the pauser: pausing goes through SystemPause only.
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_CallerNotPauser.selector,
                address(timelock),
                address(systemPause)
            )
        );
        vm.prank(address(timelock));
        module.pause();
    }

    function test_RevertWhen_UnpauseCallerNotPauser() public {
        vm.prank(address(systemPause));
        module.pause();
        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_CallerNotPauser.selector,
                guardian,
                address(systemPause)
            )
        );
        vm.prank(guardian);
        module.unpause();
    }

    function test_RevertWhen_PauseWhilePaused() public {
        vm.startPrank(address(systemPause));
        module.pause();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        module.pause();
        vm.stopPrank();
    }

    function test_RevertWhen_UnpauseWhileRunning() public {
        vm.expectRevert(Pausable.ExpectedPause.selector);
        vm.prank(address(systemPause));
        module.unpause();
    }

    // ---------------------------------------------------------------- setPauser

    function test_SetPauser_MovesPauseRights() public {
        vm.expectEmit(address(module));
        emit IMandateModule.PauserUpdated(address(systemPause), guardian);
        vm.prank(address(timelock));
        module.setPauser(guardian);
        assertEq(module.pauser(), guardian);

        vm.prank(guardian);
        module.pause();
        assertTrue(module.paused());

        vm.expectRevert(
            abi.encodeWithSelector(
                IMandateModule.MandateModule_CallerNotPauser.selector,
                address(systemPause),
                guardian
            )
        );
        vm.prank(address(systemPause));
        module.unpause();
    }

    function test_SetPauser_ThroughTimelock() public {
        _executeViaTimelock(address(module), abi.encodeCall(IMandateModule.setPauser, (guardian)));
        assertEq(module.pauser(), guardian);
    }

    function test_RevertWhen_SetPauserCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                Ownable.OwnableUnauthorizedAccount.selector,
                address(systemPause)
            )
        );
        vm.prank(address(systemPause));
        module.setPauser(eve);
    }

    function test_RevertWhen_SetPauserZero() public {
        vm.expectRevert(IMandateModule.MandateModule_ZeroAddress.selector);
        vm.prank(address(timelock));
        module.setPauser(address(0));
    }

    // ---------------------------------------------------------------- parameters: reads

    function test_ParameterKeys_ListsEveryKeyInOrder() public view {
        bytes32[] memory keys = module.parameterKeys();
        assertEq(keys.length, 2);
        assertEq(keys[0], keccak256("FEE"));
        assertEq(keys[1], keccak256("WINDOW"));
    }

    function test_ParameterBounds_AreInclusive() public view {
        (uint256 min, uint256 max) = module.parameterBounds(FEE);
        assertEq(min, 0);
        assertEq(max, Defaults.FEE_MAX);
        (min, max) = module.parameterBounds(WINDOW);
        assertEq(min, Defaults.WINDOW_MIN);
        assertEq(max, Defaults.WINDOW_MAX);
    }

    function test_RevertWhen_ParameterKeyUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, UNKNOWN)
        );
        module.parameter(UNKNOWN);
    }

    function test_RevertWhen_ParameterBoundsKeyUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, UNKNOWN)
        );
        module.parameterBounds(UNKNOWN);
    }

    // ---------------------------------------------------------------- parameters: writes

    function test_SetParameter_EmitsAndStores() public {
        vm.expectEmit(address(module));
        emit IMandateModule.ParameterUpdated(FEE, Defaults.FEE, 7);
        vm.prank(address(timelock));
        module.setParameter(FEE, 7);
        assertEq(module.parameter(FEE), 7);
        assertEq(module.fee(), 7);
    }

    function test_SetParameter_ThroughTimelock() public {
        _executeViaTimelock(
            address(module),
            abi.encodeCall(IMandateModule.setParameter, (WINDOW, 2 days))
        );
        assertEq(module.parameter(WINDOW), 2 days);
    }

    function test_RevertWhen_SetParameterOutOfBoundsThroughTimelock() public {
        _executeViaTimelockExpectRevert(
            address(module),
            abi.encodeCall(IMandateModule.setParameter, (FEE, Defaults.FEE_MAX + 1)),
            abi.encodeWithSelector(
                IMandateModule.MandateModule_ParameterOutOfBounds.selector,
                FEE,
                Defaults.FEE_MAX + 1,
                0,
                Defaults.FEE_MAX
            )
        );
    }

    function test_SetParameter_FeeAtMin() public {
        _setAsOwner(FEE, 0);
        assertEq(module.parameter(FEE), 0);
    }

    function test_SetParameter_FeeAtMax() public {
        _setAsOwner(FEE, Defaults.FEE_MAX);
        assertEq(module.parameter(FEE), Defaults.FEE_MAX);
    }

    function test_RevertWhen_SetParameterFeeAboveMax() public {
        _expectOutOfBounds(FEE, Defaults.FEE_MAX + 1, 0, Defaults.FEE_MAX);
    }

    function test_RevertWhen_SetParameterWindowBelowMin() public {
        _expectOutOfBounds(
            WINDOW,
            Defaults.WINDOW_MIN - 1,
            Defaults.WINDOW_MIN,
            Defaults.WINDOW_MAX
        );
    }

    function test_SetParameter_WindowAtMin() public {
        _setAsOwner(WINDOW, Defaults.WINDOW_MIN);
        assertEq(module.parameter(WINDOW), Defaults.WINDOW_MIN);
    }

    function test_SetParameter_WindowAtMax() public {
        _setAsOwner(WINDOW, Defaults.WINDOW_MAX);
        assertEq(module.parameter(WINDOW), Defaults.WINDOW_MAX);
    }

    function test_RevertWhen_SetParameterWindowAboveMax() public {
        _expectOutOfBounds(
            WINDOW,
            Defaults.WINDOW_MAX + 1,
            Defaults.WINDOW_MIN,
            Defaults.WINDOW_MAX
        );
    }

    function test_RevertWhen_SetParameterKeyUnknown() public {
        vm.expectRevert(
            abi.encodeWithSelector(IMandateModule.MandateModule_UnknownParameter.selector, UNKNOWN)
        );
        vm.prank(address(timelock));
        module.setParameter(UNKNOWN, 1);
    }

    function test_RevertWhen_SetParameterCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, ownersSafe)
        );
        vm.prank(ownersSafe); // the Safe acts only through the timelock
        module.setParameter(FEE, 1);
    }

    function test_SetParameter_WorksWhilePaused() public {
        _pauseAll();
        assertTrue(module.paused());
        _setAsOwner(FEE, 42);
        assertEq(module.parameter(FEE), 42);
    }

    function testFuzz_SetParameter_WithinBoundsStored(uint256 value) public {
        value = bound(value, Defaults.WINDOW_MIN, Defaults.WINDOW_MAX);
        _setAsOwner(WINDOW, value);
        assertEq(module.parameter(WINDOW), value);
    }

    function testFuzz_RevertWhen_SetParameterOutsideBounds(uint256 value) public {
        vm.assume(value < Defaults.WINDOW_MIN || value > Defaults.WINDOW_MAX);
        _expectOutOfBounds(WINDOW, value, Defaults.WINDOW_MIN, Defaults.WINDOW_MAX);
    }

    // ---------------------------------------------------------------- ownership

    function test_RevertWhen_RenounceOwnershipByOwner() public {
        vm.expectRevert(IMandateModule.MandateModule_RenounceOwnershipDisabled.selector);
        vm.prank(address(timelock));
        module.renounceOwnership();
        assertEq(module.owner(), address(timelock));
    }

    function test_RevertWhen_RenounceOwnershipCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        module.renounceOwnership();
    }

    function test_TransferOwnership_TwoSteps() public {
        address newOwner = makeAddr("NewTimelock");

        bytes memory data = abi.encodeCall(Ownable.transferOwnership, (newOwner));
        bytes32 salt = _scheduleViaTimelock(address(module), data);
        vm.expectEmit(address(module));
        emit Ownable2Step.OwnershipTransferStarted(address(timelock), newOwner);
        _executeScheduled(address(module), data, salt);
        assertEq(module.owner(), address(timelock), "owner changed before acceptance");
        assertEq(module.pendingOwner(), newOwner);

        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        module.acceptOwnership();

        vm.expectEmit(address(module));
        emit Ownable.OwnershipTransferred(address(timelock), newOwner);
        vm.prank(newOwner);
        module.acceptOwnership();
        assertEq(module.owner(), newOwner);
        assertEq(module.pendingOwner(), address(0));

        // The old owner lost its rights.
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(timelock))
        );
        vm.prank(address(timelock));
        module.setParameter(FEE, 1);
    }

    function test_RevertWhen_TransferOwnershipCallerNotOwner() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        module.transferOwnership(eve);
    }

    // ---------------------------------------------------------------- helpers

    function _setAsOwner(bytes32 key, uint256 value) private {
        vm.prank(address(timelock));
        module.setParameter(key, value);
    }

    function _expectOutOfBounds(bytes32 key, uint256 value, uint256 min, uint256 max) private {
        _expectParameterOutOfBounds(module, key, value, min, max);
    }
}
