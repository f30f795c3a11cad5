package dev.gatehouse.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The attribute names one identity provider uses for the user's properties, so that an admin writes
 * {@code "preset": "entra"} instead of claim URIs. Each list is tried in order, by attribute Name or FriendlyName
 * (whatever the NameFormat); explicit {@code attributes} override a preset property by property. The lists follow the
 * vendors' documented defaults and templates (README, "IdP presets", has the table and the sources); where an IdP
 * has no default for a property (Okta, Google, JumpCloud make the admin name every attribute), the names their
 * documentation uses are listed. {@link #GENERIC} (the default) tries every alias of every preset.
 */
public enum IdpPreset {

    /**
     * Okta: attribute statements the admin adds, as in Okta's SAML guides ({@code identifier} for {@code user.id}, as
     * in Sentry's guide); NameID is the Okta username.
     */
    OKTA(List.of("identifier"), List.of(), List.of("email", "Email", "mail"),
            List.of("firstName", "FirstName", "givenName"),
            List.of("lastName", "LastName", "surname"), List.of("displayName", "name"),
            List.of("groups", "Groups", "memberOf")),
    /** Microsoft Entra ID: WS-Federation claim URIs; groups are object IDs unless configured otherwise. */
    ENTRA(List.of(Claims.OBJECT_ID),
            List.of(Claims.NAME),
            List.of(Claims.EMAIL),
            List.of(Claims.GIVEN_NAME), List.of(Claims.SURNAME), List.of(Claims.DISPLAY_NAME),
            List.of(Claims.GROUPS, Claims.ROLE)),
    /** ADFS: claim URIs from its claim descriptions; groups as the Group claim, roles as the Role claim. */
    ADFS(List.of(), List.of(Claims.UPN, Claims.WINDOWS_ACCOUNT_NAME, Claims.NAME),
            List.of(Claims.EMAIL), List.of(Claims.GIVEN_NAME), List.of(Claims.SURNAME),
            List.of(Claims.COMMON_NAME, Claims.NAME), List.of(Claims.ADFS_GROUP, Claims.ROLE)),
    /** Google Workspace: no attributes unless mapped; NameID is the primary e-mail. */
    GOOGLE(List.of(), List.of(), List.of("email", "Email", "primaryEmail"),
            List.of("firstName", "first_name", "givenName"), List.of("lastName", "last_name", "familyName"),
            List.of("displayName", "name"), List.of("groups", "Groups")),
    /**
     * OneLogin: the parameters of its SAML test connector; the user name is the NameID (OneLogin sends the e-mail),
     * and {@code PersonImmutableID} is only a stable id when the admin maps it to one.
     */
    ONELOGIN(List.of("PersonImmutableID"), List.of(),
            List.of("User.email", "email"), List.of("User.FirstName", "firstname"),
            List.of("User.LastName", "lastname"), List.of("name"),
            List.of("memberOf", "groups")),
    /** Auth0: the default mappings of its SAML2 Web App add-on (claim URIs). */
    AUTH0(List.of(Claims.NAME_IDENTIFIER), List.of(Claims.UPN),
            List.of(Claims.EMAIL), List.of(Claims.GIVEN_NAME), List.of(Claims.SURNAME), List.of(Claims.NAME),
            List.of(Claims.ADFS_GROUP, "groups")),
    /** PingFederate and PingOne: LDAP-style names used in Ping's attribute contracts. */
    PING(List.of(), List.of("uid", "sAMAccountName", "username"),
            List.of("Email", "mail", "email"), List.of("FirstName", "givenName", "firstName"),
            List.of("LastName", "sn", "lastName"), List.of("displayName", "cn"), List.of("memberOf", "groups")),
    /** JumpCloud: attributes the admin maps; the group attribute is named {@code memberOf} by default. */
    JUMPCLOUD(List.of(), List.of("username"), List.of("email"), List.of("firstname", "firstName"),
            List.of("lastname", "lastName"), List.of("displayname", "displayName"), List.of("memberOf", "groups")),
    /** Salesforce as IdP: the attributes of its SAML connected apps. */
    SALESFORCE(List.of("userId"), List.of("username"), List.of("email"), List.of("firstName", "first_name"),
            List.of("lastName", "last_name"), List.of("name", "displayName"), List.of("groups")),
    /**
     * Keycloak: its built-in X500 mappers (urn:oid names with FriendlyNames), the Group list mapper ({@code member}
     * by default) and the Role list mapper ({@code Role}, one attribute per role), used when no group list is sent.
     */
    KEYCLOAK(List.of(), List.of(), List.of(Oids.KEYCLOAK_EMAIL, Oids.MAIL, "email"),
            List.of(Oids.GIVEN_NAME, "givenName"), List.of(Oids.SURNAME, "surname"),
            List.of(Oids.DISPLAY_NAME, "displayName"), List.of("member", "memberOf", "groups", "Role")),
    /** Shibboleth IdP and other eduPerson federations: urn:oid names and the SAML subject identifiers. */
    SHIBBOLETH(List.of(Oids.SUBJECT_ID, Oids.PAIRWISE_ID, Oids.EPPN_UNIQUE_ID),
            List.of(Oids.EPPN, Oids.UID), List.of(Oids.MAIL), List.of(Oids.GIVEN_NAME), List.of(Oids.SURNAME),
            List.of(Oids.DISPLAY_NAME, Oids.COMMON_NAME), List.of(Oids.IS_MEMBER_OF, Oids.ENTITLEMENT)),
    /** Every alias of every preset, in the order above (the default). */
    GENERIC(null, null, null, null, null, null, null);

    /** WS-Federation and Microsoft claim URIs. */
    static final class Claims {
        static final String EMAIL = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress";
        static final String GIVEN_NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname";
        static final String SURNAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname";
        static final String NAME = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name";
        static final String UPN = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn";
        static final String NAME_IDENTIFIER = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";
        static final String COMMON_NAME = "http://schemas.xmlsoap.org/claims/CommonName";
        static final String ADFS_GROUP = "http://schemas.xmlsoap.org/claims/Group";
        static final String WINDOWS_ACCOUNT_NAME = "http://schemas.microsoft.com/ws/2008/06/identity/claims/windowsaccountname";
        static final String ROLE = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";
        static final String GROUPS = "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups";
        static final String DISPLAY_NAME = "http://schemas.microsoft.com/identity/claims/displayname";
        static final String OBJECT_ID = "http://schemas.microsoft.com/identity/claims/objectidentifier";
        /** Sent by Entra ID instead of the groups when the user has more groups than fit in a token. */
        static final String GROUPS_LINK = "http://schemas.microsoft.com/claims/groups.link";

        private Claims() {
        }
    }

    /** LDAP/eduPerson attribute OIDs (urn:oid NameFormat) and the SAML subject identifier attributes. */
    static final class Oids {
        static final String MAIL = "urn:oid:0.9.2342.19200300.100.1.3";
        static final String KEYCLOAK_EMAIL = "urn:oid:1.2.840.113549.1.9.1";
        static final String GIVEN_NAME = "urn:oid:2.5.4.42";
        static final String SURNAME = "urn:oid:2.5.4.4";
        static final String COMMON_NAME = "urn:oid:2.5.4.3";
        static final String DISPLAY_NAME = "urn:oid:2.16.840.1.113730.3.1.241";
        static final String UID = "urn:oid:0.9.2342.19200300.100.1.1";
        static final String EPPN = "urn:oid:1.3.6.1.4.1.5923.1.1.1.6";
        static final String EPPN_UNIQUE_ID = "urn:oid:1.3.6.1.4.1.5923.1.1.1.13";
        static final String ENTITLEMENT = "urn:oid:1.3.6.1.4.1.5923.1.1.1.7";
        static final String IS_MEMBER_OF = "urn:oid:1.3.6.1.4.1.5923.1.5.1.1";
        static final String SUBJECT_ID = "urn:oasis:names:tc:SAML:attribute:subject-id";
        static final String PAIRWISE_ID = "urn:oasis:names:tc:SAML:attribute:pairwise-id";

        private Oids() {
        }
    }

    /** The attribute Entra ID sends instead of the groups when there are too many (a "groups overage"). */
    public static final String ENTRA_GROUPS_LINK = Claims.GROUPS_LINK;

    private final AttributeNames names;

    IdpPreset(List<String> userId, List<String> username, List<String> email, List<String> firstName,
            List<String> lastName, List<String> displayName, List<String> groups) {
        this.names = userId == null ? null
                : new AttributeNames(username, email, firstName, lastName, displayName, groups, userId);
    }

    /** The attribute names of this preset. */
    public AttributeNames names() {
        return this == GENERIC ? Generic.NAMES : names;
    }

    /** The configuration name: {@code entra}, {@code okta}, ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The preset with this configuration name. */
    public static Optional<IdpPreset> fromConfigName(String name) {
        for (IdpPreset preset : values()) {
            if (preset.configName().equalsIgnoreCase(name)) {
                return Optional.of(preset);
            }
        }
        return Optional.empty();
    }

    /**
     * The presets whose attribute names best explain the {@code received} attribute names (and FriendlyNames): the
     * ones matching the most properties (at least two), for an error message to suggest.
     */
    public static List<IdpPreset> matching(Set<String> received) {
        List<IdpPreset> best = new ArrayList<>();
        long bestScore = 1;
        for (IdpPreset preset : values()) {
            if (preset == GENERIC) {
                continue;
            }
            AttributeNames n = preset.names();
            long score = List.of(n.userId(), n.username(), n.email(), n.firstName(), n.lastName(), n.displayName(),
                    n.groups()).stream().filter(list -> list.stream().anyMatch(received::contains)).count();
            if (score > bestScore) {
                best.clear();
                bestScore = score;
            }
            if (score == bestScore) {
                best.add(preset);
            }
        }
        return best;
    }

    /** Holds GENERIC's union, computed after every constant exists, plus a few common spellings. */
    private static final class Generic {
        static final AttributeNames NAMES = new AttributeNames(List.of(),
                union(AttributeNames::email, "emailAddress", "EmailAddress"),
                union(AttributeNames::firstName, "given_name"), union(AttributeNames::lastName, "family_name", "sn"),
                union(AttributeNames::displayName, "DisplayName", "cn"), union(AttributeNames::groups, "role", "roles"),
                List.of());

        private static List<String> union(Function<AttributeNames, List<String>> property, String... more) {
            Set<String> all = new LinkedHashSet<>();
            for (IdpPreset preset : values()) {
                if (preset != GENERIC) {
                    all.addAll(property.apply(preset.names));
                }
            }
            all.addAll(List.of(more));
            return List.copyOf(all);
        }
    }
}
