package dev.gatehouse.web;

import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.internal.RandomIds;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The cookie that binds a pending login to the browser that started it. It holds 256 random bits; the server keeps
 * only their SHA-256 with the pending request. Scoped to the SAML endpoints' path, HttpOnly, and on https
 * {@code Secure; SameSite=None} so that it rides along the IdP's cross-site POST. On plain http (a development
 * machine) it is {@code SameSite=Lax}, which browsers do not send on a cross-site POST: the ACS then answers with
 * a same-site "bounce" that re-posts the response to itself, and that second POST carries the cookie. Either way
 * no login depends on a cookie surviving a cross-site POST.
 */
final class LoginStateCookie {

    static final String NAME = "GATEHOUSE_LOGIN";
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final GatehouseConfig config;
    private final RandomIds ids;

    LoginStateCookie(GatehouseConfig config, RandomIds ids) {
        this.config = config;
        this.ids = ids;
    }

    /** The token this browser sent, if well-formed. */
    String read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && TOKEN.matcher(cookie.getValue()).matches()) {
                return cookie.getValue();
            }
        }
        return null;
    }

    /** Reuses this browser's token (so parallel logins in several tabs all stay valid) or issues a new one. */
    String issue(HttpServletRequest request, HttpServletResponse response) {
        String token = read(request);
        if (token == null) {
            token = ids.token();
        }
        Cookie cookie = new Cookie(NAME, token);
        cookie.setPath(config.externalContextPath() + config.basePath());
        cookie.setHttpOnly(true);
        cookie.setMaxAge((int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toSeconds()));
        if (config.isSecure()) {
            cookie.setSecure(true);
            cookie.setAttribute("SameSite", "None");
        } else {
            cookie.setAttribute("SameSite", "Lax");
        }
        response.addCookie(cookie);
        return token;
    }

    /** SHA-256 (hex) of a token: what the server stores. */
    static String hash(String token) {
        if (token == null) {
            return null;
        }
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
