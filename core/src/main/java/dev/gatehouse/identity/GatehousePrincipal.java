package dev.gatehouse.identity;

import java.io.Serializable;
import java.security.Principal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The signed-in user, as {@code request.getUserPrincipal()} returns it. Immutable and serializable, so that it
 * survives session replication and persistence in a cluster.
 *
 * @param name the user name ({@code getRemoteUser()}): the first configured username attribute present, else the
 *     NameID
 * @param nameId the Subject NameID value
 * @param nameIdFormat the NameID Format, or null
 * @param nameQualifier the NameID NameQualifier, or null (echoed in logout requests)
 * @param spNameQualifier the NameID SPNameQualifier, or null (echoed in logout requests)
 * @param sessionIndex the IdP session index (needed for single logout), or null
 * @param providerId the Gatehouse provider id
 * @param idpEntityId the IdP entity ID
 * @param email the e-mail address, or null
 * @param firstName the given name, or null
 * @param lastName the surname, or null
 * @param displayName the display name, or null
 * @param groups the IdP group values
 * @param roles the application roles ({@code isUserInRole})
 * @param attributes every attribute by Name, multi-valued
 * @param authnInstant when the user authenticated at the IdP
 * @param sessionNotOnOrAfter when the IdP wants this session to end, or null
 * @param authnContextClassRef how the user authenticated, or null
 * @param loginId Gatehouse's id of this login (for single logout and revocation), or null before sign-in
 * @param signedInAt when this application's session started, or null before sign-in
 * @param userId the stable IdP user identifier (the first {@code attributes.userId} present, else the NameID): what a
 *     user store links the account by
 * @param accountId the id of the user store account, or null without a store
 */
public record GatehousePrincipal(String name, String nameId, String nameIdFormat, String nameQualifier,
        String spNameQualifier, String sessionIndex,
        String providerId, String idpEntityId, String email, String firstName, String lastName, String displayName,
        List<String> groups, Set<String> roles, Map<String, List<String>> attributes, Instant authnInstant,
        Instant sessionNotOnOrAfter, String authnContextClassRef, String loginId, Instant signedInAt, String userId,
        String accountId) implements Principal, Serializable {

    private static final long serialVersionUID = 1L;

    public GatehousePrincipal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(providerId, "providerId");
        groups = List.copyOf(groups);
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = Collections.unmodifiableMap(copy);
    }

    /** This principal as signed in now under {@code loginId}. */
    public GatehousePrincipal withLogin(String newLoginId, Instant when) {
        return new GatehousePrincipal(name, nameId, nameIdFormat, nameQualifier, spNameQualifier, sessionIndex,
                providerId, idpEntityId, email,
                firstName, lastName, displayName, groups, roles, attributes, authnInstant, sessionNotOnOrAfter,
                authnContextClassRef, newLoginId, when, userId, accountId);
    }

    /**
     * This principal as the user store's account: the account's user name becomes {@link #getName()} (legacy code
     * looks users up by {@code getRemoteUser()}), and the account's roles join the mapped ones.
     */
    public GatehousePrincipal withAccount(String accountName, String newAccountId, Set<String> accountRoles) {
        Set<String> allRoles = new LinkedHashSet<>(roles);
        allRoles.addAll(accountRoles);
        return new GatehousePrincipal(accountName, nameId, nameIdFormat, nameQualifier, spNameQualifier, sessionIndex,
                providerId, idpEntityId, email, firstName, lastName, displayName, groups, allRoles, attributes,
                authnInstant, sessionNotOnOrAfter, authnContextClassRef, loginId, signedInAt, userId, newAccountId);
    }

    /** The user name, as {@link Principal} requires. */
    @Override
    public String getName() {
        return name;
    }

    /** Whether the user has the role; {@code **} means any authenticated user (Servlet 6.0, 13.8). */
    public boolean hasRole(String role) {
        return role != null && (role.equals("**") || roles.contains(role));
    }

    /** The first value of an attribute, or null. */
    public String attribute(String name) {
        List<String> values = attributes.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return "GatehousePrincipal[" + name + " via " + providerId + "]";
    }
}
