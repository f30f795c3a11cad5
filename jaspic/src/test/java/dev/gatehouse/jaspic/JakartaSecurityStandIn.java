package dev.gatehouse.jaspic;

import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a Jakarta EE server's Jakarta Security runtime does with an {@link HttpAuthenticationMechanism}, reduced to
 * the calls Gatehouse's mechanism makes (no Jakarta Security implementation is served here): for every request it
 * asks the mechanism with an {@link HttpMessageContext} that says whether the resource is protected
 * ({@code /whoami}, {@code /admin/*}); on {@code SUCCESS} the notified caller and groups become the request's user
 * (and {@code /admin/*} needs the group {@code admin}, as a security constraint would), {@code NOT_DONE} lets an
 * unprotected request through and answers 403 for a protected one, and {@code SEND_*} ends the request. POST
 * {@code /logout-local} calls {@code cleanSubject}.
 */
final class JakartaSecurityStandIn implements Filter {

    private final HttpAuthenticationMechanism mechanism;
    private final List<AuthenticationStatus> statuses = new CopyOnWriteArrayList<>();

    JakartaSecurityStandIn(HttpAuthenticationMechanism mechanism) {
        this.mechanism = mechanism;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) resp;
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        boolean isProtected = path.equals("/whoami") || path.startsWith("/admin/");
        AtomicReference<Principal> caller = new AtomicReference<>();
        AtomicReference<Set<String>> groups = new AtomicReference<>(Set.of());
        HttpMessageContext context = context(request, response, isProtected, caller, groups);
        if (path.equals("/logout-local")) {
            mechanism.cleanSubject(request, response, context);
            response.getWriter().write("logged out");
            return;
        }
        AuthenticationStatus status;
        try {
            status = mechanism.validateRequest(request, response, context);
        } catch (AuthenticationException e) {
            throw new ServletException(e);
        }
        statuses.add(status);
        switch (status) {
            case SUCCESS -> {
                if (path.startsWith("/admin/") && !groups.get().contains("admin")) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                    return;
                }
                chain.doFilter(new Authenticated(request, caller.get(), groups.get()), response);
            }
            case NOT_DONE -> {
                if (isProtected) {
                    response.sendError(HttpServletResponse.SC_FORBIDDEN);
                    return;
                }
                chain.doFilter(request, response);
            }
            default -> { }
        }
    }

    /**
     * Waits until the mechanism's answer to the latest request is recorded (the response may reach the client before
     * {@code validateRequest} returns, since the engine writes it) and returns it.
     */
    AuthenticationStatus awaitStatus(AuthenticationStatus expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && (statuses.isEmpty() || statuses.get(statuses.size() - 1) != expected)) {
            Thread.sleep(10);
        }
        return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
    }

    private static HttpMessageContext context(HttpServletRequest request, HttpServletResponse response,
            boolean isProtected, AtomicReference<Principal> caller, AtomicReference<Set<String>> groups) {
        return (HttpMessageContext) Proxy.newProxyInstance(HttpMessageContext.class.getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isProtected" -> isProtected;
                    case "getRequest" -> request;
                    case "getResponse" -> response;
                    case "doNothing" -> AuthenticationStatus.NOT_DONE;
                    case "cleanClientSubject" -> null;
                    case "notifyContainerAboutLogin" -> {
                        if (!(args[0] instanceof Principal principal)) {
                            throw new UnsupportedOperationException("only notifyContainerAboutLogin(Principal, Set)");
                        }
                        caller.set(principal);
                        @SuppressWarnings("unchecked")
                        Set<String> given = (Set<String>) args[1];
                        groups.set(Set.copyOf(given));
                        yield AuthenticationStatus.SUCCESS;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The request as the container presents an authenticated caller. */
    private static final class Authenticated extends HttpServletRequestWrapper {
        private final Principal caller;
        private final Set<String> groups;

        Authenticated(HttpServletRequest request, Principal caller, Set<String> groups) {
            super(request);
            this.caller = caller;
            this.groups = groups;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public String getRemoteUser() {
            return caller.getName();
        }

        @Override
        public boolean isUserInRole(String role) {
            return groups.contains(role);
        }

        @Override
        public String getAuthType() {
            return "SAML";
        }
    }
}
