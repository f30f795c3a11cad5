package dev.gatehouse.testkit;

import java.util.List;
import java.util.function.Consumer;

/**
 * What real identity providers put in an assertion, by the attribute names their documentation, templates or
 * source use (one sample per Gatehouse preset), and what the user should come out as. For tests of the presets
 * over real SAML: {@link #apply} adds the attributes to a {@link ResponseBuilder}.
 */
public final class IdpAttributeSamples {

    /**
     * One attribute as an IdP sends it.
     *
     * @param name the attribute Name
     * @param friendlyName its FriendlyName, or null
     * @param values its values
     */
    public record Attr(String name, String friendlyName, List<String> values) {
    }

    /**
     * One IdP's assertion and the expected user.
     *
     * @param preset the Gatehouse preset name
     * @param nameId the NameID value
     * @param nameIdFormat the NameID format
     * @param attributes the attributes
     * @param username the expected user name
     * @param email the expected e-mail
     * @param firstName the expected given name
     * @param lastName the expected surname
     * @param groups the expected groups
     * @param userId the expected stable user id
     */
    public record Sample(String preset, String nameId, String nameIdFormat, List<Attr> attributes, String username,
            String email, String firstName, String lastName, List<String> groups, String userId) {

        /** Sets the NameID and adds the attributes to a response (after clearing the builder's own user). */
        public Consumer<ResponseBuilder> apply() {
            return r -> {
                r.nameId(nameId).nameIdFormat(nameIdFormat).clearAttributes();
                for (Attr a : attributes) {
                    if (a.friendlyName() == null) {
                        r.attribute(a.name(), a.values().toArray(String[]::new));
                    } else {
                        r.attributeWithFriendlyName(a.name(), a.friendlyName(), a.values().toArray(String[]::new));
                    }
                }
            };
        }

        @Override
        public String toString() {
            return preset;
        }
    }

    private static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    private static final String UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";
    private static final String PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent";
    private static final String TRANSIENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:transient";
    private static final String CLAIMS = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/";

    private IdpAttributeSamples() {
    }

    private static Attr a(String name, String... values) {
        return new Attr(name, null, List.of(values));
    }

    private static Attr f(String name, String friendly, String... values) {
        return new Attr(name, friendly, List.of(values));
    }

