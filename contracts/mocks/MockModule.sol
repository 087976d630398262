// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MandateModule} from "../base/MandateModule.sol";

/// @title MockModule
/// @notice Test-only module exercising the common base: two bounded parameters and one
/// user-facing action that stops while paused.
contract MockModule is MandateModule {
    bytes32 public constant FEE = keccak256("FEE");
    bytes32 public constant WINDOW = keccak256("WINDOW");

    /// @notice How many times `poke` succeeded.
    uint256 public pokes;

    /// @notice `poke` was called.
    /// @param caller Who poked.
    event Poked(address indexed caller);

    constructor(
        address initialOwner,
        address initialPauser,
        uint256 initialFee,
        uint256 initialWindow
    ) MandateModule(initialOwner, initialPauser) {
        _setParameter(FEE, initialFee);
        _setParameter(WINDOW, initialWindow);
    }

    /// @notice A user-facing action.
    function poke() external whenNotPaused {
        ++pokes;
        emit Poked(msg.sender);
    }

    /// @notice The fee parameter, read without the key check.
    function fee() external view returns (uint256) {
        return _parameter(FEE);
    }

    function parameterKeys() external pure override returns (bytes32[] memory keys) {
        keys = new bytes32[](2);
        keys[0] = FEE;
        keys[1] = WINDOW;
    }

    function parameterBounds(bytes32 key) public pure override returns (uint256 min, uint256 max) {
        if (key == FEE) return (0, 1_000);
        if (key == WINDOW) return (1 hours, 30 days);
        revert MandateModule_UnknownParameter(key);
    }
}
