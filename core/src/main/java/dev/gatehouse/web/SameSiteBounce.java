package dev.gatehouse.web;

import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.internal.RandomIds;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Re-posts a message the IdP posted cross-site to this same endpoint, from a page of this site, so that the
 * browser attaches the SameSite=Lax login-state cookie it withheld from the IdP's POST, and so that a session is
 * created, and the redirect into the application made, in a same-site context: a container whose session cookie
 * is {@code SameSite=Strict} then sees that cookie on the very next request instead of looping back to the IdP.
 */
final class SameSiteBounce {

    /** The form field marking the same-site re-post. */
    static final String PARAMETER = "gatehouse_bounce";

    private final RandomIds ids;

    SameSiteBounce(RandomIds ids) {
        this.ids = ids;
    }

    /** Whether a POST should be bounced: it lacks the cookie or is cross-site, and was not bounced already. */
    static boolean needed(HttpServletRequest request, String loginStateToken, String bounceMarker) {
        boolean crossSite = "cross-site".equals(request.getHeader("Sec-Fetch-Site"));
        return (loginStateToken == null || crossSite) && bounceMarker == null;
    }

    /** Answers with the self-submitting page that posts {@code fields} (plus the marker) to {@code target}. */
    Outcome send(HttpServletResponse response, URI target, Map<String, String> fields) throws IOException {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put(PARAMETER, "1");
        String nonce = ids.token();
        PageWriter.html(response, HttpServletResponse.SC_OK, PostBinding.autoSubmitPage(target, form, nonce), nonce);
        return new Outcome.ResponseSent(Outcome.Reason.ENDPOINT);
    }
}
