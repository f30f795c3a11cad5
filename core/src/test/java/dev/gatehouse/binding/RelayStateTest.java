package dev.gatehouse.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RelayStateTest {

    private static final URI APP = URI.create("https://app.example.com/ctx");
    private static final URI ROOT = URI.create("https://app.example.com");

    @ParameterizedTest
    @CsvSource({
        "/ctx/whoami, /ctx/whoami",
        "/ctx, /ctx",
        "/ctx?x=1, /ctx?x=1",
        "/whoami?a=1&b=2, /ctx/whoami?a=1&b=2",
        "whoami-not-absolute, ",
        "https://app.example.com/ctx/page?q=1, /ctx/page?q=1",
        "https://app.example.com/ctx, /ctx/",
        "/ctx/a%20b, /ctx/a%20b",
        "/ctx-other, /ctx/ctx-other"
    })
    void keepsLocalTargetsOnly(String candidate, String expected) {
        assertThat(RelayState.localPath(candidate, APP).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
        "/ctx/../../evil", "/ctx/%2e%2e/admin", "/ctx/./x", "javascript:alert(1)", "/ctx/\r\nSet-Cookie:x",
        "/ctx/%0d%0aLocation:x", "https://app.example.com.evil.example/ctx", "https://app.example.com/ctxevil",
        "/%2f%2fevil.example", " ", "/ctx/..;/manager/html", "/ctx/.;x/a", "/ctx/%2e%2e;jsessionid=1/x"})
    void refusesAnythingThatCouldLeaveTheApplication(String candidate) {
        assertThat(RelayState.localPath(candidate, APP)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"/, /", "/whoami, /whoami", "https://app.example.com/x, /x"})
    void worksForTheRootContext(String candidate, String expected) {
        assertThat(RelayState.localPath(candidate, ROOT)).contains(expected);
    }
}
