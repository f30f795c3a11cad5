package dev.gatehouse.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The README's error table is generated from {@link ErrorCode}. When this test fails, regenerate the table with
 * {@code mvn -pl core test -Dtest=ErrorCodeDocumentationTest -Dgatehouse.updateReadme=true} and commit the README.
 */
class ErrorCodeDocumentationTest {

    private static final String START = "<!-- error-codes:start (generated from ErrorCode.java) -->";
    private static final String END = "<!-- error-codes:end -->";
    private static final Path README = Path.of("../README.md");

    static String table() {
        StringBuilder t = new StringBuilder("| code | HTTP | what it means and what to check | spec |\n|---|---|---|---|\n");
        for (ErrorCode code : ErrorCode.values()) {
            t.append("| `").append(code.code()).append("` | ").append(code.httpStatus()).append(" | ")
                    .append(code.description().replace("|", "\\|")).append(" | ").append(code.specReference())
                    .append(" |\n");
        }
        return t.toString();
    }

    @Test
    void codesAreUniqueSnakeCase() {
        Set<String> seen = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.code()).matches("[a-z][a-z0-9_]+");
            assertThat(seen.add(code.code())).as(code.code()).isTrue();
            assertThat(code.httpStatus()).isBetween(400, 599);
            assertThat(code.userMessage()).isNotBlank();
        }
    }

    @Test
    void readmeListsEveryErrorCode() throws Exception {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README marker " + START).isGreaterThanOrEqualTo(0);
        assertThat(end).isGreaterThan(start);
        String expected = "\n" + table();
        String actual = readme.substring(start + START.length(), end);
        if (!actual.equals(expected) && Boolean.getBoolean("gatehouse.updateReadme")) {
            Files.writeString(README, readme.substring(0, start + START.length()) + expected + readme.substring(end),
                    StandardCharsets.UTF_8);
            return;
        }
        assertThat(actual).as("README error table; regenerate with -Dgatehouse.updateReadme=true").isEqualTo(expected);
    }
}
