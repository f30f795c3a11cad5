package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Fixtures;
import dev.gatehouse.config.GatehouseConfig;
import dev.gatehouse.internal.RandomIds;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The login-state cookie's attributes, on https and on plain http. */
class LoginStateCookieTest {

    private static HttpServletRequest request(Cookie... cookies) {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass(HttpServletRequest.class),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) ->
                        method.getName().equals("getCookies") ? cookies : null);
    }

    private static HttpServletResponse response(List<Cookie> added) {
        return (HttpServletResponse) Proxy.newProxyInstance(getClass(HttpServletResponse.class),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addCookie")) {
                        added.add((Cookie) args[0]);
                    }
                    return null;
                });
    }

    private static ClassLoader getClass(Class<?> type) {
        return type.getClassLoader();
    }

    @Test
    void onHttpsItIsAHostPrefixedCrossSiteCookieNoSubdomainCanPlant() {
        GatehouseConfig config = GatehouseConfig.builder().externalUrl("https://app.example.com/ctx")
                .provider(Fixtures.provider().build()).build();
        LoginStateCookie cookie = new LoginStateCookie(config, new RandomIds());
        List<Cookie> added = new ArrayList<>();
        String token = cookie.issue(request(), response(added));
        Cookie c = added.get(0);
        assertThat(c.getName()).isEqualTo("__Host-GATEHOUSE_LOGIN");
        assertThat(c.getSecure()).isTrue();
        assertThat(c.getPath()).isEqualTo("/");
        assertThat(c.getDomain()).isNull();
        assertThat(c.isHttpOnly()).isTrue();
        assertThat(c.getAttribute("SameSite")).isEqualTo("None");
        assertThat(cookie.read(request(new Cookie("__Host-GATEHOUSE_LOGIN", token)))).isEqualTo(token);
        assertThat(cookie.read(request(new Cookie("GATEHOUSE_LOGIN", token)))).as("an unprefixed cookie is not read")
                .isNull();
    }

    @Test
    void onPlainHttpItIsLaxAndScopedToTheSamlEndpoints() {
        GatehouseConfig config = GatehouseConfig.builder().externalUrl("http://localhost:8080/ctx")
                .provider(Fixtures.provider().build()).build();
        List<Cookie> added = new ArrayList<>();
        new LoginStateCookie(config, new RandomIds()).issue(request(), response(added));
        Cookie c = added.get(0);
        assertThat(c.getName()).isEqualTo("GATEHOUSE_LOGIN");
        assertThat(c.getPath()).isEqualTo("/ctx/saml");
        assertThat(c.getSecure()).isFalse();
        assertThat(c.getAttribute("SameSite")).isEqualTo("Lax");
        assertThat(c.getValue()).matches("[A-Za-z0-9_-]{43}");
    }
}
