// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {console} from "forge-std/console.sol";

import {MandateTimelock} from "../../contracts/governance/MandateTimelock.sol";
import {IModuleAuthorisation} from "../../contracts/interfaces/IModuleAuthorisation.sol";
import {ReputationEngine} from "../../contracts/reputation/ReputationEngine.sol";
import {HandlerBase} from "../base/HandlerBase.sol";

/// @title ReputationHandler
/// @notice Drives ReputationEngine as market modules (increase and decrease random accounts by bounded
/// and unbounded amounts, authorised or not), lets time pass, and retunes HALF_LIFE and SCORE_CAP and
/// the module list through the real timelock. Ghost state records what every read should show.
/// @dev After every action the handler reads every account's score: a score that rose without an
/// authorised increase (or a governance change, which the docs say applies retroactively) is counted.
contract ReputationHandler is HandlerBase {
    ReputationEngine public immutable engine;

    address[] internal _modules;

    // ------------------------------------------------------------ ghost state
    mapping(address module => bool) public ghost_authorised;
    /// @notice The score read after the handler's last step, per account (RE-03).
    mapping(address account => uint256) public ghost_lastScore;
    /// @notice The cap in force when an account's record was last stored (RE-01).
    mapping(address account => uint256) public ghost_capWhenStored;
    uint256 public ghost_halfLife;
    uint256 public ghost_scoreCap;

    /// @notice Increases or decreases whose result was not the saturating arithmetic (RE-02: 0).
    uint256 public ghost_inexactChanges;
    /// @notice Decreases that left a score above what it was before (RE-02: 0).
    uint256 public ghost_decreasesThatRaised;
    /// @notice Reads that rose since the last step with no increase in between (RE-03: 0).
    uint256 public ghost_unexplainedGrowths;
    /// @notice Increases or decreases by an authorised module that reverted (RE-05: 0).
    uint256 public ghost_authorisedReverts;
    /// @notice Increases or decreases by a module the ghost says is not authorised that succeeded
    /// (RE-06: 0).
    uint256 public ghost_unauthorisedChanges;
    /// @notice Changes by a module that is not authorised refused for another reason than
    /// `ModuleAuthorisation_NotAuthorised(module)` (RE-06: 0).
    uint256 public ghost_wrongRefusals;
    /// @notice Governance parameter changes accepted out of bounds or refused within them (RE-01: 0).
    uint256 public ghost_boundsMismatches;

    constructor(
        ReputationEngine engine_,
        MandateTimelock timelock_,
        address governanceSafe_,
        address[] memory authorisedModules,
        address outsiderModule
    ) HandlerBase(timelock_, governanceSafe_) {
        engine = engine_;
        for (uint256 i; i < authorisedModules.length; ++i) {
            _modules.push(authorisedModules[i]);
            ghost_authorised[authorisedModules[i]] = true;
        }
        _modules.push(outsiderModule);
        ghost_halfLife = engine_.halfLife();
        ghost_scoreCap = engine_.scoreCap();
        // The zero address too: the engine takes any account, and no input may make it revert.
        _actors.push(address(0));
        for (uint256 i; i < 4; ++i) {
            _createActor(string.concat("account", vm.toString(i)));
        }
    }

    function modules() external view returns (address[] memory) {
        return _modules;
    }

    // ------------------------------------------------------------ modules

    function increase(
        uint256 moduleSeed,
        uint256 accountSeed,
        uint256 points,
        bool unbounded
    ) external {
        _called("increase");
        address module = _modules[moduleSeed % _modules.length];
        address account = _actor(accountSeed);
        if (!unbounded) points = _bound(points, 0, 2 * ghost_scoreCap);
        uint256 before = engine.scoreOf(account);

        vm.prank(module);
        try engine.increase(account, points) returns (uint256 newScore) {
            if (!ghost_authorised[module]) {
                ++ghost_unauthorisedChanges;
            } else {
                uint256 expected =
                    points >= ghost_scoreCap - before ? ghost_scoreCap : before + points;
                if (newScore != expected || engine.scoreOf(account) != expected)
                    ++ghost_inexactChanges;
                ghost_capWhenStored[account] = ghost_scoreCap;
                _succeeded("increase");
            }
            // An increase explains any rise of this account's score: restart its read history.
            ghost_lastScore[account] = engine.scoreOf(account);
        } catch (bytes memory reason) {
            _refused(module, reason);
        }
        _observeAll();
    }

    function decrease(
        uint256 moduleSeed,
        uint256 accountSeed,
        uint256 points,
        bool unbounded
    ) external {
        _called("decrease");
        address module = _modules[moduleSeed % _modules.length];
        address account = _actor(accountSeed);
        if (!unbounded) points = _bound(points, 0, 2 * ghost_scoreCap);
        uint256 before = engine.scoreOf(account);

        vm.prank(module);
        try engine.decrease(account, points) returns (uint256 newScore) {
            if (!ghost_authorised[module]) {
                ++ghost_unauthorisedChanges;
            } else {
                uint256 expected = points >= before ? 0 : before - points;
                uint256 read = engine.scoreOf(account);
                if (newScore != expected || read != expected) ++ghost_inexactChanges;
                if (read > before) ++ghost_decreasesThatRaised;
                ghost_capWhenStored[account] = ghost_scoreCap;
                _succeeded("decrease");
            }
        } catch (bytes memory reason) {
            _refused(module, reason);
        }
        _observeAll();
    }

    function warp(uint256 secondsAhead) external {
        _called("warp");
        _warp(_bound(secondsAhead, 0, 120 days));
        _observeAll();
        _succeeded("warp");
    }

    // ------------------------------------------------------------ governance

    function governance_setHalfLife(uint256 value) external {
        _called("governance_setHalfLife");
        value = _bound(value, 0, 2 * engine.MAX_HALF_LIFE());
        bool inBounds = value >= engine.MIN_HALF_LIFE() && value <= engine.MAX_HALF_LIFE();
        if (_setParameter(engine.HALF_LIFE(), value, inBounds)) {
            ghost_halfLife = value;
            _succeeded("governance_setHalfLife");
        }
    }

    function governance_setScoreCap(uint256 value) external {
        _called("governance_setScoreCap");
        // Mostly near the running scores, so that lowering and raising the cap bites.
        value = _bound(value, 0, 4_000e18);
        if (value % 7 == 0) value = engine.MAX_SCORE_CAP() + value; // now and then out of bounds
        bool inBounds = value >= engine.MIN_SCORE_CAP() && value <= engine.MAX_SCORE_CAP();
        if (_setParameter(engine.SCORE_CAP(), value, inBounds)) {
            ghost_scoreCap = value;
            _succeeded("governance_setScoreCap");
        }
    }

    function governance_setModuleAuthorisation(uint256 moduleSeed, bool authorised) external {
        _called("governance_setModuleAuthorisation");
        address module = _modules[moduleSeed % _modules.length];
        _observeAll();
        bool ok = _governance(
            address(engine),
            abi.encodeCall(engine.setModuleAuthorisation, (module, authorised))
        );
        require(ok, "setModuleAuthorisation refused through the timelock");
        ghost_authorised[module] = authorised;
        _resync();
        _succeeded("governance_setModuleAuthorisation");
    }

    // ------------------------------------------------------------ internals

    /// @dev A parameter change through the timelock. HALF_LIFE and SCORE_CAP apply to every record
    /// from the moment they change (docs/reputation.md), so a rise right after one is explained:
    /// the reads are observed before it and restarted after it.
    function _setParameter(bytes32 key, uint256 value, bool inBounds) internal returns (bool ok) {
        _observeAll();
        ok = _governance(address(engine), abi.encodeCall(engine.setParameter, (key, value)));
        if (ok != inBounds) ++ghost_boundsMismatches;
        _resync();
    }

    /// @dev Reads every account: a rise since the last step is unexplained (an increase restarts its
    /// account's history before this runs).
    function _observeAll() internal {
        for (uint256 i; i < _actors.length; ++i) {
            address account = _actors[i];
            uint256 score = engine.scoreOf(account);
            if (score > ghost_lastScore[account]) ++ghost_unexplainedGrowths;
            ghost_lastScore[account] = score;
        }
    }

    function _resync() internal {
        for (uint256 i; i < _actors.length; ++i) {
            ghost_lastScore[_actors[i]] = engine.scoreOf(_actors[i]);
        }
    }

    /// @dev A refused change. A reverted call leaves storage as it was, so a refusal can never have
    /// changed a record: what can go wrong is who was refused and why. An authorised module must
    /// never be refused (RE-05); any other must be refused as not authorised, naming itself (RE-06).
    function _refused(address module, bytes memory reason) internal {
        if (ghost_authorised[module]) {
            ++ghost_authorisedReverts;
        } else if (
            keccak256(reason) !=
            keccak256(
                abi.encodeWithSelector(
                    IModuleAuthorisation.ModuleAuthorisation_NotAuthorised.selector,
                    module
                )
            )
        ) {
            ++ghost_wrongRefusals;
        }
    }

    function _handlerName() internal pure override returns (string memory) {
        return "ReputationHandler";
    }

    function _logGhosts() internal view override {
        console.log("  ghost_halfLife", ghost_halfLife);
        console.log("  ghost_scoreCap", ghost_scoreCap);
        console.log("  ghost_governanceExecuted", ghost_governanceExecuted);
    }
}
