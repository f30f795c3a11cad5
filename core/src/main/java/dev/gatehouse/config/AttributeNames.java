package dev.gatehouse.config;

import java.util.List;

/**
 * Candidate SAML attribute names for each user property, tried in order; an attribute matches by its Name or its
 * FriendlyName. The defaults cover Okta, Microsoft Entra ID and ADFS (claim URIs), Google, Keycloak, OneLogin,
 * JumpCloud, Auth0 and Shibboleth (urn:oid names).
 *
 * @param username where the user name comes from; empty means the NameID (the default)
 * @param email e-mail address candidates
 * @param firstName given name candidates
 * @param lastName surname candidates
 * @param displayName display name candidates
 * @param groups group membership candidates (multi-valued)
 */
public record AttributeNames(List<String> username, List<String> email, List<String> firstName,
        List<String> lastName, List<String> displayName, List<String> groups) {

    public AttributeNames {
        username = List.copyOf(username);
        email = List.copyOf(email);
        firstName = List.copyOf(firstName);
        lastName = List.copyOf(lastName);
        displayName = List.copyOf(displayName);
        groups = List.copyOf(groups);
    }

    /** Default e-mail attribute names. */
    public static final List<String> DEFAULT_EMAIL = List.of("email", "Email", "emailAddress", "mail",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            "urn:oid:0.9.2342.19200300.100.1.3", "urn:oid:1.2.840.113549.1.9.1");
    /** Default given-name attribute names. */
    public static final List<String> DEFAULT_FIRST_NAME = List.of("firstName", "FirstName", "first_name", "givenName",
            "given_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname", "urn:oid:2.5.4.42");
    /** Default surname attribute names. */
    public static final List<String> DEFAULT_LAST_NAME = List.of("lastName", "LastName", "last_name", "sn", "surname",
            "family_name", "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname", "urn:oid:2.5.4.4");
    /** Default display-name attribute names. */
    public static final List<String> DEFAULT_DISPLAY_NAME = List.of("displayName", "DisplayName", "name", "cn",
            "http://schemas.microsoft.com/identity/claims/displayname",
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name", "urn:oid:2.16.840.1.113730.3.1.241",
            "urn:oid:2.5.4.3");
    /** Default group attribute names. */
    public static final List<String> DEFAULT_GROUPS = List.of("groups", "Groups", "memberOf", "Role", "role", "roles",
            "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
            "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
            "urn:oid:1.3.6.1.4.1.5923.1.5.1.1");

    /** The defaults listed above; the user name is the NameID. */
    public static AttributeNames defaults() {
        return new AttributeNames(List.of(), DEFAULT_EMAIL, DEFAULT_FIRST_NAME, DEFAULT_LAST_NAME,
                DEFAULT_DISPLAY_NAME, DEFAULT_GROUPS);
    }
}
