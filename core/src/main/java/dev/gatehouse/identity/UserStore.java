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

    /** The account with this e-mail address (compared ignoring case), for linking by e-mail. */
    Optional<StoredAccount> findByEmail(String email);

    /** Creates an account for a user seen for the first time, linked to the IdP user. */
    StoredAccount create(NewAccount account);

    /** Updates the account's profile (e-mail and names) from the assertion. */
    void update(StoredAccount account, UserProfile profile);

    /** Links an existing account to this IdP user of this provider. */
    void link(StoredAccount account, String provider, String userId);

    /**
     * An account of the store.
     *
     * @param id the account's key in the store
     * @param username the application's user name for it ({@code getRemoteUser()})
     * @param role the account's own role in the application, or null
     */
    record StoredAccount(String id, String username, String role) {
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

    /** The store failed (its database is down, a statement is wrong); the sign-in is refused, nothing is kept. */
    final class UserStoreException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UserStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
