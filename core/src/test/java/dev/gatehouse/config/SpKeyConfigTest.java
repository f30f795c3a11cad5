package dev.gatehouse.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.ConfigException.ConfigProblem;
import dev.gatehouse.crypto.SpKey;
import dev.gatehouse.crypto.SpKeyGenerator;
import dev.gatehouse.crypto.SpKeyRing;
import dev.gatehouse.testkit.TestCredential;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SP keys in the configuration (issue 5): every supported form loads, every mistake names the key and what to fix,
 * and the key options are checked against the keys present.
 */
class SpKeyConfigTest {

    @TempDir
    Path dir;

    private ConfigLoader loader;

    @BeforeEach
    void copyTestKeys() throws Exception {
        for (String file : List.of("sp-current.p12", "sp-current.jks", "sp-current.key", "sp-current.crt",
                "sp-current-encrypted.key", "sp-current-pkcs1.key", "sp-next.key", "sp-next.crt", "idp-weak.key",
                "idp-weak.crt", "idp-ec.key", "idp-ec.crt")) {
            try (InputStream in = TestCredential.class.getResourceAsStream("keys/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        loader = new ConfigLoader(ConfigEnvironment.of(Map.of("KEYSTORE_PASSWORD", "changeit", "PEM_PASSWORD",
                "secret"), Map.of()));
    }

    private String path(String file) {
        return dir.resolve(file).toString();
    }

    private GatehouseConfig json(String keys, String options) {
        return loader.fromJson("""
                {"externalURL": "https://app.example.com", "providers": [
                  {"identityProviderMetadata": "<x/>", "keys": [%s] %s}]}""".formatted(keys, options), "[test]");
    }

    private ProviderConfig provider(String keys) {
        return json(keys, "").providers().get(0);
    }

    private List<ConfigProblem> problems(String keys, String options) {
        try {
            json(keys, options);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected a configuration error");
    }

    @Test
    void loadsAPkcs12KeystoreWithThePasswordFromTheEnvironment() {
        SpKeyRing ring = provider("""
                {"name": "current", "keystore": "%s", "password": "${env:KEYSTORE_PASSWORD}", "alias": "sp-current"}
                """.formatted(path("sp-current.p12"))).keys();
        assertThat(ring.keys()).hasSize(1);
        SpKey key = ring.keys().get(0);
        assertThat(key.name()).isEqualTo("current");
        assertThat(key.signing()).isTrue();
        assertThat(key.encryption()).isTrue();
        assertThat(key.active()).as("the only signing key is the active one").isTrue();
        assertThat(key.certificate()).isEqualTo(TestCredential.spCurrent().certificate());
        assertThat(key.toString()).doesNotContain("PRIVATE").doesNotContain(String.valueOf(
                key.privateKey().getEncoded()[10]) + ",");
    }

    @Test
    void loadsJksAndEveryPemForm() {
        List<String> entries = List.of(
                "{\"keystore\": \"%s\", \"password\": \"changeit\"}".formatted(path("sp-current.jks")),
                "{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}".formatted(path("sp-current.key"),
                        path("sp-current.crt")),
                "{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\", \"password\": \"${env:PEM_PASSWORD}\"}"
                        .formatted(path("sp-current-encrypted.key"), path("sp-current.crt")),
                "{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}".formatted(path("sp-current-pkcs1.key"),
                        path("sp-current.crt")));
        for (String entry : entries) {
            SpKey key = provider(entry).keys().keys().get(0);
            assertThat(key.privateKey().getAlgorithm()).as(entry).isEqualTo("RSA");
            assertThat(key.certificate()).as(entry).isEqualTo(TestCredential.spCurrent().certificate());
        }
    }

    @Test
    void aWrongPasswordSaysSo() {
        List<ConfigProblem> problems = problems("{\"keystore\": \"%s\", \"password\": \"wrong\"}".formatted(
                path("sp-current.p12")), "");
        assertThat(problems).extracting(ConfigProblem::key).containsExactly("providers[0].keys[0]");
        assertThat(problems.get(0).problem()).containsIgnoringCase("password");
        assertThat(problems("{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\", \"password\": \"wrong\"}"
                .formatted(path("sp-current-encrypted.key"), path("sp-current.crt")), "").get(0).problem())
                .containsIgnoringCase("password");
        assertThat(problems("{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}"
                .formatted(path("sp-current-encrypted.key"), path("sp-current.crt")), "").get(0).problem())
                .as("an encrypted PEM without a password").containsIgnoringCase("password");
    }

    @Test
    void anUnknownAliasListsTheAliasesThatExist() {
        List<ConfigProblem> problems = problems("{\"keystore\": \"%s\", \"password\": \"changeit\", \"alias\": \"x\"}"
                .formatted(path("sp-current.p12")), "");
        assertThat(problems.get(0).problem()).contains("[x]").contains("sp-current");
    }

    @Test
    void aCertificateEntryWithoutAPrivateKeyIsNamed() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("idp", TestCredential.idpSigning().certificate());
        Path file = dir.resolve("certificates-only.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "changeit".toCharArray());
        }
        assertThat(problems("{\"keystore\": \"%s\", \"password\": \"changeit\", \"alias\": \"idp\"}".formatted(
                path("certificates-only.p12")), "").get(0).problem()).containsIgnoringCase("without a private key");
    }

