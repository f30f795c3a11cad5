package dev.gatehouse.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.identity.GatehousePrincipal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /whoami}: the signed-in user as JSON, in a stable shape that external test suites rely on:
 * {@code {"name", "roles", "attributes", "provider", "nameId", "nameIdFormat", "sessionIndex"}}.
 */
public final class WhoAmIServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!(req.getUserPrincipal() instanceof GatehousePrincipal user)) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", req.getRemoteUser());
        body.put("roles", user.roles());
        body.put("attributes", user.attributes());
        body.put("provider", user.providerId());
        body.put("nameId", user.nameId());
        body.put("nameIdFormat", user.nameIdFormat());
        body.put("sessionIndex", user.sessionIndex());
        resp.setContentType("application/json;charset=UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        JSON.writeValue(resp.getOutputStream(), body);
    }
}
