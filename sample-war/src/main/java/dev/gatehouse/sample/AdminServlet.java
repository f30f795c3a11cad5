package dev.gatehouse.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code /admin/}: only for users with the role {@code admin}, checked with the standard servlet API. */
public final class AdminServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/html;charset=UTF-8");
        if (!req.isUserInRole("admin")) {
            resp.setStatus(HttpServletResponse.SC_FORBIDDEN);
            resp.getWriter().print("<!DOCTYPE html><html><body><h1>Forbidden</h1><p id=\"forbidden\">"
                    + Html.escape(String.valueOf(req.getRemoteUser())) + " does not have the role admin.</p>"
                    + "</body></html>");
            return;
        }
        resp.getWriter().print("<!DOCTYPE html><html><body><h1>Admin area</h1><p id=\"admin\">Welcome, "
                + Html.escape(req.getRemoteUser()) + ".</p></body></html>");
    }
}
