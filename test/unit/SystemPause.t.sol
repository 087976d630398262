// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";
import {ISystemPause} from "../../contracts/interfaces/ISystemPause.sol";
import {MockModule} from "../../contracts/mocks/MockModule.sol";
import {SystemPause} from "../../contracts/pause/SystemPause.sol";

import {Base_Test} from "../utils/Base.t.sol";
import {Defaults} from "../utils/Defaults.sol";

/// @title SystemPause_Unit_Test
/// @notice The one switch: who may pause and unpause, how mixed and odd module states are handled, and
/// governance of the module and guardian lists.
contract SystemPause_Unit_Test is Base_Test {
    // ---------------------------------------------------------------- constructor

    function test_Constructor_RegistersModulesAndGuardians() public view {
        assertEq(systemPause.owner(), address(timelock));
        assertEq(systemPause.MAX_MODULES(), 32);
        assertEq(systemPause.MAX_GUARDIANS(), 16);

        address[] memory mods = systemPause.modules();
        assertEq(mods.length, Defaults.MODULE_COUNT);
        assertEq(mods[0], address(stakeManager));
        assertEq(mods[1], address(moduleA));
        assertEq(mods[2], address(moduleB));
        assertTrue(systemPause.isModule(address(moduleA)));
        assertFalse(systemPause.isModule(eve));

        address[] memory guards = systemPause.guardians();
        assertEq(guards.length, 1);
        assertEq(guards[0], guardian);
        assertTrue(systemPause.isGuardian(guardian));
        assertFalse(systemPause.isGuardian(ownersSafe));
    }

    function test_Constructor_EmitsModuleAndGuardianEvents() public {
        MockModule module = _newModuleFor(
            vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1)
        );
        vm.expectEmit();
        emit ISystemPause.ModuleAdded(address(module));
        vm.expectEmit();
        emit ISystemPause.GuardianAdded(guardian);
        new SystemPause(address(timelock), _one(address(module)), _one(guardian));
    }

    function test_Constructor_AcceptsEmptyLists() public {
        SystemPause empty = new SystemPause(address(timelock), new address[](0), new address[](0));
        assertEq(empty.modules().length, 0);
        assertEq(empty.guardians().length, 0);
        // The owner can still pause an empty system: nothing changes.
        vm.prank(address(timelock));
        assertEq(empty.pauseAll(), 0);
    }

    function test_RevertWhen_ConstructorOwnerZero() public {
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableInvalidOwner.selector, address(0)));
        new SystemPause(address(0), new address[](0), _one(guardian));
    }

    function test_RevertWhen_ConstructorModuleZero() public {
        vm.expectRevert(ISystemPause.SystemPause_ZeroAddress.selector);
        new SystemPause(address(timelock), _one(address(0)), _one(guardian));
    }

    function test_RevertWhen_ConstructorModulePauserMismatch() public {
        // moduleA names the deployed SystemPause, not the new one.
        vm.expectRevert(
            abi.encodeWithSelector(
                ISystemPause.SystemPause_ModulePauserMismatch.selector,
                address(moduleA),
                address(systemPause)
            )
        );
        new SystemPause(address(timelock), _one(address(moduleA)), _one(guardian));
    }

    function test_RevertWhen_ConstructorModuleDuplicate() public {
        MockModule module = _newModuleFor(
            vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 1)
        );
        address[] memory mods = new address[](2);
        mods[0] = address(module);
        mods[1] = address(module);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISystemPause.SystemPause_ModuleAlreadyRegistered.selector,
                address(module)
            )
        );
        new SystemPause(address(timelock), mods, _one(guardian));
    }

    function test_RevertWhen_ConstructorGuardianZero() public {
        vm.expectRevert(ISystemPause.SystemPause_ZeroAddress.selector);
        new SystemPause(address(timelock), new address[](0), _one(address(0)));
    }

    function test_RevertWhen_ConstructorGuardianDuplicate() public {
        address[] memory guards = new address[](2);
        guards[0] = guardian;
        guards[1] = guardian;
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_GuardianAlreadySet.selector, guardian)
        );
        new SystemPause(address(timelock), new address[](0), guards);
    }

    function test_RevertWhen_ConstructorTooManyGuardians() public {
        address[] memory guards = _newGuardians(17);
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_TooManyGuardians.selector, 16)
        );
        new SystemPause(address(timelock), new address[](0), guards);
    }

    function test_RevertWhen_ConstructorTooManyModules() public {
        // 33 modules that all name the SystemPause about to be created (after them) as pauser.
        address predicted = vm.computeCreateAddress(address(this), vm.getNonce(address(this)) + 33);
        address[] memory mods = new address[](33);
        for (uint256 i; i < 33; ++i) {
            mods[i] = address(_newModuleFor(predicted));
        }
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_TooManyModules.selector, 32)
        );
        new SystemPause(address(timelock), mods, new address[](0));
    }

    // ---------------------------------------------------------------- pauseAll

    function test_PauseAll_ByGuardianPausesEveryModule() public {
        vm.expectEmit(address(stakeManager));
        emit Pausable.Paused(address(systemPause));
        vm.expectEmit(address(moduleA));
        emit Pausable.Paused(address(systemPause));
        vm.expectEmit(address(moduleB));
        emit Pausable.Paused(address(systemPause));
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemPaused(guardian, 3);

        vm.prank(guardian);
        uint256 paused = systemPause.pauseAll();

        assertEq(paused, 3);
        _assertAllPaused(true);
    }

    function test_PauseAll_ByOwner() public {
        bytes memory data = abi.encodeCall(ISystemPause.pauseAll, ());
        bytes32 salt = _scheduleViaTimelock(address(systemPause), data);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemPaused(address(timelock), 3);
        _executeScheduled(address(systemPause), data, salt);
        _assertAllPaused(true);
    }

    function test_RevertWhen_PauseAllCallerNotGuardian() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_CallerNotGuardian.selector, eve)
        );
        vm.prank(eve);
        systemPause.pauseAll();
    }

    function test_RevertWhen_PauseAllCallerIsOwnersSafe() public {
        // The Safe owns the system only through the timelock; it is not a guardian.
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_CallerNotGuardian.selector, ownersSafe)
        );
        vm.prank(ownersSafe);
        systemPause.pauseAll();
    }

    function test_PauseAll_IsIdempotent() public {
        _pauseAll();

        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemPaused(guardian, 0);
        vm.recordLogs();
        vm.prank(guardian);
        uint256 paused = systemPause.pauseAll();

        assertEq(paused, 0);
        assertEq(vm.getRecordedLogs().length, 1, "only SystemPaused: no module was touched");
        _assertAllPaused(true);
    }

    function test_PauseAll_MixedStatePausesOnlyRunningModules() public {
        vm.prank(address(systemPause));
        moduleA.pause();

        vm.expectEmit(address(stakeManager));
        emit Pausable.Paused(address(systemPause));
        vm.expectEmit(address(moduleB));
        emit Pausable.Paused(address(systemPause));
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemPaused(guardian, 2);
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), 2);
        _assertAllPaused(true);
    }

    function test_PauseAll_ReportsModuleWhosePauserMovedAndPausesTheOthers() public {
        address otherPauser = makeAddr("OtherPauser");
        _executeViaTimelock(
            address(moduleB),
            abi.encodeCall(IMandateModule.setPauser, (otherPauser))
        );

        bytes memory reason = abi.encodeWithSelector(
            IMandateModule.MandateModule_CallerNotPauser.selector,
            address(systemPause),
            otherPauser
        );
        vm.expectEmit(address(stakeManager));
        emit Pausable.Paused(address(systemPause));
        vm.expectEmit(address(moduleA));
        emit Pausable.Paused(address(systemPause));
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), true, reason);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemPaused(guardian, 2);
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), 2);

        assertTrue(stakeManager.paused());
        assertTrue(moduleA.paused());
        assertFalse(moduleB.paused());
    }

    function test_PauseAll_ReportsModuleWhoseStateCannotBeReadAndPausesTheOthers() public {
        // A module whose paused() reverts (a broken proxy, code gone) must not stop the switch.
        bytes memory reason = abi.encodeWithSignature("Error(string)", "broken");
        vm.mockCallRevert(address(moduleB), abi.encodeCall(IMandateModule.paused, ()), reason);

        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), true, reason);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemPaused(guardian, 2);
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), 2);
        assertTrue(stakeManager.paused());
        assertTrue(moduleA.paused());

        bytes memory unpause = abi.encodeCall(ISystemPause.unpauseAll, ());
        bytes32 salt = _scheduleViaTimelock(address(systemPause), unpause);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), false, reason);
        _executeScheduled(address(systemPause), unpause, salt);
        assertFalse(stakeManager.paused());
        assertFalse(moduleA.paused());
    }

    function test_PauseAll_ReportsModuleWithoutCodeAndPausesTheOthers() public {
        vm.etch(address(moduleB), ""); // paused() "succeeds" with no answer at all
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), true, "");
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), 2);
        assertTrue(stakeManager.paused());
        assertTrue(moduleA.paused());
        (, ISystemPause.ModuleState[] memory states) = systemPause.pausedStates();
        assertEq(uint8(states[2]), uint8(ISystemPause.ModuleState.Unreadable));
    }

    function test_PauseAll_ReportsModuleAnsweringOtherThanABoolean() public {
        bytes memory two = abi.encode(uint256(2));
        vm.mockCall(address(moduleB), abi.encodeCall(IMandateModule.paused, ()), two);
        vm.expectCall(address(moduleB), abi.encodeCall(IMandateModule.pause, ()), 0); // not asked
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), true, two);
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), 2);

        bytes memory twoWords = abi.encode(true, true);
        vm.mockCall(address(moduleA), abi.encodeCall(IMandateModule.paused, ()), twoWords);
        (, ISystemPause.ModuleState[] memory states) = systemPause.pausedStates();
        assertEq(uint8(states[0]), uint8(ISystemPause.ModuleState.Paused));
        assertEq(uint8(states[1]), uint8(ISystemPause.ModuleState.Unreadable));
        assertEq(uint8(states[2]), uint8(ISystemPause.ModuleState.Unreadable));
    }

    function test_PauseAll_CopiesAtMost256BytesOfAModulesAnswer() public {
        // A module answering with a huge revert (a "return bomb") is reported with its first 256
        // bytes, and the switch neither runs out of gas nor stops.
        vm.etch(address(moduleB), address(new ReturnBomb()).code);
        bytes memory first256 = new bytes(256);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), true, first256);
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), 2);
        assertTrue(moduleA.paused());
    }

    function test_PauseAll_DoesNotExpire() public {
        _pauseAll();
        vm.warp(block.timestamp + Defaults.TEN_YEARS);
        vm.roll(block.number + 1_000_000);
        _assertAllPaused(true);

        // Nothing but the owner's unpauseAll ends it: not the guardian, not the pauser's own modules.
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.unpauseAll();
        vm.expectRevert(Pausable.EnforcedPause.selector);
        vm.prank(alice);
        stakeManager.deposit(1);

        _executeViaTimelock(address(systemPause), abi.encodeCall(ISystemPause.unpauseAll, ()));
        _assertAllPaused(false);
    }

    function test_PauseAll_SkipsRemovedModule() public {
        vm.prank(address(timelock));
        systemPause.removeModule(address(moduleB));
        _pauseAll();
        assertTrue(stakeManager.paused());
        assertTrue(moduleA.paused());
        assertFalse(moduleB.paused());
    }

    function test_PauseAll_AtMaxModules() public {
        _fillModules();
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), 32);
        vm.prank(address(timelock));
        assertEq(systemPause.unpauseAll(), 32);
    }

    function testFuzz_PauseAll_CountsOnlyRunningModules(uint8 mask) public {
        address[] memory mods = _modules();
        uint256 running;
        for (uint256 i; i < mods.length; ++i) {
            if (mask & (1 << i) != 0) {
                vm.prank(address(systemPause));
                IMandateModule(mods[i]).pause();
            } else {
                ++running;
            }
        }
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemPaused(guardian, running);
        vm.prank(guardian);
        assertEq(systemPause.pauseAll(), running);
        _assertAllPaused(true);
    }

    // ---------------------------------------------------------------- unpauseAll

    function test_UnpauseAll_ByOwnerUnpausesEveryModule() public {
        _pauseAll();
        vm.expectEmit(address(stakeManager));
        emit Pausable.Unpaused(address(systemPause));
        vm.expectEmit(address(moduleA));
        emit Pausable.Unpaused(address(systemPause));
        vm.expectEmit(address(moduleB));
        emit Pausable.Unpaused(address(systemPause));
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemUnpaused(address(timelock), 3);
        vm.prank(address(timelock));
        assertEq(systemPause.unpauseAll(), 3);
        _assertAllPaused(false);
    }

    function test_UnpauseAll_IsIdempotent() public {
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemUnpaused(address(timelock), 0);
        vm.prank(address(timelock));
        assertEq(systemPause.unpauseAll(), 0);
    }

    function test_UnpauseAll_MixedStateUnpausesOnlyPausedModules() public {
        _pauseAll();
        vm.prank(address(systemPause));
        moduleA.unpause();

        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemUnpaused(address(timelock), 2);
        vm.prank(address(timelock));
        assertEq(systemPause.unpauseAll(), 2);
        _assertAllPaused(false);
    }

    function test_UnpauseAll_ReportsModuleWhosePauserMoved() public {
        _pauseAll();
        address otherPauser = makeAddr("OtherPauser");
        vm.prank(address(timelock));
        moduleB.setPauser(otherPauser);

        bytes memory reason = abi.encodeWithSelector(
            IMandateModule.MandateModule_CallerNotPauser.selector,
            address(systemPause),
            otherPauser
        );
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), false, reason);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.SystemUnpaused(address(timelock), 2);
        vm.prank(address(timelock));
        assertEq(systemPause.unpauseAll(), 2);

        assertFalse(stakeManager.paused());
        assertFalse(moduleA.paused());
        assertTrue(moduleB.paused());
    }

    function test_RevertWhen_UnpauseAllCallerNotOwner() public {
        _pauseAll();
        vm.expectRevert(abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, eve));
        vm.prank(eve);
        systemPause.unpauseAll();
    }

    function test_PausedStates_ReadsEveryModule() public {
        vm.prank(address(systemPause));
        moduleA.pause();
        (address[] memory mods, ISystemPause.ModuleState[] memory states) = systemPause
            .pausedStates();
        assertEq(mods.length, 3);
        assertEq(states.length, 3);
        assertEq(mods[1], address(moduleA));
        assertEq(uint8(states[0]), uint8(ISystemPause.ModuleState.Running));
        assertEq(uint8(states[1]), uint8(ISystemPause.ModuleState.Paused));
        assertEq(uint8(states[2]), uint8(ISystemPause.ModuleState.Running));
    }

    function test_PausedStates_ReportsAModuleThatRevertsInsteadOfReverting() public {
        vm.mockCallRevert(address(moduleB), abi.encodeCall(IMandateModule.paused, ()), "broken");
        (address[] memory mods, ISystemPause.ModuleState[] memory states) = systemPause
            .pausedStates();
        assertEq(mods[2], address(moduleB));
        assertEq(uint8(states[2]), uint8(ISystemPause.ModuleState.Unreadable));
        assertEq(uint8(states[0]), uint8(ISystemPause.ModuleState.Running));
    }

    // ---------------------------------------------------------------- module list

    function test_AddModule_Registers() public {
        MockModule module = _newModuleFor(address(systemPause));
        bytes memory data = abi.encodeCall(ISystemPause.addModule, (address(module)));
        bytes32 salt = _scheduleViaTimelock(address(systemPause), data);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModuleAdded(address(module));
        _executeScheduled(address(systemPause), data, salt);
        assertTrue(systemPause.isModule(address(module)));
        assertEq(systemPause.modules()[3], address(module));

        _pauseAll();
        assertTrue(module.paused());
    }

    function test_RevertWhen_AddModuleCallerNotOwner() public {
        MockModule module = _newModuleFor(address(systemPause));
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.addModule(address(module));
    }

    function test_RevertWhen_AddModuleZero() public {
        vm.expectRevert(ISystemPause.SystemPause_ZeroAddress.selector);
        vm.prank(address(timelock));
        systemPause.addModule(address(0));
    }

    function test_RevertWhen_AddModuleAlreadyRegistered() public {
        vm.expectRevert(
            abi.encodeWithSelector(
                ISystemPause.SystemPause_ModuleAlreadyRegistered.selector,
                address(moduleA)
            )
        );
        vm.prank(address(timelock));
        systemPause.addModule(address(moduleA));
    }

    function test_RevertWhen_AddModulePauserMismatch() public {
        MockModule module = _newModuleFor(guardian);
        vm.expectRevert(
            abi.encodeWithSelector(
                ISystemPause.SystemPause_ModulePauserMismatch.selector,
                address(module),
                guardian
            )
        );
        vm.prank(address(timelock));
        systemPause.addModule(address(module));
    }

    function test_AddModule_UpToMax() public {
        _fillModules();
        assertEq(systemPause.modules().length, 32);
    }

    function test_RevertWhen_AddModuleBeyondMax() public {
        _fillModules();
        MockModule extra = _newModuleFor(address(systemPause));
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_TooManyModules.selector, 32)
        );
        vm.prank(address(timelock));
        systemPause.addModule(address(extra));
    }

    function test_RemoveModule_Unregisters() public {
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModuleRemoved(address(stakeManager));
        vm.prank(address(timelock));
        systemPause.removeModule(address(stakeManager));

        assertFalse(systemPause.isModule(address(stakeManager)));
        address[] memory mods = systemPause.modules();
        assertEq(mods.length, 2);
        assertEq(mods[0], address(moduleB), "removal swaps the last module in");
        assertEq(mods[1], address(moduleA));
        // Its pauser stays SystemPause until governance moves it.
        assertEq(stakeManager.pauser(), address(systemPause));

        // It can be registered again.
        vm.prank(address(timelock));
        systemPause.addModule(address(stakeManager));
        assertTrue(systemPause.isModule(address(stakeManager)));
    }

    /// Rule: a paused module leaves the switch running, since no unpauseAll reaches it afterwards.
    function test_RemoveModule_UnpausesAPausedModule() public {
        _pauseAll();
        vm.expectEmit(address(moduleA));
        emit Pausable.Unpaused(address(systemPause));
        vm.prank(address(timelock));
        systemPause.removeModule(address(moduleA));
        assertFalse(moduleA.paused(), "removed and running");
        assertTrue(moduleB.paused(), "the others stay paused");
        assertTrue(stakeManager.paused());
    }

    /// To retire a module and keep it stopped, governance moves its pauser first: the removal's
    /// unpause is then refused, reported, and the module removed anyway.
    function test_RemoveModule_ReportsAModuleThatRefusesToResume() public {
        _pauseAll();
        vm.prank(address(timelock));
        moduleA.setPauser(guardian);
        bytes memory reason = abi.encodeWithSelector(
            IMandateModule.MandateModule_CallerNotPauser.selector,
            address(systemPause),
            guardian
        );
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleA), false, reason);
        vm.prank(address(timelock));
        systemPause.removeModule(address(moduleA));
        assertFalse(systemPause.isModule(address(moduleA)));
        assertTrue(moduleA.paused(), "stays paused under its new pauser");
    }

    function test_RemoveModule_ReportsAnUnreadableModule() public {
        bytes memory reason = abi.encodeWithSignature("Error(string)", "broken");
        vm.mockCallRevert(address(moduleB), abi.encodeCall(IMandateModule.paused, ()), reason);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.ModulePauseFailed(address(moduleB), false, reason);
        vm.prank(address(timelock));
        systemPause.removeModule(address(moduleB));
        assertFalse(systemPause.isModule(address(moduleB)));
    }

    function test_RevertWhen_RemoveModuleNotRegistered() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_ModuleNotRegistered.selector, eve)
        );
        vm.prank(address(timelock));
        systemPause.removeModule(eve);
    }

    function test_RevertWhen_RemoveModuleCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.removeModule(address(moduleA));
    }

    // ---------------------------------------------------------------- guardians

    function test_AddGuardian_CanPause() public {
        address second = makeAddr("SecondGuardian");
        vm.expectEmit(address(systemPause));
        emit ISystemPause.GuardianAdded(second);
        vm.prank(address(timelock));
        systemPause.addGuardian(second);
        assertTrue(systemPause.isGuardian(second));
        assertEq(systemPause.guardians().length, 2);

        vm.prank(second);
        assertEq(systemPause.pauseAll(), 3);
    }

    function test_RevertWhen_AddGuardianCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.addGuardian(eve);
    }

    function test_RevertWhen_AddGuardianZero() public {
        vm.expectRevert(ISystemPause.SystemPause_ZeroAddress.selector);
        vm.prank(address(timelock));
        systemPause.addGuardian(address(0));
    }

    function test_RevertWhen_AddGuardianAlreadySet() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_GuardianAlreadySet.selector, guardian)
        );
        vm.prank(address(timelock));
        systemPause.addGuardian(guardian);
    }

    function test_AddGuardian_UpToMax() public {
        _fillGuardians();
        assertEq(systemPause.guardians().length, 16);
    }

    function test_RevertWhen_AddGuardianBeyondMax() public {
        _fillGuardians();
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_TooManyGuardians.selector, 16)
        );
        vm.prank(address(timelock));
        systemPause.addGuardian(eve);
    }

    function test_RemoveGuardian_CannotPauseAnyMore() public {
        bytes memory data = abi.encodeCall(ISystemPause.removeGuardian, (guardian));
        bytes32 salt = _scheduleViaTimelock(address(systemPause), data);
        vm.expectEmit(address(systemPause));
        emit ISystemPause.GuardianRemoved(guardian);
        _executeScheduled(address(systemPause), data, salt);
        assertFalse(systemPause.isGuardian(guardian));
        assertEq(systemPause.guardians().length, 0);

        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_CallerNotGuardian.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.pauseAll();
    }

    function test_RevertWhen_RemoveGuardianNotSet() public {
        vm.expectRevert(
            abi.encodeWithSelector(ISystemPause.SystemPause_GuardianNotSet.selector, eve)
        );
        vm.prank(address(timelock));
        systemPause.removeGuardian(eve);
    }

    function test_RevertWhen_RemoveGuardianCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.removeGuardian(guardian);
    }

    // ---------------------------------------------------------------- ownership

    function test_RevertWhen_RenounceOwnershipByOwner() public {
        vm.expectRevert(ISystemPause.SystemPause_RenounceOwnershipDisabled.selector);
        vm.prank(address(timelock));
        systemPause.renounceOwnership();
        assertEq(systemPause.owner(), address(timelock));
    }

    function test_RevertWhen_RenounceOwnershipCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.renounceOwnership();
    }

    function test_TransferOwnership_TwoSteps() public {
        address newOwner = makeAddr("NewTimelock");
        bytes memory data = abi.encodeCall(Ownable.transferOwnership, (newOwner));
        bytes32 salt = _scheduleViaTimelock(address(systemPause), data);
        vm.expectEmit(address(systemPause));
        emit Ownable2Step.OwnershipTransferStarted(address(timelock), newOwner);
        _executeScheduled(address(systemPause), data, salt);
        assertEq(systemPause.owner(), address(timelock));
        assertEq(systemPause.pendingOwner(), newOwner);

        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.acceptOwnership();

        vm.expectEmit(address(systemPause));
        emit Ownable.OwnershipTransferred(address(timelock), newOwner);
        vm.prank(newOwner);
        systemPause.acceptOwnership();
        assertEq(systemPause.owner(), newOwner);
        assertEq(systemPause.pendingOwner(), address(0));

        // The new owner pauses and unpauses; the old one no longer can.
        vm.prank(newOwner);
        systemPause.pauseAll();
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, address(timelock))
        );
        vm.prank(address(timelock));
        systemPause.unpauseAll();
        vm.prank(newOwner);
        assertEq(systemPause.unpauseAll(), 3);
    }

    function test_RevertWhen_TransferOwnershipCallerNotOwner() public {
        vm.expectRevert(
            abi.encodeWithSelector(Ownable.OwnableUnauthorizedAccount.selector, guardian)
        );
        vm.prank(guardian);
        systemPause.transferOwnership(guardian);
    }

    // ---------------------------------------------------------------- helpers

    function _newModuleFor(address pauser_) private returns (MockModule) {
        return new MockModule(address(timelock), pauser_, Defaults.FEE, Defaults.WINDOW);
    }

    function _fillModules() private {
        uint256 missing = systemPause.MAX_MODULES() - systemPause.modules().length;
        for (uint256 i; i < missing; ++i) {
            MockModule module = _newModuleFor(address(systemPause));
            vm.prank(address(timelock));
            systemPause.addModule(address(module));
        }
    }

    function _fillGuardians() private {
        address[] memory extra = _newGuardians(
            systemPause.MAX_GUARDIANS() - systemPause.guardians().length
        );
        for (uint256 i; i < extra.length; ++i) {
            vm.prank(address(timelock));
            systemPause.addGuardian(extra[i]);
        }
    }

    function _newGuardians(uint256 count) private returns (address[] memory guards) {
        guards = new address[](count);
        for (uint256 i; i < count; ++i) {
            guards[i] = makeAddr(string.concat("Guardian", vm.toString(i)));
        }
    }

    function _assertAllPaused(bool expected) private view {
        assertEq(stakeManager.paused(), expected, "StakeManager");
        assertEq(moduleA.paused(), expected, "ModuleA");
        assertEq(moduleB.paused(), expected, "ModuleB");
    }
}

/// @dev Answers every call with a 1 MB revert of zeros: what a hostile or broken module could do to a
/// caller that copies its whole answer (and pays for the memory a second time).
contract ReturnBomb {
    fallback() external {
        assembly {
            revert(0x1000, 1000000)
        }
    }
}
