package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.ConfigException.ConfigProblem;
import dev.gatehouse.testkit.TestCredential;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String PEM = TestCredential.idpSigning().certificatePem();
    private final ConfigLoader loader = new ConfigLoader(ConfigEnvironment.of(
            Map.of("IDP_CERT", PEM, "METADATA_HOST", "idp.example.com"), Map.of("app.url", "https://app.example.com/app")));

    private GatehouseConfig json(String text) {
        return loader.fromJson(text, "[test.json]");
    }

    private List<ConfigProblem> problems(String text) {
        try {
            json(text);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a configuration error");
    }

    @Test
    void readsAFullConfigurationWithCommentsAndTrailingCommas() {
        GatehouseConfig config = json("""
                // Gatehouse configuration
                {
                  "externalURL": "${sys:app.url}",
                  "basePath": "/sso", /* not the default */
                  "requestTimeout": "5m",
                  "protectedPaths": {"include": ["/*"], "exclude": ["/public/*", "*.css"]},
                  "providers": [
                    {"id": "okta", "identityProviderMetadataURL": "https://${env:METADATA_HOST}/app/metadata",
                     "clockSkew": "90s", "maxAuthenticationAge": "8h", "wantAssertionsSigned": true,},
                    {"id": "fields", "displayName": "Corporate IdP",
                     "identityProvider": {"entityId": "urn:idp", "ssoUrl": "https://idp.example/sso",
                                          "ssoBinding": "post", "sloUrl": "https://idp.example/slo",
                                          "certificates": ["${env:IDP_CERT}"]},
                     "spEntityId": "urn:app",
                     "authnRequest": {"forceAuthn": true, "nameIdFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                                      "authnContextClassRefs": ["urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"],
                                      "authnContextComparison": "minimum"},
                     "attributes": {"email": ["mail"], "groups": ["memberOf"]},
                     "defaultRoles": ["user"], "roleMapping": {"Admins": ["admin", "auditor"]}, "groupsAsRoles": true,
                     "allowIdpInitiated": false},
                  ],
                }
                """);
        assertThat(config.externalUrl()).isEqualTo(URI.create("https://app.example.com/app"));
        assertThat(config.basePath()).isEqualTo("/sso");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.protectedPaths().isProtected("/public/x")).isFalse();
        assertThat(config.protectedPaths().isProtected("/site.css")).isFalse();
        assertThat(config.protectedPaths().isProtected("/admin")).isTrue();
        ProviderConfig okta = config.provider("okta").orElseThrow();
        assertThat(okta.idp()).isEqualTo(new IdpSource.MetadataUrl(URI.create("https://idp.example.com/app/metadata"),
                null, Duration.ofSeconds(10), false));
        assertThat(okta.validation().clockSkew()).isEqualTo(Duration.ofSeconds(90));
        assertThat(okta.validation().maxAuthenticationAge()).isEqualTo(Duration.ofHours(8));
        assertThat(config.serviceProvider(okta).entityId()).isEqualTo("https://app.example.com/app/sso/metadata/okta");
        assertThat(config.serviceProvider(okta).assertionConsumerServiceUrl())
                .isEqualTo(URI.create("https://app.example.com/app/sso/acs/okta"));
        ProviderConfig fields = config.provider("fields").orElseThrow();
        IdpSource.Fields idp = (IdpSource.Fields) fields.idp();
        assertThat(idp.ssoBinding()).isEqualTo(Binding.HTTP_POST);
        assertThat(idp.certificates()).containsExactly(TestCredential.idpSigning().certificate());
        assertThat(config.serviceProvider(fields).entityId()).isEqualTo("urn:app");
        assertThat(fields.authnRequest().forceAuthn()).isTrue();
        assertThat(fields.authnRequest().authnContextComparison()).isEqualTo("minimum");
        assertThat(fields.attributes().email()).containsExactly("mail");
        assertThat(fields.attributes().firstName()).isEqualTo(AttributeNames.defaults().firstName());
        assertThat(fields.roles().groupRoles()).containsEntry("Admins", List.of("admin", "auditor"));
        assertThat(fields.roles().groupsAsRoles()).isTrue();
        assertThat(fields.validation().allowIdpInitiated()).isFalse();
    }

    @Test
    void acceptsASourcegraphProviderEntryUnchanged() {
        GatehouseConfig config = json("""
                {"externalURL": "https://app.example.com",
                 "providers": [{
                   "type": "saml",
                   "configID": "okta",
                   "displayName": "Okta",
                   "identityProviderMetadataURL": "https://example.okta.com/app/abc/sso/saml/metadata",
                   "serviceProviderIssuer": "https://app.example.com/.auth/saml/metadata",
                   "nameIDFormat": "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
                   "allowSignup": false,
                   "allowGroups": ["Dogs & cats", "Engineering"],
                   "groupsAttributeName": "memberOf",
                   "usernameAttributeNames": ["login", "email"],
                   "signRequests": false,
                   "insecureSkipAssertionSignatureCheck": false
                 }]}""");
        ProviderConfig p = config.providers().get(0);
        assertThat(p.id()).isEqualTo("okta");
        assertThat(p.displayName()).isEqualTo("Okta");
        assertThat(p.spEntityId()).isEqualTo("https://app.example.com/.auth/saml/metadata");
        assertThat(p.authnRequest().nameIdFormat()).isEqualTo("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        assertThat(p.allowSignup()).isFalse();
        assertThat(p.allowGroups()).containsExactly("Dogs & cats", "Engineering");
        assertThat(p.attributes().groups()).containsExactly("memberOf");
        assertThat(p.attributes().username()).containsExactly("login", "email");
        assertThat(p.keyOptions().signAuthnRequests()).isFalse();
    }

    @Test
    void readsMessageLimitsAndRefusesUnsafeOnes() {
        GatehouseConfig config = json("""
                {"externalURL": "https://app.example.com", "maxMessageSize": 65536, "maxXmlDepth": 32,
                 "maxAttributes": 50, "maxAttributeValues": 500, "providers": [{"identityProviderMetadata": "<x/>"}]}""");
        assertThat(config.limits()).isEqualTo(new MessageLimits(65536, 32, 50, 500));
        assertThat(json("""
                {"externalURL": "https://app.example.com", "providers": [{"identityProviderMetadata": "<x/>"}]}""")
                .limits()).isEqualTo(MessageLimits.DEFAULTS);
        assertThat(problems("""
                {"externalURL": "https://app.example.com", "maxXmlDepth": 5000, "maxMessageSize": 10,
                 "providers": [{"identityProviderMetadata": "<x/>"}]}""")).extracting(ConfigProblem::key)
                .containsExactlyInAnyOrder("maxXmlDepth", "maxMessageSize");
    }

    @Test
    void readsSessionAndLogoutSettings() {
        GatehouseConfig config = json("""
                {"externalURL": "https://app.example.com", "maxSessionLifetime": "8h", "logoutReturnTo": "/bye",
                 "providers": [{"allowUnsignedLogoutRequests": true, "identityProvider": {"entityId": "urn:idp",
                   "ssoUrl": "https://idp/sso", "sloUrl": "https://idp/slo", "sloBinding": "post",
                   "certificate": "${env:IDP_CERT}"}}]}""");
        assertThat(config.maxSessionLifetime()).isEqualTo(Duration.ofHours(8));
        assertThat(config.logoutReturnTo()).isEqualTo("/bye");
        assertThat(config.providers().get(0).validation().allowUnsignedLogoutRequests()).isTrue();
        IdpSource.Fields idp = (IdpSource.Fields) config.providers().get(0).idp();
        assertThat(idp.sloBinding()).isEqualTo(Binding.HTTP_POST);
        assertThat(json("""
                {"externalURL": "https://app.example.com", "providers": [{"identityProviderMetadata": "<x/>"}]}""")
                .maxSessionLifetime()).isEqualTo(GatehouseConfig.DEFAULT_MAX_SESSION_LIFETIME);
        assertThat(problems("""
                {"externalURL": "https://app.example.com", "logoutReturnTo": "https://evil.example/",
                 "providers": [{"identityProviderMetadata": "<x/>"}]}""")).extracting(ConfigProblem::key)
                .containsExactly("logoutReturnTo");
    }

    @Test
    void aSingleProviderNeedsNoId() {
        GatehouseConfig config = json("""
                {"externalURL": "https://app.example.com", "providers": [
                  {"identityProviderMetadata": "<md:EntityDescriptor/>"}]}""");
        assertThat(config.providers().get(0).id()).isEqualTo("default");
    }

    @Test
    void reportsEveryProblemWithItsKeyAndAFix() {
        List<ConfigProblem> problems = problems("""
                {"externalURL": "https://app.example.com/",
                 "basePath": "saml",
                 "providers": [
                   {"id": "a", "identityProviderMetadataUrl": "https://idp.example/md"},
                   {"id": "b", "identityProviderMetadataURL": "http://idp.example/md", "clockSkew": "soon"},
                   {"id": "b", "identityProvider": {"entityId": "urn:x", "ssoUrl": "/relative", "certificates": ["xyz"]},
                    "identityProviderMetadata": "<x/>"},
                   {"identityProviderMetadata": "<x/>", "insecureSkipAssertionSignatureCheck": true}
                 ]}""");
        assertThat(problems).extracting(ConfigProblem::key).contains("externalURL", "basePath",
                "providers[0].identityProviderMetadataUrl", "providers[0].identityProviderMetadataURL",
                "providers[1].identityProviderMetadataURL", "providers[1].clockSkew", "providers[2].identityProvider",
                "providers[3].id", "providers[3].insecureSkipAssertionSignatureCheck");
        assertThat(problems).filteredOn(p -> p.key().equals("providers[0].identityProviderMetadataUrl"))
                .extracting(ConfigProblem::fix).containsExactly("did you mean identityProviderMetadataURL?");
        assertThat(problems).filteredOn(p -> p.key().equals("providers[1].identityProviderMetadataURL"))
                .extracting(ConfigProblem::problem).first().asString().contains("plain http");
        assertThat(problems).filteredOn(p -> p.key().equals("externalURL")).extracting(ConfigProblem::problem)
                .first().asString().contains("must not end with '/'");
    }

    @Test
    void reportsFieldErrorsInsideIdentityProvider() {
        List<ConfigProblem> problems = problems("""
                {"externalURL": "https://app.example.com", "providers": [
                  {"identityProvider": {"ssoUrl": "/relative", "certificates": ["not base64 !"], "ssoBinding": "soap"}}]}""");
        assertThat(problems).extracting(ConfigProblem::key).containsExactlyInAnyOrder(
                "providers[0].identityProvider.entityId", "providers[0].identityProvider.ssoUrl",
                "providers[0].identityProvider.certificates", "providers[0].identityProvider.ssoBinding");
    }

    @Test
    void namesTheMissingVariable() {
        List<ConfigProblem> problems = problems("""
                {"externalURL": "${env:NOPE}", "providers": [{"identityProviderMetadata": "${sys:missing.prop}"}]}""");
        assertThat(problems).extracting(ConfigProblem::problem).contains("environment variable [NOPE] is not set",
                "system property [missing.prop] is not set (use -Dmissing.prop=...)");
    }

    @Test
    void placeholdersHaveDefaultsAndEscapes() {
        GatehouseConfig config = json("""
                {"externalURL": "${env:UNSET:-https://fallback.example}", "providers": [
                  {"displayName": "$${not a placeholder}", "identityProviderMetadata": "<x/>"}]}""");
        assertThat(config.externalUrl()).isEqualTo(URI.create("https://fallback.example"));
        assertThat(config.providers().get(0).displayName()).isEqualTo("${not a placeholder}");
    }

    @Test
    void refusesDuplicateKeysAndBrokenJsonWithTheLine() {
        assertThatThrownBy(() -> json("{\"externalURL\": \"https://a\", \"externalURL\": \"https://b\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Duplicate field 'externalURL'");
        assertThatThrownBy(() -> json("{\n\"externalURL\": \"https://a\"\n\"providers\": []}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("at line 3");
    }

    @Test
    void allowsPlainHttpMetadataOnlyOnLoopbackOrWhenExplicitlyAllowed() {
        String template = """
                {"externalURL": "https://app.example.com", "providers": [
                  {"identityProviderMetadataURL": "%s" %s}]}""";
        assertThat(json(template.formatted("http://127.0.0.1:8080/md", "")).providers()).hasSize(1);
        assertThat(json(template.formatted("http://idp.internal/md", ", \"allowInsecureMetadataURL\": true"))
                .providers().get(0).idp()).isInstanceOf(IdpSource.MetadataUrl.class);
    }

    @Test
    void severalProvidersNeedUniqueIds() {
        assertThat(problems("""
                {"externalURL": "https://app.example.com", "providers": [
                  {"id": "x", "identityProviderMetadata": "<x/>"}, {"id": "x", "identityProviderMetadata": "<x/>"}]}"""))
                .extracting(ConfigProblem::key).containsExactly("providers[1].id");
    }

    @Test
    void readsWebXmlInitParamsForOneProvider() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("externalURL", "https://app.example.com/legacy");
        params.put("identityProvider.entityId", "http://www.okta.com/exk1");
        params.put("identityProvider.ssoUrl", "https://example.okta.com/app/exk1/sso/saml");
        params.put("identityProvider.certificates", PEM + "\n" + TestCredential.idpRollover().certificatePem());
        params.put("protectedPaths.exclude", "/public/*, /health");
        params.put("allowIdpInitiated", "false");
        params.put("roleMapping.Admins", "admin,auditor");
        params.put("configFile", "");
        GatehouseConfig config = loader.fromParameters(params, "web.xml");
        ProviderConfig p = config.providers().get(0);
        assertThat(p.id()).isEqualTo("default");
        assertThat(((IdpSource.Fields) p.idp()).certificates()).hasSize(2);
        assertThat(config.protectedPaths().exclude()).containsExactly("/public/*", "/health");
        assertThat(p.validation().allowIdpInitiated()).isFalse();
        assertThat(p.roles().groupRoles()).containsEntry("Admins", List.of("admin", "auditor"));
        assertThat(ConfigLoader.describesProvider(params)).isTrue();
    }

    @Test
    void initParamErrorsNameTheInitParam() {
        assertThatThrownBy(() -> loader.fromParameters(Map.of("externalURL", "https://app.example.com",
                "identityProvider.entityId", "urn:x", "identityProvider.ssoUrl", "https://idp/sso",
                "identityProviderCertificate", PEM), "web.xml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("init-param identityProvider.certificates: at least one IdP signing certificate")
                .hasMessageContaining("init-param identityProviderCertificate: is not a Gatehouse configuration key");
    }

    @Test
    void findsTheFileFromSystemPropertyBeforeEnvironment() {
        assertThat(new ConfigLoader(ConfigEnvironment.of(Map.of("GATEHOUSE_CONFIG", "/env.json"),
                Map.of("gatehouse.config", "/prop.json"))).locationFromEnvironment()).contains("/prop.json");
        assertThat(new ConfigLoader(ConfigEnvironment.of(Map.of("GATEHOUSE_CONFIG", "/env.json"), Map.of()))
                .locationFromEnvironment()).contains("/env.json");
        assertThat(new ConfigLoader(ConfigEnvironment.of(Map.of(), Map.of())).locationFromEnvironment()).isEmpty();
    }

    @Test
    void loadsFilesAndClasspathResourcesAndNamesMissingOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gatehouse.json");
        Files.writeString(file, "{\"externalURL\": \"https://a.example\", \"providers\": [{\"identityProviderMetadata\": \"<x/>\"}]}");
        assertThat(loader.fromLocation(file.toString(), getClass().getClassLoader()).providers()).hasSize(1);
        assertThatThrownBy(() -> loader.fromLocation(dir.resolve("nope.json").toString(), getClass().getClassLoader()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> loader.fromLocation("classpath:nope.json", getClass().getClassLoader()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("class path resource [nope.json]");
    }
}
