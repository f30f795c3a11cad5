package dev.gatehouse.jaspic;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The test webapp's servlets: they use only the standard servlet API, as a container-secured legacy app does. */
final class TestServlets {

    private TestServlets() {
    }

    /** Prints what the container says about the user, one {@code key=value} per line. */
    public static final class WhoAmI extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            HttpSession session = req.getSession(false);
            String body = "user=" + req.getRemoteUser() + "\n"
                    + "principal=" + (req.getUserPrincipal() == null ? "null" : req.getUserPrincipal().getName()) + "\n"
                    + "principalType=" + (req.getUserPrincipal() == null ? "null"
                            : req.getUserPrincipal().getClass().getSimpleName()) + "\n"
                    + "authType=" + req.getAuthType() + "\n"
                    + "admin=" + req.isUserInRole("admin") + "\n"
                    + "userRole=" + req.isUserInRole("user") + "\n"
                    + "session=" + (session == null ? "null" : session.getId()) + "\n";
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Ends the container login with {@code HttpServletRequest.logout()} (which calls cleanSubject). */
    public static final class Logout extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                req.logout();
            } catch (jakarta.servlet.ServletException e) {
                throw new IOException(e);
            }
            resp.setContentType("text/plain;charset=UTF-8");
            resp.getOutputStream().write(("logged out; user=" + req.getRemoteUser()).getBytes(StandardCharsets.UTF_8));
        }
    }
}
