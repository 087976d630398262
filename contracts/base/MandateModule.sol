// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IMandateModule} from "../interfaces/IMandateModule.sol";

/// @title MandateModule
/// @notice The common base of every Mandate module: two-step ownership (the timelock owns it), a
/// pauser (SystemPause), and bounded governance parameters.
/// @dev A module lists its parameter keys in `parameterKeys` and their bounds in `parameterBounds`;
/// everything else (storage, reads, bounded writes, events) lives here, once.
abstract contract MandateModule is IMandateModule, Ownable2Step, Pausable {
    /// @inheritdoc IMandateModule
    address public override pauser;

    mapping(bytes32 key => uint256 value) private _parameters;

    modifier onlyPauser() {
        if (msg.sender != pauser) revert MandateModule_CallerNotPauser(msg.sender, pauser);
        _;
    }

    /// @param initialOwner The owner from the first block: the timelock in a deployed system.
    /// @param initialPauser The pauser from the first block: SystemPause in a deployed system.
    constructor(address initialOwner, address initialPauser) Ownable(initialOwner) {
        _setPauser(initialPauser);
    }

    /// @inheritdoc IMandateModule
    function pause() external override onlyPauser {
        _pause();
    }

    /// @inheritdoc IMandateModule
    function unpause() external override onlyPauser {
        _unpause();
    }

    /// @inheritdoc IMandateModule
    function setPauser(address newPauser) external override onlyOwner {
        _setPauser(newPauser);
    }

    /// @inheritdoc IMandateModule
    function parameter(bytes32 key) external view override returns (uint256) {
        parameterBounds(key); // reverts for an unknown key
        return _parameters[key];
    }

    /// @inheritdoc IMandateModule
    function setParameter(bytes32 key, uint256 value) external override onlyOwner {
        _setParameter(key, value);
    }

    /// @inheritdoc IMandateModule
    function paused() public view override(IMandateModule, Pausable) returns (bool) {
        return Pausable.paused();
    }

    /// @inheritdoc IMandateModule
    function parameterKeys() external view virtual override returns (bytes32[] memory keys);

    /// @inheritdoc IMandateModule
    function parameterBounds(
        bytes32 key
    ) public view virtual override returns (uint256 min, uint256 max);

    /// @notice Disabled: a module always has an owner.
    function renounceOwnership() public view override onlyOwner {
        revert MandateModule_RenounceOwnershipDisabled();
    }

    /// @dev Sets a parameter within its bounds; modules call it from their constructors too.
    function _setParameter(bytes32 key, uint256 value) internal {
        (uint256 min, uint256 max) = parameterBounds(key);
        if (value < min || value > max)
            revert MandateModule_ParameterOutOfBounds(key, value, min, max);
        emit ParameterUpdated(key, _parameters[key], value);
        _parameters[key] = value;
    }

    /// @dev Reads a parameter without the key check, for the module's own known keys.
    function _parameter(bytes32 key) internal view returns (uint256) {
        return _parameters[key];
    }

    function _setPauser(address newPauser) private {
        if (newPauser == address(0)) revert MandateModule_ZeroAddress();
        emit PauserUpdated(pauser, newPauser);
        pauser = newPauser;
    }
}
