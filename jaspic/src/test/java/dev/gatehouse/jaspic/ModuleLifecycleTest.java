package dev.gatehouse.jaspic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.testkit.GatehouseJson;
import dev.gatehouse.testkit.TestIdpServer;
import jakarta.security.auth.message.AuthException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.security.auth.callback.CallbackHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How containers create the module and provider: by class name, possibly once per request (Elytron's
 * {@code jaspi-configuration}), from persistent registrations that may reach several webapps, with broken
 * configurations. A webapp must keep one engine, and a mistake must be reported, not rebuilt on every request.
 */
class ModuleLifecycleTest {

    private static final CallbackHandler NO_CALLBACKS = callbacks -> { };
    private static TestIdpServer idp;
    private static Path config;

    @BeforeAll
    static void writeConfig() throws Exception {
        idp = TestIdpServer.start();
        config = Files.createTempFile("gatehouse-module", ".json");
        Files.writeString(config, GatehouseJson.forIdps("https://app.example.com/app", List.of(idp), ""),
                StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() throws Exception {
        idp.close();
        Files.deleteIfExists(config);
    }

    @Test
    void modulesMadeByClassNameWithTheSameOptionsShareOneEngine() throws AuthException {
        GatehouseServerAuthModule first = new GatehouseServerAuthModule();
        GatehouseServerAuthModule second = new GatehouseServerAuthModule();
        Map<String, String> options = Map.of("configFile", config.toString(),
                "org.apache.catalina.authenticator.jaspic.ServerAuthModule.1", GatehouseServerAuthModule.class.getName());
        first.initialize(null, null, NO_CALLBACKS, options);
        second.initialize(null, null, NO_CALLBACKS, Map.of("configFile", config.toString()));
        assertThat(first.engine()).isNotNull().isSameAs(second.engine());
    }

    @Test
    void oneProviderServesOneWebapp() throws AuthException {
        GatehouseAuthConfigProvider provider = new GatehouseAuthConfigProvider(Map.of("configFile",
                config.toString(), "name", "gatehouse"), null);
        assertThat(provider.getServerAuthConfig("HttpServlet", "Catalina/localhost /app", NO_CALLBACKS)
                .getAppContext()).isEqualTo("Catalina/localhost /app");
        assertThat(provider.getServerAuthConfig("HttpServlet", "Catalina/localhost /app", NO_CALLBACKS)).isNotNull();
        assertThatThrownBy(() -> provider.getServerAuthConfig("HttpServlet", "Catalina/localhost /other",
                NO_CALLBACKS)).isInstanceOf(AuthException.class).hasMessageContaining("one provider per webapp");
    }

    @Test
    void aBrokenConfigurationIsReportedEveryTimeButBuiltOnce() {
        GatehouseAuthConfigProvider provider = new GatehouseAuthConfigProvider(Map.of("externalURL",
                "https://app.example.com/", "identityProviderMetadataUrl", "https://idp"), null);
        Throwable first = catchThrowable(provider);
        Throwable second = catchThrowable(provider);
        assertThat(first).isInstanceOf(AuthException.class).hasMessageContaining("identityProviderMetadataUrl");
        assertThat(second).as("remembered, not rebuilt").isSameAs(first);
    }

    private static Throwable catchThrowable(GatehouseAuthConfigProvider provider) {
        try {
            provider.getServerAuthConfig("HttpServlet", "Catalina/localhost /app", NO_CALLBACKS);
        } catch (AuthException e) {
            return e;
        }
        throw new AssertionError("expected the configuration to be refused");
    }
}
