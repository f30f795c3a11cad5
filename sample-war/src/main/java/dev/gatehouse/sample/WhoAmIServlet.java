package dev.gatehouse.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.identity.GatehousePrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /whoami}: the signed-in user as JSON, in a stable shape that external test suites rely on:
 * {@code {"name", "roles", "attributes", "provider", "nameId", "nameIdFormat", "sessionIndex"}}. It reads
 * only the standard servlet API ({@code getRemoteUser}, {@code getUserPrincipal}, {@code isUserInRole},
 * {@code getAuthType}), so it shows what the container itself knows, in filter mode and in Jakarta Authentication
 * mode alike; the SAML details come from the principal when it is Gatehouse's (both modes hand it out).
 */
public final class WhoAmIServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> APPLICATION_ROLES = List.of("admin", "user");

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Principal principal = req.getUserPrincipal();
        if (principal == null) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", req.getRemoteUser());
        GatehousePrincipal user = principal instanceof GatehousePrincipal p ? p : null;
        body.put("roles", user != null ? user.roles() : APPLICATION_ROLES.stream().filter(req::isUserInRole).toList());
        body.put("attributes", user == null ? Map.of() : user.attributes());
        body.put("provider", user == null ? null : user.providerId());
        body.put("nameId", user == null ? principal.getName() : user.nameId());
        body.put("nameIdFormat", user == null ? null : user.nameIdFormat());
        body.put("sessionIndex", user == null ? null : user.sessionIndex());
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
