package dev.gatehouse.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How IdP groups become application roles ({@code isUserInRole}).
 *
 * @param defaultRoles roles every signed-in user of this provider gets
 * @param groupRoles roles granted per group value (group compared exactly, after XML decoding)
 * @param groupsAsRoles also use each group value as a role name (default false, because an IdP group that happens to
 *     be called "admin" would otherwise grant the admin role)
 */
public record RoleMapping(List<String> defaultRoles, Map<String, List<String>> groupRoles, boolean groupsAsRoles) {

    public RoleMapping {
        defaultRoles = List.copyOf(defaultRoles);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        groupRoles.forEach((group, roles) -> copy.put(group, List.copyOf(roles)));
        groupRoles = java.util.Collections.unmodifiableMap(copy);
    }

    /** No roles at all. */
    public static RoleMapping none() {
        return new RoleMapping(List.of(), Map.of(), false);
    }
}
