// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IModuleAuthorisation} from "../../contracts/interfaces/IModuleAuthorisation.sol";
import {IStakeManager} from "../../contracts/interfaces/IStakeManager.sol";
import {MandateTestToken} from "../../contracts/mocks/MandateTestToken.sol";
import {StakeManager} from "../../contracts/staking/StakeManager.sol";
import {IPauseOracle, SwitchAwareHandler} from "../base/HandlerBase.sol";

/// @title StakeManagerHandler
/// @notice Drives StakeManager as stakers, as market modules (lock, release, slash) and as governance
/// (authorise or revoke modules, release for revoked ones, recover donations, change the unbonding
/// period), and mirrors in ghost state what the contract should hold.
/// @dev Expectations come from ghost state, never from the contract under test: when the ghost says
/// a call must fail (system paused, module not authorised, unbonding not elapsed) it runs under
/// try/catch and a success is recorded as a violation.
contract StakeManagerHandler is SwitchAwareHandler {
    uint256 internal constant MAX_DEPOSIT = 1e27;

    StakeManager public immutable stakeManager;
    MandateTestToken public immutable token;
    /// @notice Receives tokens recovered by governance (donations).
    address public immutable treasury;

    address[] internal _modules;

    // ------------------------------------------------------------ ghost state
    uint256 public ghost_deposited;
    uint256 public ghost_withdrawn;
    uint256 public ghost_slashed;
    uint256 public ghost_donated;
    uint256 public ghost_recovered;
    /// @notice What each account owns in StakeManager: deposits - withdrawals - slashes.
    mapping(address account => uint256) public ghost_stake;
    /// @notice What each actor's wallet should hold: minted - deposited + withdrawn + slash proceeds.
    mapping(address account => uint256) public ghost_wallet;
    /// @notice When the pending withdrawal of each account becomes withdrawable (0: none pending).
    mapping(address account => uint256) public ghost_releaseAt;
    mapping(address module => bool) public ghost_authorised;
    /// @notice What each module's own books say it holds locked of each account, as a job registry
    /// would count it: up on its locks, down on its releases and slashes, untouched by governance's
    /// release for a revoked module (SM-10: always lockedBy + releasedByGovernance).
    mapping(address module => mapping(address account => uint256)) public ghost_moduleBooks;
    /// @notice Releases and slashes whose request governance's earlier release partly covered.
    uint256 public ghost_settlementsDrawingOnGovernance;
    uint256 public ghost_unbondingPeriod;

    /// @notice Withdrawals that succeeded before the ghost release time (SM-08: must stay 0).
    uint256 public ghost_prematureWithdrawals;
    /// @notice Locks that succeeded for a module the ghost says is not authorised (SM-09: must stay 0).
    uint256 public ghost_unauthorisedLocks;
    /// @notice User or module actions that succeeded while the switch said paused (SP-01: must stay 0).
    uint256 public ghost_pausedActionSuccesses;
    /// @notice Refused actions while paused that still changed state or balances (SP-01: must stay 0).
    uint256 public ghost_pausedStateChanges;
    /// @notice Actions attempted while paused (all expected to fail).
    uint256 public ghost_pausedAttempts;

    constructor(
        StakeManager stakeManager_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address[] memory authorisedModules,
        address revokedModule
    ) SwitchAwareHandler(timelock_, governanceSafe_, IPauseOracle(address(0))) {
        stakeManager = stakeManager_;
        token = MandateTestToken(address(stakeManager_.token()));
        treasury = makeAddr("treasury");
        for (uint256 i; i < authorisedModules.length; ++i) {
            _modules.push(authorisedModules[i]);
            ghost_authorised[authorisedModules[i]] = true;
        }
        _modules.push(revokedModule);
        ghost_unbondingPeriod = stakeManager_.unbondingPeriod();
        for (uint256 i; i < 5; ++i) {
            _createActor(string.concat("staker", vm.toString(i)));
        }
    }

    /// @notice Every module actor: the authorised ones first, then one never authorised at start.
    function modules() external view returns (address[] memory) {
        return _modules;
    }

    // ------------------------------------------------------------ stakers

    function deposit(uint256 actorSeed, uint256 amount) external {
        _called("deposit");
        address actor = _actor(actorSeed);
        amount = _bound(amount, 1, MAX_DEPOSIT);
        token.mint(actor, amount);
        ghost_wallet[actor] += amount;
        vm.prank(actor);
        token.approve(address(stakeManager), amount);

        if (_systemPaused()) {
            _attemptWhilePaused(actor, actor, abi.encodeCall(IStakeManager.deposit, (amount)));
            return;
        }
        vm.prank(actor);
        stakeManager.deposit(amount);
        ghost_deposited += amount;
        ghost_stake[actor] += amount;
        ghost_wallet[actor] -= amount;
        _succeeded("deposit");
    }

    function requestWithdrawal(uint256 actorSeed, uint256 amount) external {
        _called("requestWithdrawal");
        address actor = _actorWithFreeStake(actorSeed);
        uint256 free = stakeManager.stakeOf(actor).free;
        if (_systemPaused()) {
            _attemptWhilePaused(
                actor,
                actor,
                abi.encodeCall(IStakeManager.requestWithdrawal, (_bound(amount, 1, MAX_DEPOSIT)))
            );
            return;
        }
        if (free == 0) return;
        amount = _bound(amount, 1, free);
        vm.prank(actor);
        stakeManager.requestWithdrawal(amount);
        ghost_releaseAt[actor] = block.timestamp + ghost_unbondingPeriod;
        _succeeded("requestWithdrawal");
    }

    function cancelWithdrawal(uint256 actorSeed) external {
        _called("cancelWithdrawal");
        address actor = _actorUnbonding(actorSeed);
        if (_systemPaused()) {
            _attemptWhilePaused(actor, actor, abi.encodeCall(IStakeManager.cancelWithdrawal, ()));
            return;
        }
        if (ghost_releaseAt[actor] == 0) return;
        vm.prank(actor);
        stakeManager.cancelWithdrawal();
        ghost_releaseAt[actor] = 0;
        _succeeded("cancelWithdrawal");
    }

    /// @dev Waits a bounded time first; before the ghost release time the withdrawal must fail.
    function withdraw(uint256 actorSeed, uint256 waitSeconds) external {
        _called("withdraw");
        address actor = _actorUnbonding(actorSeed);
        _warp(_bound(waitSeconds, 0, 2 * ghost_unbondingPeriod));
        if (_systemPaused()) {
            _attemptWhilePaused(actor, actor, abi.encodeCall(IStakeManager.withdraw, ()));
            return;
        }
        uint256 releaseAt = ghost_releaseAt[actor];
        if (releaseAt == 0) return;
        uint256 amount = stakeManager.stakeOf(actor).unbonding;
        if (block.timestamp < releaseAt) {
            vm.prank(actor);
            try stakeManager.withdraw() {
                ++ghost_prematureWithdrawals;
                _recordWithdrawal(actor, amount);
            } catch {}
            return;
        }
        vm.prank(actor);
        stakeManager.withdraw();
        _recordWithdrawal(actor, amount);
        _succeeded("withdraw");
    }

    /// @notice Someone sends stake tokens straight to StakeManager: nobody's stake, recoverable by governance.
    function donate(uint256 amount) external {
        _called("donate");
        amount = _bound(amount, 1, MAX_DEPOSIT);
        token.mint(address(this), amount);
        token.transfer(address(stakeManager), amount);
        ghost_donated += amount;
        _succeeded("donate");
    }

    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 1, 30 days));
        _succeeded("warp");
    }

    // ------------------------------------------------------------ modules

    function lock(uint256 moduleSeed, uint256 actorSeed, uint256 amount) external {
        _called("lock");
        // Mostly an authorised module; one seed in four keeps the one drawn, authorised or not (SM-09).
        address module =
            moduleSeed % 4 == 0 ? _module(moduleSeed / 4) : _authorisedModule(moduleSeed);
        address actor = _actorWithFreeStake(actorSeed);
        uint256 free = stakeManager.stakeOf(actor).free;
        if (_systemPaused()) {
            _attemptWhilePaused(
                module,
                actor,
                abi.encodeCall(IStakeManager.lock, (actor, _bound(amount, 1, MAX_DEPOSIT)))
            );
            return;
        }
        if (free == 0) return;
        amount = _bound(amount, 1, free);
        if (!ghost_authorised[module]) {
            vm.prank(module);
            try stakeManager.lock(actor, amount) {
                ++ghost_unauthorisedLocks;
            } catch {}
            return;
        }
        vm.prank(module);
        stakeManager.lock(actor, amount);
        ghost_moduleBooks[module][actor] += amount;
        _succeeded("lock");
    }

    function release(uint256 moduleSeed, uint256 actorSeed, uint256 amount) external {
        _called("release");
        (address module, address actor) = _lockHeld(moduleSeed, actorSeed);
        uint256 books = ghost_moduleBooks[module][actor];
        if (_systemPaused()) {
            _attemptWhilePaused(
                module,
                actor,
                abi.encodeCall(IStakeManager.release, (actor, _bound(amount, 1, MAX_DEPOSIT)))
            );
            return;
        }
        if (books == 0) return;
        // What the module's books say, authorised or revoked, governance-released or not: it must
        // succeed (SM-10; a revert escapes the handler and fails the run).
        amount = _bound(amount, 1, books);
        _settledByModule(module, actor, amount);
        vm.prank(module);
        stakeManager.release(actor, amount);
        _succeeded("release");
    }

    /// @dev The recipient is another actor, so slash proceeds show up in the wallet ghost.
    function slash(
        uint256 moduleSeed,
        uint256 actorSeed,
        uint256 amount,
        uint256 recipientSeed
    ) external {
        _called("slash");
        (address module, address actor) = _lockHeld(moduleSeed, actorSeed);
        address recipient = _actor(recipientSeed);
        uint256 books = ghost_moduleBooks[module][actor];
        if (_systemPaused()) {
            _attemptWhilePaused(
                module,
                actor,
                abi.encodeCall(
                    IStakeManager.slash,
                    (actor, _bound(amount, 1, MAX_DEPOSIT), recipient)
                )
            );
            return;
        }
        if (books == 0) return;
        amount = _bound(amount, 1, books);
        // Only what the module still holds moves: the part governance already freed stays free.
        uint256 slashed = _settledByModule(module, actor, amount);
        vm.prank(module);
        stakeManager.slash(actor, amount, recipient);
        ghost_slashed += slashed;
        ghost_stake[actor] -= slashed;
        ghost_wallet[recipient] += slashed;
        _succeeded("slash");
    }

    // ------------------------------------------------------------ governance (through the timelock)

    function governance_setModuleAuthorisation(uint256 moduleSeed, bool authorised) external {
        _called("governance_setModuleAuthorisation");
        address module = _module(moduleSeed);
        if (
            !_governance(
                address(stakeManager),
                abi.encodeCall(IModuleAuthorisation.setModuleAuthorisation, (module, authorised))
            )
        ) {
            return;
        }
        ghost_authorised[module] = authorised;
        _succeeded("governance_setModuleAuthorisation");
    }

    function governance_releaseFromRevokedModule(uint256 moduleSeed, uint256 actorSeed) external {
        _called("governance_releaseFromRevokedModule");
        (address module, address actor) = _lockHeld(moduleSeed, actorSeed);
        if (ghost_authorised[module] || stakeManager.lockedBy(module, actor) == 0) return;
        bool ok = _governance(
            address(stakeManager),
            abi.encodeCall(IStakeManager.releaseFromRevokedModule, (module, actor))
        );
        require(ok, "governance release for a revoked module failed");
        _succeeded("governance_releaseFromRevokedModule");
    }

    function governance_recoverDonations() external {
        _called("governance_recoverDonations");
        uint256 surplus = ghost_donated - ghost_recovered;
        if (surplus == 0) return;
        bool ok = _governance(
            address(stakeManager),
            abi.encodeCall(IStakeManager.recoverTokens, (address(token), treasury))
        );
        require(ok, "governance recovery of donations failed");
        ghost_recovered += surplus;
        _succeeded("governance_recoverDonations");
    }

    /// @dev Any value, in or out of bounds: out of bounds must be refused (AU-02/AU-03 check the result).
    function governance_setUnbondingPeriod(uint256 period) external {
        _called("governance_setUnbondingPeriod");
        period = _bound(period, 0, 2 * stakeManager.MAX_UNBONDING_PERIOD());
        bytes32 key = stakeManager.UNBONDING_PERIOD();
        bool inBounds =
            period >= stakeManager.MIN_UNBONDING_PERIOD() &&
                period <= stakeManager.MAX_UNBONDING_PERIOD();
        bool ok = _governance(
            address(stakeManager),
            abi.encodeWithSignature("setParameter(bytes32,uint256)", key, period)
        );
        require(ok == inBounds, "unbonding period accepted out of bounds or refused within them");
        if (ok) {
            ghost_unbondingPeriod = period;
            _succeeded("governance_setUnbondingPeriod");
        }
    }

    // ------------------------------------------------------------ internals

    function _module(uint256 seed) internal view returns (address) {
        return _modules[seed % _modules.length];
    }

    function _authorisedModule(uint256 seed) internal view returns (address) {
        for (uint256 m; m < _modules.length; ++m) {
            address module = _module((seed % _modules.length) + m);
            if (ghost_authorised[module]) return module;
        }
        return _module(seed);
    }

    /// @dev The first actor from `seed` on with free stake, so that few calls are wasted on empty accounts.
    function _actorWithFreeStake(uint256 seed) internal view returns (address) {
        for (uint256 i; i < _actors.length; ++i) {
            address actor = _actor((seed % _actors.length) + i);
            if (stakeManager.stakeOf(actor).free > 0) return actor;
        }
        return _actor(seed);
    }

    function _actorUnbonding(uint256 seed) internal view returns (address) {
        for (uint256 i; i < _actors.length; ++i) {
            address actor = _actor((seed % _actors.length) + i);
            if (ghost_releaseAt[actor] != 0) return actor;
        }
        return _actor(seed);
    }

    /// @dev Books a module's release or slash of `amount`; returns what actually leaves its lock (the
    /// rest was released by governance before).
    function _settledByModule(
        address module,
        address actor,
        uint256 amount
    ) internal returns (uint256 fromLock) {
        uint256 held = stakeManager.lockedBy(module, actor);
        fromLock = amount < held ? amount : held;
        if (fromLock < amount) ++ghost_settlementsDrawingOnGovernance;
        ghost_moduleBooks[module][actor] -= amount;
    }

    /// @dev The first (module, account) pair from the seeds on where the module's books hold a lock.
    function _lockHeld(
        uint256 moduleSeed,
        uint256 actorSeed
    ) internal view returns (address, address) {
        for (uint256 m; m < _modules.length; ++m) {
            address module = _module((moduleSeed % _modules.length) + m);
            for (uint256 i; i < _actors.length; ++i) {
                address actor = _actor((actorSeed % _actors.length) + i);
                if (ghost_moduleBooks[module][actor] > 0) return (module, actor);
            }
        }
        return (_module(moduleSeed), _actor(actorSeed));
    }

    function _recordWithdrawal(address actor, uint256 amount) internal {
        ghost_withdrawn += amount;
        ghost_stake[actor] -= amount;
        ghost_wallet[actor] += amount;
        ghost_releaseAt[actor] = 0;
    }

    /// @dev While the switch says paused, `caller`'s call must fail and leave `account`, the totals
    /// and the token balances exactly as they were.
    function _attemptWhilePaused(address caller, address account, bytes memory data) internal {
        ++ghost_pausedAttempts;
        bytes32 before = _snapshot(account);
        vm.prank(caller);
        (bool ok, ) = address(stakeManager).call(data);
        if (ok) ++ghost_pausedActionSuccesses;
        if (_snapshot(account) != before) ++ghost_pausedStateChanges;
    }

    function _snapshot(address account) internal view returns (bytes32) {
        IStakeManager.Stake memory stake = stakeManager.stakeOf(account);
        return
            keccak256(
                abi.encode(
                    stake,
                    stakeManager.totalStaked(),
                    token.balanceOf(address(stakeManager)),
                    token.balanceOf(account),
                    stakeManager.lockedBy(_modules[0], account)
                )
            );
    }

    function _handlerName() internal pure override returns (string memory) {
        return "StakeManagerHandler";
    }

    function _logGhosts() internal view override {
        console.log("  ghost_deposited", ghost_deposited);
        console.log("  ghost_withdrawn", ghost_withdrawn);
        console.log("  ghost_slashed", ghost_slashed);
        console.log("  ghost_donated", ghost_donated, "recovered", ghost_recovered);
        console.log("  ghost_pausedAttempts", ghost_pausedAttempts);
        console.log("  ghost_governanceExecuted", ghost_governanceExecuted);
        console.log("  ghost_settlementsDrawingOnGovernance", ghost_settlementsDrawingOnGovernance);
    }
}
