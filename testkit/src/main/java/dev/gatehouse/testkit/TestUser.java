package dev.gatehouse.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user of the development IdP.
 *
 * @param nameId the NameID sent for the user (an e-mail address)
 * @param attributes the attributes sent, multi-valued
 */
public record TestUser(String nameId, Map<String, List<String>> attributes) {

    public TestUser {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        attributes.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        attributes = java.util.Collections.unmodifiableMap(copy);
    }

    /** Alice: an administrator (groups admins, users). */
    public static TestUser alice() {
        return new TestUser("alice@example.com", Map.of("email", List.of("alice@example.com"),
                "firstName", List.of("Alice"), "lastName", List.of("Admin"),
                "groups", List.of("admins", "users")));
    }

    /** Bob: an ordinary user (group users). */
    public static TestUser bob() {
        return new TestUser("bob@example.com", Map.of("email", List.of("bob@example.com"),
                "firstName", List.of("Bob"), "lastName", List.of("User"), "groups", List.of("users")));
    }

    /** The short name shown on the login page (the local part of the NameID). */
    public String login() {
        int at = nameId.indexOf('@');
        return at < 0 ? nameId : nameId.substring(0, at);
    }
}
