// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {MandateModule} from "../base/MandateModule.sol";
import {ModuleAuthorisation} from "../base/ModuleAuthorisation.sol";
import {IStakeManager} from "../interfaces/IStakeManager.sol";

/// @title StakeManager
/// @notice Stake deposits, unbonding withdrawals, and locks, releases and slashes by authorised
/// modules. See {IStakeManager}.
contract StakeManager is IStakeManager, ModuleAuthorisation, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;

    /// @inheritdoc IStakeManager
    bytes32 public constant override UNBONDING_PERIOD = keccak256("UNBONDING_PERIOD");
    /// @notice Lower bound of the unbonding period: long enough for a module to lock stake first.
    uint256 public constant MIN_UNBONDING_PERIOD = 1 hours;
    /// @notice Upper bound of the unbonding period: stake is never held longer than this on request.
    uint256 public constant MAX_UNBONDING_PERIOD = 60 days;

    /// @inheritdoc IStakeManager
    IERC20 public immutable override token;
    /// @inheritdoc IStakeManager
    uint256 public override totalStaked;

    mapping(address account => Stake) private _stakes;
    mapping(address module => mapping(address account => uint256 amount)) private _lockedBy;
    mapping(address module => mapping(address account => uint256 amount))
        private _releasedByGovernance;
    /// @param initialOwner Governance (the timelock).
    /// @param initialPauser SystemPause.
    /// @param stakeToken The one token staked.
    /// @param initialUnbondingPeriod Seconds, within `[MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD]`.
    /// @param initialModules Modules authorised to lock stake from the first block.
    constructor(
        address initialOwner,
        address initialPauser,
        IERC20 stakeToken,
        uint256 initialUnbondingPeriod,
        address[] memory initialModules
    ) MandateModule(initialOwner, initialPauser) ModuleAuthorisation(initialModules) {
        if (address(stakeToken) == address(0)) revert StakeManager_ZeroAddress();
        token = stakeToken;
        _setParameter(UNBONDING_PERIOD, initialUnbondingPeriod);
    }

    // ---------------------------------------------------------------- stakers

    /// @inheritdoc IStakeManager
    function deposit(uint256 amount) external override whenNotPaused nonReentrant {
        if (amount == 0) revert StakeManager_ZeroAmount();
        // The transfer comes first because the credit is what actually arrived: a token that delivers
        // less than asked (fee on transfer) is refused. The reentrancy guard covers the ordering.
        uint256 balanceBefore = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - balanceBefore;
        if (received != amount) revert StakeManager_TransferShortfall(amount, received);

        _stakes[msg.sender].free += amount.toUint128();
        totalStaked += amount;
        emit StakeDeposited(msg.sender, amount);
    }

    /// @inheritdoc IStakeManager
    function requestWithdrawal(uint256 amount) external override whenNotPaused {
        if (amount == 0) revert StakeManager_ZeroAmount();
        Stake storage stake = _stakes[msg.sender];
        if (stake.free < amount)
            revert StakeManager_InsufficientFreeStake(msg.sender, amount, stake.free);

        uint256 releaseAt = block.timestamp + _parameter(UNBONDING_PERIOD);
        // Both fit: amount <= free (a uint128) and releaseAt is now plus a bounded period.
        // forge-lint: disable-next-line(unsafe-typecast)
        stake.free -= uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast)
        stake.unbonding += uint128(amount);
        // forge-lint: disable-next-line(unsafe-typecast)
        stake.unbondingReleaseAt = uint64(releaseAt);
        emit WithdrawalRequested(msg.sender, amount, stake.unbonding, releaseAt);
    }

    /// @inheritdoc IStakeManager
    function cancelWithdrawal() external override whenNotPaused {
        Stake storage stake = _stakes[msg.sender];
        uint128 amount = stake.unbonding;
        if (amount == 0) revert StakeManager_NothingUnbonding(msg.sender);

        stake.free += amount;
        stake.unbonding = 0;
        stake.unbondingReleaseAt = 0;
        emit WithdrawalCancelled(msg.sender, amount);
    }

    /// @inheritdoc IStakeManager
    function withdraw() external override whenNotPaused nonReentrant {
        Stake storage stake = _stakes[msg.sender];
        uint256 amount = stake.unbonding;
        if (amount == 0) revert StakeManager_NothingUnbonding(msg.sender);
        // Safe: the unbonding period is days long; seconds of proposer leeway are immaterial.
        // forge-lint: disable-next-line(block-timestamp)
        if (block.timestamp < stake.unbondingReleaseAt) {
            revert StakeManager_UnbondingNotElapsed(
                msg.sender,
                stake.unbondingReleaseAt,
                block.timestamp
            );
        }

        stake.unbonding = 0;
        stake.unbondingReleaseAt = 0;
        totalStaked -= amount;
        emit StakeWithdrawn(msg.sender, amount);
        token.safeTransfer(msg.sender, amount);
    }

    // ---------------------------------------------------------------- modules

    /// @inheritdoc IStakeManager
    function lock(
        address account,
        uint256 amount
    ) external override whenNotPaused onlyAuthorisedModule {
        if (amount == 0) revert StakeManager_ZeroAmount();
        Stake storage stake = _stakes[account];
        if (stake.free < amount)
            revert StakeManager_InsufficientFreeStake(account, amount, stake.free);

        // Safe: amount <= free, a uint128 (checked above).
        // forge-lint: disable-next-line(unsafe-typecast)
        stake.free -= uint128(amount);
        // Safe: amount <= free < 2^128, and the sum is checked arithmetic.
        // forge-lint: disable-next-line(unsafe-typecast)
        stake.locked += uint128(amount);
        _lockedBy[msg.sender][account] += amount;
        emit StakeLocked(msg.sender, account, amount);
    }

    /// @inheritdoc IStakeManager
    function release(address account, uint256 amount) external override whenNotPaused {
        if (amount == 0) revert StakeManager_ZeroAmount();
        uint256 unlocked = _unlock(msg.sender, account, amount);
        if (unlocked == 0) return;
        // Safe: _unlock checked unlocked <= the module's lock <= locked, a uint128.
        // forge-lint: disable-next-line(unsafe-typecast)
        _stakes[account].free += uint128(unlocked);
        emit StakeReleased(msg.sender, account, unlocked);
    }

    /// @inheritdoc IStakeManager
    function slash(
        address account,
        uint256 amount,
        address recipient
    ) external override whenNotPaused nonReentrant returns (uint256 slashed) {
        if (amount == 0) revert StakeManager_ZeroAmount();
        if (recipient == address(0)) revert StakeManager_ZeroAddress();
        slashed = _unlock(msg.sender, account, amount);
        if (slashed == 0) return 0;
        totalStaked -= slashed;
        emit StakeSlashed(msg.sender, account, recipient, slashed);
        token.safeTransfer(recipient, slashed);
    }

    /// @dev Removes `amount` from `module`'s lock on `account` and returns what it removed; a module
    /// touches only what it locked, whether or not it is still authorised, so that its open cases can
    /// finish. A shortfall is allowed only up to what governance already released for the module
    /// (`releaseFromRevokedModule`): that part was freed once and is not freed or slashed again.
    function _unlock(
        address module,
        address account,
        uint256 amount
    ) private returns (uint256 unlocked) {
        uint256 held = _lockedBy[module][account];
        unlocked = amount;
        if (held < amount) {
            uint256 shortfall = amount - held;
            uint256 released = _releasedByGovernance[module][account];
            if (released < shortfall)
                revert StakeManager_InsufficientLockedStake(module, account, amount, held);
            _releasedByGovernance[module][account] = released - shortfall;
            emit GovernanceReleaseDrawn(module, account, shortfall, released - shortfall);
            unlocked = held;
        }
        _lockedBy[module][account] = held - unlocked;
        // unlocked <= held <= locked, which is a uint128.
        // forge-lint: disable-next-line(unsafe-typecast)
        _stakes[account].locked -= uint128(unlocked);
    }

    // ---------------------------------------------------------------- governance

    /// @inheritdoc IStakeManager
    function releaseFromRevokedModule(address module, address account) external override onlyOwner {
        if (isAuthorisedModule(module)) revert StakeManager_ModuleStillAuthorised(module);
        uint256 amount = _lockedBy[module][account];
        if (amount == 0) revert StakeManager_ZeroAmount();
        _unlock(module, account, amount);
        // Recorded so that the module's own settlement of this lock later finds it covered.
        _releasedByGovernance[module][account] += amount;
        // Safe: amount is the module's lock <= locked, a uint128.
        // forge-lint: disable-next-line(unsafe-typecast)
        _stakes[account].free += uint128(amount);
        emit StakeReleased(module, account, amount);
    }

    /// @inheritdoc IStakeManager
    function recoverTokens(
        address tokenToRecover,
        address to
    ) external override onlyOwner nonReentrant {
        if (to == address(0)) revert StakeManager_ZeroAddress();
        uint256 balance = IERC20(tokenToRecover).balanceOf(address(this));
        uint256 owned = tokenToRecover == address(token) ? totalStaked : 0;
        if (balance <= owned) revert StakeManager_NothingToRecover(tokenToRecover);
        uint256 amount = balance - owned;
        emit TokensRecovered(tokenToRecover, to, amount);
        IERC20(tokenToRecover).safeTransfer(to, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IStakeManager
    function unbondingPeriod() external view override returns (uint256) {
        return _parameter(UNBONDING_PERIOD);
    }

    /// @inheritdoc IStakeManager
    function stakeOf(address account) external view override returns (Stake memory) {
        return _stakes[account];
    }

    /// @inheritdoc IStakeManager
    function lockedBy(address module, address account) external view override returns (uint256) {
        return _lockedBy[module][account];
    }

    /// @inheritdoc IStakeManager
    function releasedByGovernance(
        address module,
        address account
    ) external view override returns (uint256) {
        return _releasedByGovernance[module][account];
    }

    /// @inheritdoc MandateModule
    function parameterKeys() external pure override returns (bytes32[] memory keys) {
        keys = new bytes32[](1);
        keys[0] = UNBONDING_PERIOD;
    }

    /// @inheritdoc MandateModule
    function parameterBounds(bytes32 key) public pure override returns (uint256 min, uint256 max) {
        if (key == UNBONDING_PERIOD) return (MIN_UNBONDING_PERIOD, MAX_UNBONDING_PERIOD);
        revert MandateModule_UnknownParameter(key);
    }
}
