package dev.gatehouse.filter;

import dev.gatehouse.identity.GatehousePrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request as the application sees it after Gatehouse signed the user in: {@code getUserPrincipal()} returns the
 * {@link GatehousePrincipal}, {@code getRemoteUser()} its name, {@code isUserInRole()} its mapped roles and
 * {@code getAuthType()} {@value #AUTH_TYPE}.
 */
public final class AuthenticatedRequest extends HttpServletRequestWrapper {

    /** What {@link #getAuthType()} returns. */
    public static final String AUTH_TYPE = "SAML";

    private final GatehousePrincipal principal;

    public AuthenticatedRequest(HttpServletRequest request, GatehousePrincipal principal) {
        super(request);
        this.principal = principal;
    }

    @Override
    public Principal getUserPrincipal() {
        return principal;
    }

    @Override
    public String getRemoteUser() {
        return principal.getName();
    }

    @Override
    public boolean isUserInRole(String role) {
        return principal.hasRole(role);
    }

    @Override
    public String getAuthType() {
        return AUTH_TYPE;
    }
}
