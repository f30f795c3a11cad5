package dev.gatehouse.testkit;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * One HTTP response as the test browser received it.
 *
 * @param status the HTTP status
 * @param url the URL that produced it
 * @param method the request method
 * @param headers the response headers (lower-case names)
 * @param body the body as text
 */
public record Page(int status, URI url, String method, Map<String, List<String>> headers, String body) {

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body parsed as HTML. */
    public Document html() {
        return Jsoup.parse(body, url.toString());
    }

    /** The Gatehouse error code of an error page, or null when the page is not one. */
    public String errorCode() {
        String header = header("X-Gatehouse-Error");
        if (header != null) {
            return header;
        }
        Element code = html().getElementById("error-code");
        return code == null ? null : code.text();
    }

    /** Whether the page carries a form the browser submits by itself. */
    public boolean isAutoSubmit() {
        return html().selectFirst("form[data-auto-submit]") != null;
    }

    @Override
    public String toString() {
        return method + " " + url + " -> " + status;
    }
}
