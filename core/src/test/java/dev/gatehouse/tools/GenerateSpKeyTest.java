package dev.gatehouse.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.config.ConfigEnvironment;
import dev.gatehouse.config.ConfigLoader;
import dev.gatehouse.config.ProviderConfig;
import dev.gatehouse.crypto.SpKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key-generation command: its files load as SP keys exactly as the printed configuration says. */
class GenerateSpKeyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> environment, String... args) {
        return new GenerateSpKey(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment, Clock.fixed(NOW, ZoneOffset.UTC))
                .run(args);
    }

    /** The "keys" snippet the command printed, inside a configuration, loaded with {@code environment}. */
    private ProviderConfig loadPrintedSnippet(Map<String, String> environment) {
        String printed = out.toString(StandardCharsets.UTF_8);
        String keys = printed.substring(printed.indexOf("\"keys\""), printed.indexOf("]", printed.indexOf("\"keys\""))
                + 1);
        String json = "{\"externalURL\": \"https://app.example.com\", " + keys
                + ", \"providers\": [{\"identityProviderMetadata\": \"<x/>\"}]}";
        return new ConfigLoader(ConfigEnvironment.of(environment, Map.of())).fromJson(json, "[printed]").providers()
                .get(0);
    }

    @Test
    void writesAKeyPairThatLoadsWithThePrintedConfiguration() throws Exception {
        assertThat(run(Map.of(), "--out", dir.toString(), "--cn", "app.example.com")).isZero();
        Path key = dir.resolve("sp-2026.key");
        Path certificate = dir.resolve("sp-2026.crt");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(certificate)).startsWith("-----BEGIN CERTIFICATE-----");
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        SpKey loaded = loadPrintedSnippet(Map.of()).keys().keys().get(0);
        assertThat(loaded.name()).isEqualTo("sp-2026");
        assertThat(loaded.signing()).isTrue();
        assertThat(loaded.encryption()).isTrue();
        assertThat(((RSAPublicKey) loaded.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(loaded.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=app.example.com");
        assertThat(loaded.certificate().getNotAfter().toInstant()).isAfter(NOW.plusSeconds(3L * 364 * 86400));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("PRIVATE KEY");
    }

    @Test
    void encryptsThePrivateKeyWithAPasswordFromTheEnvironment() throws Exception {
        Map<String, String> environment = Map.of("SP_KEY_PASSWORD", "correct horse");
        assertThat(run(environment, "--out", dir.toString(), "--name", "next", "--bits", "2048", "--password-env",
                "SP_KEY_PASSWORD")).isZero();
        assertThat(Files.readString(dir.resolve("next.key"))).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("${env:SP_KEY_PASSWORD}")
                .doesNotContain("correct horse");
        assertThat(loadPrintedSnippet(environment).keys().keys()).hasSize(1);
    }

    @Test
    void makesAnEcSigningKey() {
        assertThat(run(Map.of(), "--out", dir.toString(), "--type", "ec", "--use", "signing")).isZero();
        SpKey loaded = loadPrintedSnippet(Map.of()).keys().keys().get(0);
        assertThat(loaded.privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(loaded.encryption()).isFalse();
    }

    @Test
    void neverOverwritesAndExplainsUsageErrors() throws Exception {
        Files.writeString(dir.resolve("sp-2026.key"), "keep me");
        assertThat(run(Map.of(), "--out", dir.toString())).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("sp-2026.key"))).isEqualTo("keep me");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Not overwriting");
        assertThat(run(Map.of(), "--bits", "1024")).isEqualTo(2);
        assertThat(run(Map.of(), "--frobnicate", "x")).isEqualTo(2);
        assertThat(run(Map.of(), "--type", "ec")).as("EC cannot be an encryption key").isEqualTo(2);
        assertThat(run(Map.of(), "--password-env", "UNSET_VARIABLE")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage:").contains("UNSET_VARIABLE");
        assertThat(run(Map.of(), "--help")).isZero();
    }
}
