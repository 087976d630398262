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
/// @dev Batches and outcomes are packed, not ABI-encoded: the simulation builds and reads a batch every
/// phase, and ethers' ABI coder took milliseconds of CPU for each. An action is `from` (20
/// bytes), `to` (20 bytes), the length of its calldata (4 bytes, big-endian) and the calldata; an
/// outcome is `ok` (1 byte: 1 or 0), the length of its return or revert data (4 bytes) and the data.
contract SimDriver {
    /// @notice Gas each action may use, as a transaction of its own was given before batching.
    uint256 public constant ACTION_GAS = 1_500_000;
    /// @notice Bytes before an action's calldata: `from`, `to` and the calldata's length.
    uint256 private constant ACTION_HEADER = 44;

    /// @notice The account allowed to run batches (the simulation's operator).
    address public immutable operator;
    /// @notice A SimAccount whose runtime code (driven by this contract) is copied to participants.
    SimAccount public immutable template;

    /// @notice A batch ran; `outcomes` holds one packed outcome per action, in order.
    event Ran(bytes outcomes);

    /// @notice `caller` is not the operator (`expected`).
    error SimDriver_NotOperator(address caller, address expected);
    /// @notice Action `index` could not be given its full ACTION_GAS (`left` remained): the batch was
    /// sent with too little gas, and a revert for want of gas must not pass for the action's own.
    error SimDriver_OutOfGas(uint256 index, uint256 left);
    /// @notice The packed batch does not end where its last action does (`at` of `length` bytes).
    error SimDriver_MalformedBatch(uint256 at, uint256 length);

    constructor() {
        operator = msg.sender;
        template = new SimAccount(address(this));
    }

    /// @notice Runs the packed `batch` in order; a failing action is recorded and the batch goes on.
    function run(bytes calldata batch) external {
        if (msg.sender != operator) revert SimDriver_NotOperator(msg.sender, operator);
        uint256 count = _count(batch);
        bool[] memory oks = new bool[](count);
        bytes[] memory outs = new bytes[](count);
        uint256 total = 0;
        uint256 at = 0;
        for (uint256 i = 0; i < count; ++i) {
            if (gasleft() < ACTION_GAS + ACTION_GAS / 32) revert SimDriver_OutOfGas(i, gasleft());
            address from = address(bytes20(batch[at:at + 20]));
            address to = address(bytes20(batch[at + 20:at + 40]));
            uint256 end = at + ACTION_HEADER + uint32(bytes4(batch[at + 40:at + ACTION_HEADER]));
            try SimAccount(from).exec{gas: ACTION_GAS}(to, batch[at + ACTION_HEADER:end]) returns (
                bytes memory out
            ) {
                (oks[i], outs[i]) = (true, out);
            } catch (bytes memory reason) {
                outs[i] = reason;
            }
            total += 5 + outs[i].length;
            at = end;
        }
        emit Ran(_pack(oks, outs, total));
    }

    /// @notice Many reads in one call: each `data[i]` is a static call to `to[i]`; `ok[i]` and
    /// `out[i]` are its success and its return (or revert) data.
    function read(
        address[] calldata to,
        bytes[] calldata data
    ) external view returns (bool[] memory ok, bytes[] memory out) {
        ok = new bool[](to.length);
        out = new bytes[](to.length);
        for (uint256 i = 0; i < to.length; ++i) {
            (ok[i], out[i]) = to[i].staticcall(data[i]);
        }
    }

    /// @notice The number of actions in `batch`; reverts when its last action overruns or falls short.
    function _count(bytes calldata batch) private pure returns (uint256 count) {
        uint256 at = 0;
        while (at + ACTION_HEADER <= batch.length) {
            at += ACTION_HEADER + uint32(bytes4(batch[at + 40:at + ACTION_HEADER]));
            ++count;
        }
        if (at != batch.length) revert SimDriver_MalformedBatch(at, batch.length);
    }

    /// @notice The outcomes packed into one buffer of `total` bytes, copied once each.
    function _pack(
        bool[] memory oks,
        bytes[] memory outs,
        uint256 total
    ) private pure returns (bytes memory packed) {
        packed = new bytes(total);
        uint256 w = 0;
        for (uint256 i = 0; i < outs.length; ++i) {
            bytes memory out = outs[i];
            uint256 len = out.length;
            bool ok = oks[i];
            assembly ("memory-safe") {
                let dst := add(add(packed, 32), w)
                mstore8(dst, ok)
                mstore8(add(dst, 1), shr(24, len))
                mstore8(add(dst, 2), shr(16, len))
                mstore8(add(dst, 3), shr(8, len))
                mstore8(add(dst, 4), len)
                mcopy(add(dst, 5), add(out, 32), len)
            }
            w += 5 + len;
        }
    }
}
