// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @title SimAccount
/// @notice Test tooling for the economic simulation (sim/): a participant as a contract that makes
/// the calls its driver hands it, so that one transaction can act as many parties. The simulation
/// places this runtime code at each participant's own address (hardhat_setCode), so the contracts
/// still see one distinct msg.sender per party and every payoff stays at the participant's address.
contract SimAccount {
    /// @notice The only caller allowed to act through this account.
    address public immutable driver;

    /// @notice `caller` is not this account's driver (`expected`).
    error SimAccount_NotDriver(address caller, address expected);

    constructor(address driver_) {
        driver = driver_;
    }

    /// @notice Calls `to` with `data` as this account; bubbles the callee's revert data up unchanged.
    function exec(address to, bytes calldata data) external returns (bytes memory out) {
        if (msg.sender != driver) revert SimAccount_NotDriver(msg.sender, driver);
        bool ok;
        (ok, out) = to.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(out, 32), mload(out))
            }
        }
    }
}

/// @title SimDriver
/// @notice Test tooling for the economic simulation (sim/): runs one phase of an epoch (many parties'
/// actions) in one transaction. Each action is made through the acting party's SimAccount, in order,
/// each in its own try/catch and with its own gas, so a revert undoes that action alone; the outcome
/// of every action (its return data, or its revert data) is emitted, so strategies learn what failed.
/// Deployed only on a simulation's chain; holds nothing.
contract SimDriver {
    /// @notice One party's call: `from` (a SimAccount) calls `to` with `data`.
    struct Action {
        address from;
        address to;
        bytes data;
    }

    /// @notice What one action did: its return data when `ok`, its revert data otherwise.
    struct Outcome {
        bool ok;
        bytes data;
    }

    /// @notice Gas each action may use, as a transaction of its own was given before batching.
    uint256 public constant ACTION_GAS = 1_500_000;

    /// @notice The account allowed to run batches (the simulation's operator).
    address public immutable operator;
    /// @notice A SimAccount whose runtime code (driven by this contract) is copied to participants.
    SimAccount public immutable template;

    /// @notice A batch of `outcomes.length` actions ran; one outcome per action, in order.
    event Ran(Outcome[] outcomes);

    /// @notice `caller` is not the operator (`expected`).
    error SimDriver_NotOperator(address caller, address expected);
    /// @notice Action `index` could not be given its full ACTION_GAS (`left` remained): the batch was
    /// sent with too little gas, and a revert for want of gas must not pass for the action's own.
    error SimDriver_OutOfGas(uint256 index, uint256 left);

    constructor() {
        operator = msg.sender;
        template = new SimAccount(address(this));
    }

    /// @notice Runs `actions` in order; a failing action is recorded and the batch goes on.
    function run(Action[] calldata actions) external returns (Outcome[] memory outcomes) {
        if (msg.sender != operator) revert SimDriver_NotOperator(msg.sender, operator);
        outcomes = new Outcome[](actions.length);
        for (uint256 i = 0; i < actions.length; ++i) {
            if (gasleft() < ACTION_GAS + ACTION_GAS / 32) revert SimDriver_OutOfGas(i, gasleft());
            Action calldata a = actions[i];
            try SimAccount(a.from).exec{gas: ACTION_GAS}(a.to, a.data) returns (bytes memory out) {
                outcomes[i] = Outcome(true, out);
            } catch (bytes memory reason) {
                outcomes[i] = Outcome(false, reason);
            }
        }
        emit Ran(outcomes);
    }

    /// @notice Many reads in one call: each `data[i]` is a static call to `to[i]`.
    function read(
        address[] calldata to,
        bytes[] calldata data
    ) external view returns (Outcome[] memory outcomes) {
        outcomes = new Outcome[](to.length);
        for (uint256 i = 0; i < to.length; ++i) {
            (bool ok, bytes memory out) = to[i].staticcall(data[i]);
            outcomes[i] = Outcome(ok, out);
        }
    }
}