    /** One sample per preset (not {@code generic}), each with the group {@code Staff & Friends}. */
    public static List<Sample> all() {
        String group = "Staff & Friends";
        return List.of(
                new Sample("okta", "ada@corp.example", UNSPECIFIED, List.of(a("identifier", "00u1ada"),
                        a("Email", "ada@corp.example"), a("FirstName", "Ada"), a("LastName", "Lovelace"),
                        a("groups", group, "Everyone")),
                        "ada@corp.example", "ada@corp.example", "Ada", "Lovelace", List.of(group, "Everyone"),
                        "00u1ada"),
                new Sample("entra", "ada@corp.example", EMAIL_FORMAT, List.of(
                        a("http://schemas.microsoft.com/identity/claims/tenantid", "9188040d-6c67-4c5b-b112-36a304b66dad"),
                        a("http://schemas.microsoft.com/identity/claims/objectidentifier",
                                "3f2a9c4e-1111-4000-8000-000000000001"),
                        a(CLAIMS + "name", "ada@corp.example"), a(CLAIMS + "emailaddress", "ada.l@corp.example"),
                        a(CLAIMS + "givenname", "Ada"), a(CLAIMS + "surname", "Lovelace"),
                        a("http://schemas.microsoft.com/identity/claims/displayname", "Ada Lovelace"),
                        a("http://schemas.microsoft.com/ws/2008/06/identity/claims/groups", group)),
                        "ada@corp.example", "ada.l@corp.example", "Ada", "Lovelace", List.of(group),
                        "3f2a9c4e-1111-4000-8000-000000000001"),
                new Sample("adfs", "ada@corp.example", EMAIL_FORMAT, List.of(a(CLAIMS + "upn", "ada@corp.example"),
                        a(CLAIMS + "emailaddress", "ada@corp.example"), a(CLAIMS + "givenname", "Ada"),
                        a(CLAIMS + "surname", "Lovelace"), a("http://schemas.xmlsoap.org/claims/Group", group)),
                        "ada@corp.example", "ada@corp.example", "Ada", "Lovelace", List.of(group), "ada@corp.example"),
                new Sample("google", "ada@corp.example", UNSPECIFIED, List.of(a("email", "ada@corp.example"),
                        a("firstName", "Ada"), a("lastName", "Lovelace"), a("groups", group)),
                        "ada@corp.example", "ada@corp.example", "Ada", "Lovelace", List.of(group), "ada@corp.example"),
                new Sample("onelogin", "ada@corp.example", EMAIL_FORMAT, List.of(a("User.email", "ada@corp.example"),
                        a("User.FirstName", "Ada"), a("User.LastName", "Lovelace"), a("memberOf", group),
                        a("PersonImmutableID", "ol-4711")),
                        "ada@corp.example", "ada@corp.example", "Ada", "Lovelace", List.of(group), "ol-4711"),
                new Sample("auth0", "auth0|5f1ada", UNSPECIFIED, List.of(a(CLAIMS + "nameidentifier", "auth0|5f1ada"),
                        a(CLAIMS + "emailaddress", "ada@corp.example"), a(CLAIMS + "name", "Ada Lovelace"),
                        a(CLAIMS + "upn", "ada"), a(CLAIMS + "givenname", "Ada"), a(CLAIMS + "surname", "Lovelace"),
                        a("http://schemas.xmlsoap.org/claims/Group", group)),
                        "ada", "ada@corp.example", "Ada", "Lovelace", List.of(group), "auth0|5f1ada"),
                new Sample("ping", "ada", UNSPECIFIED, List.of(a("Email", "ada@corp.example"), a("FirstName", "Ada"),
                        a("LastName", "Lovelace"), a("memberOf", group)),
                        "ada", "ada@corp.example", "Ada", "Lovelace", List.of(group), "ada"),
                new Sample("jumpcloud", "ada@corp.example", EMAIL_FORMAT, List.of(a("username", "ada"),
                        a("email", "ada@corp.example"), a("firstname", "Ada"), a("lastname", "Lovelace"),
                        a("memberOf", group)),
                        "ada", "ada@corp.example", "Ada", "Lovelace", List.of(group), "ada@corp.example"),
                new Sample("salesforce", "ada@corp.example", UNSPECIFIED, List.of(a("userId", "0056A000000Q6Rl"),
                        a("username", "ada@corp.example"), a("email", "ada@corp.example"),
                        a("is_portal_user", "false")),
                        "ada@corp.example", "ada@corp.example", null, null, List.of(), "0056A000000Q6Rl"),
                new Sample("keycloak", "ada", UNSPECIFIED, List.of(
                        f("urn:oid:1.2.840.113549.1.9.1", "email", "ada@corp.example"),
                        f("urn:oid:2.5.4.42", "givenName", "Ada"), f("urn:oid:2.5.4.4", "surname", "Lovelace"),
                        a("Role", "offline_access"), a("Role", "uma_authorization"), a("member", group)),
                        "ada", "ada@corp.example", "Ada", "Lovelace",
                        List.of(group, "offline_access", "uma_authorization"), "ada"),
                new Sample("shibboleth", "AAdzZWNyZXQx", TRANSIENT, List.of(
                        f("urn:oasis:names:tc:SAML:attribute:subject-id", "subject-id", "ada@uni.example"),
                        f("urn:oid:1.3.6.1.4.1.5923.1.1.1.6", "eduPersonPrincipalName", "ada@uni.example"),
                        f("urn:oid:0.9.2342.19200300.100.1.3", "mail", "ada.lovelace@uni.example"),
                        f("urn:oid:2.5.4.42", "givenName", "Ada"), f("urn:oid:2.5.4.4", "sn", "Lovelace"),
                        f("urn:oid:1.3.6.1.4.1.5923.1.5.1.1", "isMemberOf", group)),
                        "ada@uni.example", "ada.lovelace@uni.example", "Ada", "Lovelace", List.of(group),
                        "ada@uni.example"));
    }
}
