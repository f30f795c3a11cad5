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
 * only their SHA-256 with the pending request. HttpOnly. On https it is {@code __Host-GATEHOUSE_LOGIN} with
 * {@code Secure; SameSite=None; Path=/}: the {@code __Host-} prefix means no sibling subdomain can plant its own
 * value (which would let it bind a victim's browser to an attacker's login), and SameSite=None lets it ride along
 * the IdP's cross-site POST. On plain http (a development machine) it is {@code GATEHOUSE_LOGIN}, scoped to the SAML
 * endpoints' path. On plain http (a development
 * machine) it is {@code SameSite=Lax}, which browsers do not send on a cross-site POST: the ACS then answers with
 * a same-site "bounce" that re-posts the response to itself, and that second POST carries the cookie. Either way
 * no login depends on a cookie surviving a cross-site POST.
 */
final class LoginStateCookie {

    static final String NAME = "GATEHOUSE_LOGIN";
    static final String SECURE_NAME = "__Host-GATEHOUSE_LOGIN";
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
        String name = name();
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName()) && cookie.getValue() != null && TOKEN.matcher(cookie.getValue()).matches()) {
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
        Cookie cookie = new Cookie(name(), token);
        cookie.setPath(config.isSecure() ? "/" : config.externalContextPath() + config.basePath());
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

    private String name() {
        return config.isSecure() ? SECURE_NAME : NAME;
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
