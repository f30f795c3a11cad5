package dev.gatehouse.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the responses Gatehouse produces itself, always with {@code no-store} caching and defensive headers; HTML
 * pages get a Content-Security-Policy that allows only their own nonce-tagged script. Writing commits the response,
 * so callers set any other header before calling.
 */
final class PageWriter {

    private PageWriter() {
    }

    static void html(HttpServletResponse response, int status, String html, String scriptNonce) throws IOException {
        String csp = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'"
                + (scriptNonce == null ? "" : "; script-src 'nonce-" + scriptNonce + "'");
        response.setHeader("Content-Security-Policy", csp);
        write(response, status, "text/html;charset=UTF-8", html);
    }

    static void text(HttpServletResponse response, int status, String contentType, String body) throws IOException {
        write(response, status, contentType, body);
    }

    static void redirect(HttpServletResponse response, int status, String location) {
        noStore(response);
        response.setStatus(status);
        response.setHeader("Location", location);
    }

    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static void write(HttpServletResponse response, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.resetBuffer();
        noStore(response);
        response.setStatus(status);
        response.setContentType(contentType);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
