// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {CommonBase} from "forge-std/Base.sol";
import {StdCheats} from "forge-std/StdCheats.sol";
import {StdUtils} from "forge-std/StdUtils.sol";
import {console} from "forge-std/console.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IDisputeModule} from "../../contracts/interfaces/IDisputeModule.sol";
import {IMandateModule} from "../../contracts/interfaces/IMandateModule.sol";

/// @notice Tells a handler whether the system switch is paused, as the handler driving the switch
/// recorded it (ghost state, not a read of the contracts under test).
interface IPauseOracle {
    function ghost_systemPaused() external view returns (bool);
}

/// @title HandlerBase
/// @notice What every invariant handler shares: a set of actors, a call summary (calls and successes
/// per action, so a reader sees the fuzzer is not mostly skipping or failing), time warps, and
/// governance through the real timelock (schedule, an early execute that must fail, wait, execute).
/// @dev Handlers never revert on their own: inputs are bounded, and calls that are expected to fail run
/// under try/catch with the outcome recorded in ghost counters. A revert that escapes a handler is a
/// real finding (the suites run with fail_on_revert).
abstract contract HandlerBase is CommonBase, StdCheats, StdUtils {
    MandateTimelock public immutable timelock;
    /// @notice The owners' Safe: the timelock's only proposer, executor and canceller.
    address public immutable governanceSafe;

    address[] internal _actors;

    string[] private _actionNames;
    mapping(string action => uint256) public calls;
    mapping(string action => uint256) public successes;

    /// @notice Governance operations that executed before their delay had passed (AU-06: must stay 0).
    uint256 public ghost_earlyExecutions;
    /// @notice Operations scheduled and executed through the timelock by this handler.
    uint256 public ghost_governanceExecuted;

    uint256 private _operationNonce;

    constructor(MandateTimelock timelock_, address governanceSafe_) {
        timelock = timelock_;
        governanceSafe = governanceSafe_;
    }

    /// @notice Every actor of this handler.
    function actors() external view returns (address[] memory) {
        return _actors;
    }

    /// @notice Prints calls and successes per action, and the ghost counters of the concrete handler.
    function callSummary() external view {
        console.log(string.concat("call summary: ", _handlerName()));
        for (uint256 i; i < _actionNames.length; ++i) {
            string memory name = _actionNames[i];
            console.log(
                string.concat(
                    "  ",
                    name,
                    ": ",
                    vm.toString(calls[name]),
                    " calls, ",
                    vm.toString(successes[name]),
                    " succeeded"
                )
            );
        }
        _logGhosts();
    }

    function _handlerName() internal pure virtual returns (string memory);

    function _logGhosts() internal view virtual;

    function _createActor(string memory label) internal returns (address actor) {
        actor = makeAddr(label);
        _actors.push(actor);
    }

    function _actor(uint256 seed) internal view returns (address) {
        return _actors[seed % _actors.length];
    }

    /// @dev Counts a call of `action`; the first call also registers the name for the summary.
    function _called(string memory action) internal {
        if (calls[action] == 0 && successes[action] == 0) _actionNames.push(action);
        ++calls[action];
    }

    function _succeeded(string memory action) internal {
        ++successes[action];
    }

    function _warp(uint256 secondsAhead) internal {
        vm.warp(block.timestamp + secondsAhead);
    }

    /// @dev The bond rule written out (docs/governance.md), on the terms `disputes` holds now (governance
    /// moves them during a run): BOND_SHARE_BPS of the value at stake, at least MIN_BOND, never more
    /// than the value itself.
    function _disputeBond(
        IDisputeModule disputes,
        uint256 valueAtStake
    ) internal view returns (uint256) {
        IMandateModule terms = IMandateModule(address(disputes));
        uint256 share = (valueAtStake * terms.parameter(disputes.BOND_SHARE_BPS())) / 10_000;
        uint256 minimum = terms.parameter(disputes.MIN_BOND());
        uint256 bond = share > minimum ? share : minimum;
        return bond < valueAtStake ? bond : valueAtStake;
    }

    /// @dev The first open dispute of `client` on `disputes` from `seed` on, 0 when none (one
    /// DisputeModule may serve several clients, each driven by its own handler).
    function _openDisputeOf(
        IDisputeModule disputes,
        address client,
        uint256 seed
    ) internal view returns (uint256) {
        uint256 count = disputes.disputeCount();
        for (uint256 i; i < count; ++i) {
            uint256 disputeId = (((seed % count) + i) % count) + 1;
            IDisputeModule.Dispute memory d = disputes.dispute(disputeId);
            if (d.status == IDisputeModule.Status.Open && d.client == client) return disputeId;
        }
        return 0;
    }

    /// @dev Runs `target.call(data)` as the timelock would for governance: scheduled by the owners'
    /// Safe with the timelock's current minimum delay, tried once before the delay (which must fail),
    /// then executed after it. An operation that reverts at execution is cancelled and reported as
    /// `ok = false`, so callers can check that an out-of-bounds change was refused.
    function _governance(address target, bytes memory data) internal returns (bool ok) {
        bytes32 salt = keccak256(abi.encode(address(this), ++_operationNonce));
        uint256 delay = timelock.getMinDelay();
        vm.prank(governanceSafe);
        timelock.schedule(target, 0, data, bytes32(0), salt, delay);
        bytes32 id = timelock.hashOperation(target, 0, data, bytes32(0), salt);

        vm.prank(governanceSafe);
        try timelock.execute(target, 0, data, bytes32(0), salt) {
            ++ghost_earlyExecutions;
            return true;
        } catch {}

        _warp(delay);
        vm.prank(governanceSafe);
        try timelock.execute(target, 0, data, bytes32(0), salt) {
            ++ghost_governanceExecuted;
            return true;
        } catch {
            vm.prank(governanceSafe);
            timelock.cancel(id);
            return false;
        }
    }
}

/// @title SwitchAwareHandler
/// @notice A user handler in a suite where another handler drives the system switch: it asks that
/// handler (the pause oracle) whether its actions must fail. Without an oracle the system never pauses.
abstract contract SwitchAwareHandler is HandlerBase {
    /// @notice The handler driving the switch, or zero in a suite without one.
    IPauseOracle public pauseOracle;

    constructor(
        MandateTimelock timelock_,
        address governanceSafe_,
        IPauseOracle pauseOracle_
    ) HandlerBase(timelock_, governanceSafe_) {
        pauseOracle = pauseOracle_;
    }

    /// @notice For suites that create the switch's handler after this one (never a fuzzed action).
    function setPauseOracle(IPauseOracle oracle) external {
        pauseOracle = oracle;
    }

    function _systemPaused() internal view returns (bool) {
        return address(pauseOracle) != address(0) && pauseOracle.ghost_systemPaused();
    }
}
