package dev.gatehouse.config;

import java.util.List;

/**
 * Candidate SAML attribute names for each user property, tried in order; an attribute matches by its Name or its
 * FriendlyName. An {@link IdpPreset} gives the names one IdP uses; the default ({@link IdpPreset#GENERIC}) tries every
 * known alias.
 *
 * @param username where the user name comes from; empty means the NameID (the default)
 * @param email e-mail address candidates
 * @param firstName given name candidates
 * @param lastName surname candidates
 * @param displayName display name candidates
 * @param groups group membership candidates (multi-valued)
 * @param userId stable user identifier candidates (links an IdP user to an account of a user store); empty means the
 *     NameID
 */
public record AttributeNames(List<String> username, List<String> email, List<String> firstName,
        List<String> lastName, List<String> displayName, List<String> groups, List<String> userId) {

    /** Names without a user id attribute (the NameID identifies the user). */
    public AttributeNames(List<String> username, List<String> email, List<String> firstName, List<String> lastName,
            List<String> displayName, List<String> groups) {
        this(username, email, firstName, lastName, displayName, groups, List.of());
    }

    public AttributeNames {
        userId = List.copyOf(userId);
        username = List.copyOf(username);
        email = List.copyOf(email);
        firstName = List.copyOf(firstName);
        lastName = List.copyOf(lastName);
        displayName = List.copyOf(displayName);
        groups = List.copyOf(groups);
    }

    /** The {@link IdpPreset#GENERIC} names: every known alias; the user name and id are the NameID. */
    public static AttributeNames defaults() {
        return IdpPreset.GENERIC.names();
    }

    /** These names with the non-null lists of {@code overrides} in place of their own. */
    public AttributeNames with(List<String> newUsername, List<String> newEmail, List<String> newFirstName,
            List<String> newLastName, List<String> newDisplayName, List<String> newGroups, List<String> newUserId) {
        return new AttributeNames(newUsername != null ? newUsername : username, newEmail != null ? newEmail : email,
                newFirstName != null ? newFirstName : firstName, newLastName != null ? newLastName : lastName,
                newDisplayName != null ? newDisplayName : displayName, newGroups != null ? newGroups : groups,
                newUserId != null ? newUserId : userId);
    }
}
