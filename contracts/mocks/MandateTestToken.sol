// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title MandateTestToken
/// @notice The stake and payment token on development networks only: anyone can mint.
contract MandateTestToken is ERC20 {
    constructor() ERC20("Mandate Test Token", "mTEST") {}

    /// @notice Mints `amount` to `to`. Development networks only.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
