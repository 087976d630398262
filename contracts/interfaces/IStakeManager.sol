// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IStakeManager
/// @notice Holds the stake of every account in the one configured token. An account's stake is
/// free (usable), locked (held by an authorised module for a job or dispute) or unbonding (waiting
/// out the unbonding period before withdrawal). For every account `free + locked + unbonding` is what
/// the contract holds for it, and `totalStaked` is the sum over accounts.
/// @dev A module can release or slash only what it locked itself. Revoking a module's authorisation
/// stops new locks but lets its open locks finish: a revoked module still releases and slashes what it
/// locked, so its live cases end through their own paths whoever stays silent. Governance can also
/// release what a revoked module still holds (for a module too broken to finish its cases); that
/// release is recorded per module and account (`releasedByGovernance`), and a later release or slash
/// by the module that finds its lock short draws on that record instead of reverting: the case
/// settles, and the part governance already freed is neither freed twice nor slashed. So retiring a
/// module never makes a live case's settlement revert, whether or not it is re-authorised.
interface IStakeManager {
    /// @notice An account's stake, split by state.
    /// @param free Usable: can be locked by a module or moved to unbonding.
    /// @param locked Held by authorised modules.
    /// @param unbonding Waiting for `unbondingReleaseAt` before it can be withdrawn.
    /// @param unbondingReleaseAt When the unbonding amount becomes withdrawable (0 when nothing unbonds).
    struct Stake {
        uint128 free;
        uint128 locked;
        uint128 unbonding;
        uint64 unbondingReleaseAt;
    }

    /// @notice `account` deposited `amount` tokens as free stake.
    /// @param account The staker credited.
    /// @param amount Tokens received.
    event StakeDeposited(address indexed account, uint256 amount);

    /// @notice `account` moved `amount` of free stake to unbonding.
    /// @param account The staker.
    /// @param amount Tokens moved from free to unbonding.
    /// @param totalUnbonding The account's whole unbonding amount after this request.
    /// @param releaseAt When the whole unbonding amount becomes withdrawable (the clock restarts).
    event WithdrawalRequested(
        address indexed account,
        uint256 amount,
        uint256 totalUnbonding,
        uint256 releaseAt
    );

    /// @notice `account` moved its whole unbonding amount back to free stake.
    /// @param account The staker.
    /// @param amount Tokens moved from unbonding to free.
    event WithdrawalCancelled(address indexed account, uint256 amount);

    /// @notice `account` withdrew its unbonded stake.
    /// @param account The staker paid.
    /// @param amount Tokens transferred to the account.
    event StakeWithdrawn(address indexed account, uint256 amount);

    /// @notice `module` locked `amount` of `account`'s free stake.
    /// @param module The authorised module holding the lock.
    /// @param account The staker.
    /// @param amount Tokens moved from free to locked.
    event StakeLocked(address indexed module, address indexed account, uint256 amount);

    /// @notice `amount` of what `module` had locked of `account`'s stake is free again.
    /// @param module The module that held the lock (or governance releasing for a revoked module).
    /// @param account The staker.
    /// @param amount Tokens moved from locked to free.
    event StakeReleased(address indexed module, address indexed account, uint256 amount);

    /// @notice `module` slashed `amount` of `account`'s locked stake to `recipient`.
    /// @param module The module that held the lock.
    /// @param account The staker slashed.
    /// @param recipient Who received the tokens.
    /// @param amount Tokens transferred out of the account's locked stake.
    event StakeSlashed(
        address indexed module,
        address indexed account,
        address indexed recipient,
        uint256 amount
    );

    /// @notice `module` released or slashed `amount` more than it still held of `account`'s stake, and
    /// the shortfall was what governance had already released for it (`releaseFromRevokedModule`):
    /// the case settles, and nothing moves for that part.
    /// @param module The (revoked or re-authorised) module.
    /// @param account The staker.
    /// @param amount Tokens of the request covered by governance's earlier release.
    /// @param remaining What governance's earlier releases still cover for this module and account.
    event GovernanceReleaseDrawn(
        address indexed module,
        address indexed account,
        uint256 amount,
        uint256 remaining
    );

