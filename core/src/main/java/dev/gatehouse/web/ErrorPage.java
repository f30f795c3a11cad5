package dev.gatehouse.web;

import dev.gatehouse.error.ErrorCode;
import dev.gatehouse.error.Problem;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.Html;
import dev.gatehouse.internal.LogText;
import dev.gatehouse.internal.RandomIds;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a refusal: one WARN log line with an incident id, the code and every problem's detail and fix (for the
 * administrator), and a plain HTML page with the code, a user-safe sentence and the incident id (for the user).
 * The page never contains a stack trace, message contents or configuration.
 */
final class ErrorPage {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPage.class);

    /** The response header carrying the error code, for scripts and tests. */
    static final String ERROR_HEADER = "X-Gatehouse-Error";

    private final RandomIds ids;

    ErrorPage(RandomIds ids) {
        this.ids = ids;
    }

    /** Logs and renders a rejection; {@code retryUrl} (may be null) is offered as "Try again". */
    void send(HttpServletResponse response, String what, String providerId, SamlRejection rejection, String retryUrl)
            throws IOException {
        String incident = ids.incidentId();
        Problem primary = rejection.primary();
        LOG.warn("Gatehouse refused {} [provider={}, incident={}, code={}]: {}", what, LogText.safe(providerId),
                incident, primary.code().code(), LogText.safe(rejection.getMessage()));
        render(response, primary.code(), primary.userDetail(), incident, retryUrl);
    }

    private void render(HttpServletResponse response, ErrorCode code, String userDetail, String incident,
            String retryUrl) throws IOException {
        StringBuilder html = new StringBuilder(1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign-in problem</title>")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:40em;margin:3em auto;padding:0 1em}")
                .append("code{background:#f3f3f3;padding:.1em .3em}</style></head>\n<body>\n<h1>Sign-in problem</h1>\n")
                .append("<p>").append(Html.escape(code.userMessage())).append("</p>\n");
        if (!userDetail.isEmpty()) {
            html.append("<p>The identity provider said: <q>").append(Html.escape(userDetail)).append("</q></p>\n");
        }
        html.append("<p>Error code: <code id=\"error-code\">").append(code.code()).append("</code><br>")
                .append("Incident: <code id=\"incident\">").append(incident).append("</code></p>\n")
                .append("<p>If this keeps happening, send the error code and incident to your administrator.</p>\n");
        if (retryUrl != null) {
            html.append("<p><a href=\"").append(Html.escape(retryUrl)).append("\">Try again</a></p>\n");
        }
        html.append("</body></html>\n");
        response.setHeader(ERROR_HEADER, code.code());
        PageWriter.html(response, code.httpStatus(), html.toString(), null);
    }
}
