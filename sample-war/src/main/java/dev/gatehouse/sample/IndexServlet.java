package dev.gatehouse.sample;

import dev.gatehouse.web.ProviderLink;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/** The public home page: who is signed in with a sign-out button, or a login link per provider. */
public final class IndexServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Gatehouse sample</title><style>body{font-family:system-ui,sans-serif;max-width:40em;"
                + "margin:3em auto}</style></head><body><h1>Gatehouse sample</h1>");
        if (req.getRemoteUser() != null) {
            html.append("<p>Signed in as <strong id=\"user\">").append(Html.escape(req.getRemoteUser()))
                    .append("</strong>.</p><form method=\"post\" action=\"").append(req.getContextPath())
                    .append("/saml/logout\"><button type=\"submit\" id=\"logout\">Sign out</button></form>");
        } else {
            html.append("<p id=\"anonymous\">Not signed in.</p><ul>");
            Object links = getServletContext().getAttribute(ProviderLink.CONTEXT_ATTRIBUTE);
            if (links instanceof List<?> list) {
                for (Object o : list) {
                    ProviderLink link = (ProviderLink) o;
                    html.append("<li><a class=\"login\" href=\"").append(Html.escape(link.loginPath()))
                            .append("?returnTo=").append(Html.escape(req.getContextPath() + "/whoami")).append("\">")
                            .append("Sign in with ").append(Html.escape(link.displayName())).append("</a></li>");
                }
            }
            html.append("</ul>");
        }
        html.append("<ul><li><a href=\"").append(req.getContextPath()).append("/whoami\">/whoami</a> (signed-in users)")
                .append("</li><li><a href=\"").append(req.getContextPath()).append("/admin/\">/admin/</a> (role admin)")
                .append("</li></ul></body></html>");
        resp.setContentType("text/html;charset=UTF-8");
        resp.getWriter().print(html);
    }
}