    /// @notice Governance recovered tokens that no account owns (sent here by mistake).
    /// @param token The token recovered.
    /// @param to The recipient.
    /// @param amount Tokens transferred.
    event TokensRecovered(address indexed token, address indexed to, uint256 amount);

    /// @notice An amount of zero was given.
    error StakeManager_ZeroAmount();
    /// @notice A zero address was given for the token or a recipient.
    error StakeManager_ZeroAddress();
    /// @notice The token delivered `received` instead of `expected` (fee-on-transfer tokens are unsupported).
    error StakeManager_TransferShortfall(uint256 expected, uint256 received);
    /// @notice `account` has `available` free stake, less than the `requested` amount.
    error StakeManager_InsufficientFreeStake(address account, uint256 requested, uint256 available);
    /// @notice `account` has nothing unbonding.
    error StakeManager_NothingUnbonding(address account);
    /// @notice `account`'s unbonding stake is withdrawable only from `releaseAt`; it is now `nowTime`.
    error StakeManager_UnbondingNotElapsed(address account, uint256 releaseAt, uint256 nowTime);
    /// @notice `module` holds `locked` of `account`'s stake, less than the `requested` amount, and
    /// governance's earlier releases for it do not cover the difference.
    error StakeManager_InsufficientLockedStake(
        address module,
        address account,
        uint256 requested,
        uint256 locked
    );
    /// @notice Governance may release a module's locks only after revoking its authorisation.
    error StakeManager_ModuleStillAuthorised(address module);
    /// @notice The stake token holds no more than `totalStaked`: there is nothing to recover.
    error StakeManager_NothingToRecover(address token);

    /// @notice The key of the unbonding period parameter, in seconds.
    function UNBONDING_PERIOD() external view returns (bytes32);

    /// @notice The one token staked.
    function token() external view returns (IERC20);

    /// @notice The unbonding period in seconds (parameter `UNBONDING_PERIOD`).
    function unbondingPeriod() external view returns (uint256);

    /// @notice Sum over accounts of free, locked and unbonding stake.
    function totalStaked() external view returns (uint256);

    /// @notice `account`'s stake, split by state.
    function stakeOf(address account) external view returns (Stake memory);

    /// @notice How much of `account`'s stake `module` holds locked.
    function lockedBy(address module, address account) external view returns (uint256);

    /// @notice Deposits `amount` tokens (approved beforehand) as the caller's free stake.
    function deposit(uint256 amount) external;

    /// @notice Moves `amount` of the caller's free stake to unbonding; the release time restarts for
    /// the whole unbonding amount.
    function requestWithdrawal(uint256 amount) external;

    /// @notice Moves the caller's whole unbonding amount back to free stake.
    function cancelWithdrawal() external;

    /// @notice Transfers the caller's whole unbonding amount once the unbonding period has elapsed.
    function withdraw() external;

    /// @notice Locks `amount` of `account`'s free stake for the calling module. Only authorised modules
    /// (see {IModuleAuthorisation}).
    function lock(address account, uint256 amount) external;

    /// @notice Frees `amount` of what the calling module locked of `account`'s stake; authorised or
    /// revoked. The part that governance already released for it (see the contract notes) is not
    /// freed again.
    function release(address account, uint256 amount) external;

    /// @notice Transfers `amount` of what the calling module locked of `account`'s stake to
    /// `recipient`; authorised or revoked. The part that governance already released is not slashed.
    /// @return slashed What was transferred to `recipient`: `amount` less any part governance
    /// released, so the caller pays on only what it received.
    function slash(
        address account,
        uint256 amount,
        address recipient
    ) external returns (uint256 slashed);

    /// @notice Frees everything a revoked `module` still holds of `account`'s stake, and records it so
    /// that the module's later release or slash of it settles without moving it again. Only the owner.
    function releaseFromRevokedModule(address module, address account) external;

    /// @notice What governance released from `module`'s locks on `account` and the module has not yet
    /// settled (drawn on by its later release or slash).
    function releasedByGovernance(address module, address account) external view returns (uint256);

    /// @notice Sends `to` the tokens of `token` that no account owns: for the stake token the balance
    /// above `totalStaked`, for any other token the whole balance. Only the owner.
    function recoverTokens(address token, address to) external;
}
