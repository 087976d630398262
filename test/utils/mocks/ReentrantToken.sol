// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice Test-only token that, once armed, calls back into a target during its next transfer, to show
/// StakeManager's reentrancy guard holds. A failing callback bubbles its revert data up.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public callback;

    constructor() ERC20("Reentrant Token", "REENTER") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The next transfer (not mint or burn) calls `target_` with `callback_`, once.
    function arm(address target_, bytes calldata callback_) external {
        target = target_;
        callback = callback_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address hook = target;
        if (hook == address(0) || from == address(0) || to == address(0)) return;
        target = address(0);
        (bool ok, bytes memory data) = hook.call(callback);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(data, 0x20), mload(data))
            }
        }
    }
}
