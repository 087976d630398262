// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {LibCall} from "solady/utils/LibCall.sol";

import {IMandateModule} from "../interfaces/IMandateModule.sol";
import {ISystemPause} from "../interfaces/ISystemPause.sol";

/// @title SystemPause
/// @notice The one switch that pauses every Mandate module. See {ISystemPause}.
contract SystemPause is ISystemPause, Ownable2Step {
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @inheritdoc ISystemPause
    uint256 public constant override MAX_MODULES = 32;
    /// @inheritdoc ISystemPause
    uint256 public constant override MAX_GUARDIANS = 16;

    /// @dev Most bytes of a module's answer or revert data copied into memory: enough for any error
    /// with a few arguments, while a module answering megabytes cannot exhaust the switch's gas.
    uint16 private constant MAX_COPY = 256;

    EnumerableSet.AddressSet private _modules;
    EnumerableSet.AddressSet private _guardians;

    /// @param initialOwner Governance (the timelock) from the first block.
    /// @param initialModules Modules whose pauser is already this contract's (predicted) address.
    /// @param initialGuardians Accounts that may pause everything (the guardian Safe).
    constructor(
        address initialOwner,
        address[] memory initialModules,
        address[] memory initialGuardians
    ) Ownable(initialOwner) {
        for (uint256 i; i < initialModules.length; ++i) {
            _addModule(initialModules[i]);
        }
        for (uint256 i; i < initialGuardians.length; ++i) {
            _addGuardian(initialGuardians[i]);
        }
    }

    // ---------------------------------------------------------------- pausing

    /// @inheritdoc ISystemPause
    function pauseAll() external override returns (uint256 modulesPaused) {
        if (!_guardians.contains(msg.sender) && msg.sender != owner()) {
            revert SystemPause_CallerNotGuardian(msg.sender);
        }
        modulesPaused = _setAll(true);
        emit SystemPaused(msg.sender, modulesPaused);
    }

    /// @inheritdoc ISystemPause
    function unpauseAll() external override onlyOwner returns (uint256 modulesUnpaused) {
        modulesUnpaused = _setAll(false);
        emit SystemUnpaused(msg.sender, modulesUnpaused);
    }

    /// @dev Moves every registered module to the target state. A module already there is skipped, and
    /// one whose state cannot be read, or that reverts when asked to change it, is reported and
    /// skipped, so that a single odd module never keeps the others running during an incident.
    function _setAll(bool pausing) private returns (uint256 changed) {
        bytes memory call =
            pausing
                ? abi.encodeCall(IMandateModule.pause, ())
                : abi.encodeCall(IMandateModule.unpause, ());
        uint256 count = _modules.length();
        for (uint256 i; i < count; ++i) {
            address module = _modules.at(i);
            (ModuleState state, bytes memory answer) = _stateOf(module);
            if (state == ModuleState.Unreadable) {
                emit ModulePauseFailed(module, pausing, answer);
                continue;
            }
            if ((state == ModuleState.Paused) == pausing) continue;
            (bool ok, , bytes memory reason) = LibCall.tryCall(
                module,
                0,
                gasleft(),
                MAX_COPY,
                call
            );
            if (ok) ++changed;
            else emit ModulePauseFailed(module, pausing, reason);
        }
    }

    /// @dev Reads `module.paused()` with a bounded copy of its answer; anything but a call that
    /// succeeds with exactly one ABI-encoded boolean is `Unreadable`, returned with what it answered.
    function _stateOf(address module) private view returns (ModuleState, bytes memory answer) {
        bool ok;
        bool tooLong;
        (ok, tooLong, answer) = LibCall.tryStaticCall(
            module,
            gasleft(),
            MAX_COPY,
            abi.encodeCall(IMandateModule.paused, ())
        );
        if (!ok || tooLong || answer.length != 32) return (ModuleState.Unreadable, answer);
        uint256 word = abi.decode(answer, (uint256));
        if (word > 1) return (ModuleState.Unreadable, answer);
        return (word == 1 ? ModuleState.Paused : ModuleState.Running, answer);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ISystemPause
    function addModule(address module) external override onlyOwner {
        _addModule(module);
    }

    /// @inheritdoc ISystemPause
    /// @dev A paused module leaves the switch running: once removed, no `unpauseAll` reaches it, and its
    /// open cases must be able to finish. A module whose state cannot be read, or that refuses (its
    /// pauser is no longer this contract), is reported with `ModulePauseFailed` and removed anyway.
    function removeModule(address module) external override onlyOwner {
        if (!_modules.remove(module)) revert SystemPause_ModuleNotRegistered(module);
        emit ModuleRemoved(module);
        (ModuleState state, bytes memory answer) = _stateOf(module);
        if (state == ModuleState.Running) return;
        if (state == ModuleState.Paused) {
            bool ok;
            (ok, , answer) = LibCall.tryCall(
                module,
                0,
                gasleft(),
                MAX_COPY,
                abi.encodeCall(IMandateModule.unpause, ())
            );
            if (ok) return;
        }
        emit ModulePauseFailed(module, false, answer);
    }

    /// @inheritdoc ISystemPause
    function addGuardian(address guardian) external override onlyOwner {
        _addGuardian(guardian);
    }

    /// @inheritdoc ISystemPause
    function removeGuardian(address guardian) external override onlyOwner {
        if (!_guardians.remove(guardian)) revert SystemPause_GuardianNotSet(guardian);
        emit GuardianRemoved(guardian);
    }

    /// @notice Disabled: without an owner nobody could unpause.
    function renounceOwnership() public view override onlyOwner {
        revert SystemPause_RenounceOwnershipDisabled();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ISystemPause
    function modules() external view override returns (address[] memory) {
        return _modules.values();
    }

    /// @inheritdoc ISystemPause
    function guardians() external view override returns (address[] memory) {
        return _guardians.values();
    }

    /// @inheritdoc ISystemPause
    function isModule(address module) external view override returns (bool) {
        return _modules.contains(module);
    }

    /// @inheritdoc ISystemPause
    function isGuardian(address account) external view override returns (bool) {
        return _guardians.contains(account);
    }

    /// @inheritdoc ISystemPause
    function pausedStates()
        external
        view
        override
        returns (address[] memory modules_, ModuleState[] memory states_)
    {
        modules_ = _modules.values();
        states_ = new ModuleState[](modules_.length);
        for (uint256 i; i < modules_.length; ++i) {
            (states_[i], ) = _stateOf(modules_[i]);
        }
    }

    // ---------------------------------------------------------------- internals

    function _addModule(address module) private {
        if (module == address(0)) revert SystemPause_ZeroAddress();
        if (_modules.contains(module)) revert SystemPause_ModuleAlreadyRegistered(module);
        if (_modules.length() == MAX_MODULES) revert SystemPause_TooManyModules(MAX_MODULES);
        address modulePauser = IMandateModule(module).pauser();
        if (modulePauser != address(this))
            revert SystemPause_ModulePauserMismatch(module, modulePauser);
        _modules.add(module);
        emit ModuleAdded(module);
    }

    function _addGuardian(address guardian) private {
        if (guardian == address(0)) revert SystemPause_ZeroAddress();
        if (_guardians.contains(guardian)) revert SystemPause_GuardianAlreadySet(guardian);
        if (_guardians.length() == MAX_GUARDIANS)
            revert SystemPause_TooManyGuardians(MAX_GUARDIANS);
        _guardians.add(guardian);
        emit GuardianAdded(guardian);
    }
}
