package dev.gatehouse.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.binding.Binding;
import dev.gatehouse.config.IdpSource;
import dev.gatehouse.testkit.Browser;
import dev.gatehouse.testkit.Page;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An IdP that only offers the HTTP-POST binding for its SSO endpoint gets the AuthnRequest by POST. */
class PostBindingLoginTest {

    @Test
    void sendsTheAuthnRequestWithAnAutoSubmittedForm() {
        try (FilterHarness harness = new FilterHarness(p -> {
            IdpSource.Fields redirect = (IdpSource.Fields) p.build().idp();
            return p.idp(new IdpSource.Fields(redirect.entityId(), redirect.ssoUrl(), Binding.HTTP_POST, null,
                    redirect.certificates()));
        })) {
            Browser browser = new Browser();
            Page idpPage = browser.get(harness.url("/whoami"));
            Page posted = browser.history().get(0);
            assertThat(posted.isAutoSubmit()).isTrue();
            assertThat(posted.header("content-security-policy")).contains("script-src 'nonce-");
            assertThat(posted.html().selectFirst("form").attr("action")).isEqualTo(harness.idp.idp().ssoUrl().toString());
            assertThat(idpPage.method()).isEqualTo("POST");
            assertThat(idpPage.url().toString()).isEqualTo(harness.idp.idp().ssoUrl().toString());
            Page page = browser.submit(idpPage, Map.of("user", "bob"));
            assertThat(page.body()).contains("user=bob@example.com", "query=null");
            assertThat(harness.idp.servlet().lastRequest().getAssertionConsumerServiceURL()).isEqualTo(harness.acs("dev"));
        }
    }
}
