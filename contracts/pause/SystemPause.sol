// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";

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
    /// one that reverts (when asked its state or asked to change it) is reported and skipped, so that
    /// a single odd module never keeps the others running during an incident.
    function _setAll(bool pausing) private returns (uint256 changed) {
        uint256 count = _modules.length();
        for (uint256 i; i < count; ++i) {
            IMandateModule module = IMandateModule(_modules.at(i));
            try module.paused() returns (bool isPaused) {
                if (isPaused == pausing) continue;
            } catch (bytes memory reason) {
                emit ModulePauseFailed(address(module), pausing, reason);
                continue;
            }
            bool ok = pausing ? _tryCall(module.pause) : _tryCall(module.unpause);
            if (ok) ++changed;
        }
    }

    function _tryCall(function() external action) private returns (bool ok) {
        try action() {
            ok = true;
        } catch (bytes memory reason) {
            emit ModulePauseFailed(
                action.address,
                action.selector == IMandateModule.pause.selector,
                reason
            );
        }
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc ISystemPause
    function addModule(address module) external override onlyOwner {
        _addModule(module);
    }

    /// @inheritdoc ISystemPause
    function removeModule(address module) external override onlyOwner {
        if (!_modules.remove(module)) revert SystemPause_ModuleNotRegistered(module);
        emit ModuleRemoved(module);
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
        returns (address[] memory modules_, bool[] memory paused_)
    {
        modules_ = _modules.values();
        paused_ = new bool[](modules_.length);
        for (uint256 i; i < modules_.length; ++i) {
            paused_[i] = IMandateModule(modules_[i]).paused();
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
