package dev.gatehouse.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * How the engine tells its own endpoints from the application's pages, on the path it derives from the servlet path
 * and path info (the filter and JASPIC tests cover the same over HTTP on every container mapping they use).
 */
class GatehouseEnginePathTest {

    private static HttpServletRequest request(String servletPath, String pathInfo) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getServletPath" -> servletPath;
                    case "getPathInfo" -> pathInfo;
                    default -> null;
                });
    }

    @Test
    void thePathJoinsServletPathAndPathInfo() {
        assertThat(GatehouseEngine.pathWithinApplication(request("/app", "/page"))).isEqualTo("/app/page");
        assertThat(GatehouseEngine.pathWithinApplication(request("/saml/acs", null))).isEqualTo("/saml/acs");
        assertThat(GatehouseEngine.pathWithinApplication(request("", "/saml/acs"))).isEqualTo("/saml/acs");
        assertThat(GatehouseEngine.pathWithinApplication(request("/page", ""))).isEqualTo("/page");
        assertThat(GatehouseEngine.pathWithinApplication(request(null, "/x"))).isEqualTo("/x");
    }

    @Test
    void anEmptyPathIsTheRoot() {
        assertThat(GatehouseEngine.pathWithinApplication(request("", null))).isEqualTo("/");
        assertThat(GatehouseEngine.pathWithinApplication(request(null, null))).isEqualTo("/");
        assertThat(GatehouseEngine.pathWithinApplication(request("", ""))).isEqualTo("/");
    }

    @Test
    void theEndpointsAreTheBasePathAndWhatIsBelowIt() {
        assertThat(GatehouseEngine.isUnder("/saml", "/saml")).isTrue();
        assertThat(GatehouseEngine.isUnder("/saml/", "/saml")).isTrue();
        assertThat(GatehouseEngine.isUnder("/saml/acs", "/saml")).isTrue();
        assertThat(GatehouseEngine.isUnder("/samlx", "/saml")).isFalse();
        assertThat(GatehouseEngine.isUnder("/sam", "/saml")).isFalse();
        assertThat(GatehouseEngine.isUnder("/app/saml/acs", "/saml")).isFalse();
        assertThat(GatehouseEngine.isUnder("/", "/saml")).isFalse();
    }
}