    @Test
    void aKeyThatDoesNotBelongToItsCertificateIsRefused() {
        assertThat(problems("{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}".formatted(
                path("sp-current.key"), path("sp-next.crt")), "").get(0).problem()).contains("does not belong to its certificate");
    }

    @Test
    void aShortRsaKeyIsRefused() {
        assertThat(problems("{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}".formatted(
                path("idp-weak.key"), path("idp-weak.crt")), "").get(0).problem()).contains("2048");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThat(problems("{\"keystore\": \"%s\", \"password\": \"x\"}".formatted(path("nope.p12")), "").get(0)
                .problem()).contains("nope.p12");
    }

    @Test
    void duringARolloverExactlyOneSigningKeyIsActive() {
        String current = "{\"name\": \"current\", \"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"%s}";
        String next = "{\"name\": \"next\", \"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"%s}";
        String both = current.formatted(path("sp-current.key"), path("sp-current.crt"), ", \"active\": true") + ","
                + next.formatted(path("sp-next.key"), path("sp-next.crt"), "");
        SpKeyRing ring = provider(both).keys();
        assertThat(ring.activeSigningKey()).get().extracting(SpKey::name).isEqualTo("current");
        assertThat(ring.encryptionKeys()).extracting(SpKey::name).containsExactly("current", "next");
        assertThat(problems(current.formatted(path("sp-current.key"), path("sp-current.crt"), "") + ","
                + next.formatted(path("sp-next.key"), path("sp-next.crt"), ""), "").get(0).fix())
                .contains("active");
        assertThat(problems(current.formatted(path("sp-current.key"), path("sp-current.crt"), ", \"active\": true")
                + "," + next.formatted(path("sp-next.key"), path("sp-next.crt"), ", \"active\": true"), "").get(0)
                .problem()).contains("2 keys active");
        SpKeyRing encryptionOnlyNext = provider(current.formatted(path("sp-current.key"), path("sp-current.crt"), "")
                + "," + next.formatted(path("sp-next.key"), path("sp-next.crt"), ", \"use\": \"encryption\""))
                .keys();
        assertThat(encryptionOnlyNext.activeSigningKey()).get().extracting(SpKey::name).isEqualTo("current");
        assertThat(encryptionOnlyNext.signingKeys()).extracting(SpKey::name).containsExactly("current");
    }

    @Test
    void topLevelKeysServeEveryProviderUnlessOneHasItsOwn() {
        GatehouseConfig config = loader.fromJson("""
                {"externalURL": "https://app.example.com",
                 "keys": [{"privateKeyFile": "%s", "certificateFile": "%s"}],
                 "providers": [{"id": "a", "identityProviderMetadata": "<x/>"},
                               {"id": "b", "identityProviderMetadata": "<x/>",
                                "keys": [{"privateKeyFile": "%s", "certificateFile": "%s"}]}]}"""
                .formatted(path("sp-current.key"), path("sp-current.crt"), path("sp-next.key"), path("sp-next.crt")),
                "[test]");
        assertThat(config.providers().get(0).keys().keys().get(0).certificate())
                .isEqualTo(TestCredential.spCurrent().certificate());
        assertThat(config.providers().get(1).keys().keys().get(0).certificate())
                .isEqualTo(TestCredential.spNext().certificate());
    }

    @Test
    void keyOptionsAreReadAndCheckedAgainstTheKeys() {
        String key = "{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\", \"use\": \"signing\"}".formatted(
                path("sp-current.key"), path("sp-current.crt"));
        KeyOptions options = json(key, ", \"signAuthnRequests\": true, \"signMetadata\": true, "
                + "\"minRsaKeySize\": 3072").providers().get(0).keyOptions();
        assertThat(options.signAuthnRequests()).isTrue();
        assertThat(options.signMetadata()).isTrue();
        assertThat(options.minRsaKeySize()).isEqualTo(3072);
        assertThat(problems("", ", \"signAuthnRequests\": true, \"signMetadata\": true"))
                .extracting(ConfigProblem::key).containsExactly("providers[0].signAuthnRequests",
                        "providers[0].signMetadata");
        assertThat(problems(key, ", \"wantAssertionsEncrypted\": true")).extracting(ConfigProblem::key)
                .containsExactly("providers[0].wantAssertionsEncrypted");
        assertThat(problems(key, ", \"minRsaKeySize\": 512")).extracting(ConfigProblem::key)
                .containsExactly("providers[0].minRsaKeySize");
    }

    @Test
    void sourcegraphInlineKeyAndSignRequestsWork() throws Exception {
        String certificate = Files.readString(dir.resolve("sp-current.crt")).replace("\n", "\\n");
        String privateKey = Files.readString(dir.resolve("sp-current.key")).replace("\n", "\\n");
        ProviderConfig p = loader.fromJson("""
                {"externalURL": "https://app.example.com", "providers": [{"identityProviderMetadata": "<x/>",
                  "serviceProviderCertificate": "%s", "serviceProviderPrivateKey": "%s", "signRequests": true}]}"""
                .formatted(certificate, privateKey), "[test]").providers().get(0);
        assertThat(p.keys().activeSigningKey()).isPresent();
        assertThat(p.keyOptions().signAuthnRequests()).isTrue();
    }

    @Test
    void webXmlInitParamsDescribeKeysByIndex() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("externalURL", "https://app.example.com");
        params.put("identityProviderMetadata", "<x/>");
        params.put("keys.0.keystore", path("sp-current.p12"));
        params.put("keys.0.password", "${env:KEYSTORE_PASSWORD}");
        params.put("keys.0.active", "true");
        params.put("keys.1.privateKeyFile", path("sp-next.key"));
        params.put("keys.1.certificateFile", path("sp-next.crt"));
        params.put("wantAssertionsEncrypted", "true");
        ProviderConfig p = loader.fromParameters(params, "web.xml").providers().get(0);
        assertThat(p.keys().keys()).hasSize(2);
        assertThat(p.keys().activeSigningKey()).get().extracting(SpKey::certificate)
                .isEqualTo(TestCredential.spCurrent().certificate());
        assertThat(p.keyOptions().wantAssertionsEncrypted()).isTrue();
    }

    @Test
    void expiredAndExpiringSpCertificatesAreWarnedWithTheirDate() throws Exception {
        Instant now = Instant.parse("2026-11-25T00:00:00Z");
        SpKeyGenerator generator = new SpKeyGenerator();
        SpKeyGenerator.Generated expired = generator.generate(new SpKeyGenerator.Request("old",
                SpKeyGenerator.KeyType.RSA, 2048, Duration.ofDays(10)), now.minus(Duration.ofDays(20)), null);
        SpKeyGenerator.Generated expiring = generator.generate(new SpKeyGenerator.Request("soon",
                SpKeyGenerator.KeyType.RSA, 2048, Duration.ofDays(10)), now, null);
        Files.writeString(dir.resolve("old.key"), expired.privateKeyPem());
        Files.writeString(dir.resolve("old.crt"), expired.certificatePem());
        Files.writeString(dir.resolve("soon.key"), expiring.privateKeyPem());
        Files.writeString(dir.resolve("soon.crt"), expiring.certificatePem());
        GatehouseConfig config = json("""
                {"name": "old", "privateKeyFile": "%s", "certificateFile": "%s", "use": "encryption"},
                {"name": "soon", "privateKeyFile": "%s", "certificateFile": "%s", "use": "signing"}""".formatted(path("old.key"),
                path("old.crt"), path("soon.key"), path("soon.crt")), ", \"allowRsa15KeyTransport\": true");
        List<String> warnings = ConfigWarnings.of(config, now);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("[old]").contains("expired on [")
                .contains(expired.certificate().getNotAfter().toInstant().toString()));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("[soon]").contains("expires on ["));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("allowRsa15KeyTransport=true"));
        assertThat(ConfigWarnings.of(config, now.minus(Duration.ofDays(60)))).noneMatch(w -> w.contains("SP key"));
    }

    @Test
    void pemTextInAPathFieldIsNamedButNeverEchoed() throws Exception {
        String pem = Files.readString(dir.resolve("sp-current.key")).replace("\n", "\\n");
        List<ConfigProblem> problems = problems("{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}".formatted(
                pem, path("sp-current.crt")), "");
        assertThat(problems).extracting(ConfigProblem::key).containsExactly("providers[0].keys[0].privateKeyFile");
        assertThat(problems.get(0).fix()).contains("privateKey");
        assertThat(problems.toString()).doesNotContain("MII").doesNotContain("BEGIN");
    }

    @Test
    void anEcKeySignsOnlyAndCannotBeAnEncryptionKey() {
        SpKey ec = provider("{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}".formatted(
                path("idp-ec.key"), path("idp-ec.crt"))).keys().keys().get(0);
        assertThat(ec.signing()).isTrue();
        assertThat(ec.encryption()).as("EC keys default to signing only").isFalse();
        assertThat(problems("{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\", \"use\": \"both\"}"
                .formatted(path("idp-ec.key"), path("idp-ec.crt")), "").get(0).problem()).contains("signing only");
    }

    @Test
    void rsa15KeyTransportNeedsAnEncryptionOnlyKey() {
        String both = "{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\"}".formatted(path("sp-current.key"),
                path("sp-current.crt"));
        assertThat(problems(both, ", \"allowRsa15KeyTransport\": true")).extracting(ConfigProblem::key)
                .containsExactly("providers[0].allowRsa15KeyTransport");
        String split = "{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\", \"use\": \"signing\"},"
                .formatted(path("sp-current.key"), path("sp-current.crt"))
                + "{\"privateKeyFile\": \"%s\", \"certificateFile\": \"%s\", \"use\": \"encryption\"}".formatted(
                        path("sp-next.key"), path("sp-next.crt"));
        assertThat(json(split, ", \"allowRsa15KeyTransport\": true").providers().get(0).keyOptions()
                .allowRsa15KeyTransport()).isTrue();
    }
}
