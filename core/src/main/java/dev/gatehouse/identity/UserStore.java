package dev.gatehouse.identity;

import java.util.Optional;

/**
 * The application's accounts, as Gatehouse uses them at sign-in (the plug-in point for applications with their own
 * user table): an IdP user is found by the link from (provider, IdP user id) to an account, or, with
 * {@code linkAccountsByEmail}, by e-mail; with {@code allowSignup} an unknown user is created. Implementations:
 * {@link JdbcUserStore} (configured with {@code userStore}), or the application's own, given to
 * {@code GatehouseEngine.builder(config).userStore(...)}. Without a store every user the IdP signs in passes.
 * Implementations must be thread-safe; a failure is reported by throwing {@link UserStoreException}.
 */
public interface UserStore {

    /** The account linked to this IdP user of this provider. */
    Optional<StoredAccount> find(String provider, String userId);

    /**
     * The one account with this e-mail address (compared ignoring case) that is not linked to any IdP user yet, for
     * linking by e-mail; empty when there is none or more than one.
     */
    Optional<StoredAccount> findByEmail(String email);

    /** The account with this user name (compared ignoring case), linked or not: sign-up must not take it. */
    Optional<StoredAccount> findByUsername(String username);

    /**
     * Creates an account for a user seen for the first time, linked to the IdP user. When another sign-in of the same
     * user created it a moment earlier, returns that account.
     */
    StoredAccount create(NewAccount account);

    /** Updates the account's profile from the assertion; a property the assertion lacks (null) is left as it is. */
    void update(StoredAccount account, UserProfile profile);

    /**
     * Links an existing, not yet linked account to this IdP user of this provider.
     *
     * @throws UserStoreException when the account is linked already (never re-linked silently)
     */
    void link(StoredAccount account, String provider, String userId);

    /**
     * An account of the store.
     *
     * @param id the account's key in the store
     * @param username the application's user name for it ({@code getRemoteUser()}), never null
     * @param role the account's own role in the application, or null
     */
    record StoredAccount(String id, String username, String role) {
        public StoredAccount {
            java.util.Objects.requireNonNull(id, "id");
            java.util.Objects.requireNonNull(username, "username");
        }
    }

    /**
     * What the assertion says about the user.
     *
     * @param username the user name from the assertion
     * @param email the e-mail, or null
     * @param firstName the given name, or null
     * @param lastName the surname, or null
     * @param displayName the display name, or null
     */
    record UserProfile(String username, String email, String firstName, String lastName, String displayName) {
    }

    /**
     * An account to create.
     *
     * @param provider the Gatehouse provider id
     * @param userId the IdP user id it is linked to
     * @param profile the user's profile
     * @param role the role to give it (the provider's first default role), or null
     */
    record NewAccount(String provider, String userId, UserProfile profile, String role) {
    }

    /**
     * The store failed (its database is down, a statement is wrong, an account is in the way); the sign-in is
     * refused. Before the response is accepted nothing was written; after, a write may have happened.
     */
    class UserStoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
