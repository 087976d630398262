// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable, Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {IMandateModule} from "../interfaces/IMandateModule.sol";

/// @title MandateModule
/// @notice The common base of every Mandate module: two-step ownership (the timelock owns it), a
/// pauser (SystemPause), and bounded governance parameters.
/// @dev A module lists its parameter keys in `parameterKeys` and their bounds in `parameterBounds`;
/// everything else (storage, reads, bounded writes, events) lives here, once. The base also keeps the
/// module's pause clock (`pausedSeconds`): a case's window is extended by the paused seconds that
/// elapsed since it began, so that a pause decides no case (docs/governance.md, property SY-06).
abstract contract MandateModule is IMandateModule, Ownable2Step, Pausable {
    /// @inheritdoc IMandateModule
    address public override pauser;
    // The pause clock, packed beside `pauser` so that no module's storage layout moves: when the
    // current pause began (0 while running) and the seconds of every finished pause. 48 bits of
    // seconds last nine million years.
    uint48 private _pausedSince;
    uint48 private _pausedSecondsBefore;

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
        // A timestamp fits 48 bits for nine million years.
        // forge-lint: disable-next-line(unsafe-typecast)
        _pausedSince = uint48(block.timestamp);
    }

    /// @inheritdoc IMandateModule
    function unpause() external override onlyPauser {
        _unpause();
        uint256 pausedFor = block.timestamp - _pausedSince;
        uint256 total = _pausedSecondsBefore + pausedFor;
        // At most the seconds since deployment: fits 48 bits as a timestamp does.
        // forge-lint: disable-next-line(unsafe-typecast)
        _pausedSecondsBefore = uint48(total);
        _pausedSince = 0;
        emit PauseClockAdvanced(pausedFor, total);
    }

    /// @inheritdoc IMandateModule
    function pausedSeconds() public view override returns (uint256) {
        uint256 since = _pausedSince;
        return since == 0 ? _pausedSecondsBefore : _pausedSecondsBefore + block.timestamp - since;
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

    /// @dev A pause-clock reading as a case stores it: modulo 2^32, in the 32 bits its packed slot has
    /// left. `_clockAdvance` subtracts modulo 2^32 too, so the advance is exact while one window sees
    /// less than 136 years of pauses.
    function _clockMark(uint256 clockNow) internal pure returns (uint32) {
        // Truncation intended: marks are compared modulo 2^32.
        // forge-lint: disable-next-line(unsafe-typecast)
        return uint32(clockNow);
    }

    /// @dev The seconds a pause clock advanced from `mark` to `clockNow`.
    function _clockAdvance(uint256 clockNow, uint32 mark) internal pure returns (uint256) {
        unchecked {
            return _clockMark(clockNow) - mark;
        }
    }

    function _setPauser(address newPauser) private {
        if (newPauser == address(0)) revert MandateModule_ZeroAddress();
        emit PauserUpdated(pauser, newPauser);
        pauser = newPauser;
    }
}
