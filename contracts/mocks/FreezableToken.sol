// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FreezableToken
/// @notice Test-only token whose issuer can freeze an address, as some stablecoins do: a frozen address can
///         neither send nor receive. It shows that no settlement depends on a transfer to a counterparty.
contract FreezableToken is ERC20 {
    /// @notice Thrown when a transfer touches a frozen address.
    error FreezableToken_Frozen(address account);

    /// @notice Whether `account` is frozen.
    mapping(address account => bool) public frozen;

    /// @notice Emitted when the issuer freezes or unfreezes `account`.
    event FrozenSet(address indexed account, bool frozen);

    constructor() ERC20("Freezable Token", "FRZ") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Freeze or unfreeze `account` (anyone may call: this is a test mock).
    function setFrozen(address account, bool isFrozen) external {
        frozen[account] = isFrozen;
        emit FrozenSet(account, isFrozen);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (frozen[from]) revert FreezableToken_Frozen(from);
        if (frozen[to]) revert FreezableToken_Frozen(to);
        super._update(from, to, value);
    }
}
