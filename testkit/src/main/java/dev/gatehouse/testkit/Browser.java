package dev.gatehouse.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jsoup.nodes.Element;

/**
 * A test browser over real HTTP that keeps cookies the way current browsers do: {@code SameSite=Lax} is the
 * default, Lax and Strict cookies are withheld from cross-site POSTs (an IdP posting to an ACS on another site),
 * {@code SameSite=None} needs {@code Secure}, and {@code localhost}/{@code 127.0.0.1} count as secure contexts. It
 * follows redirects and submits {@code form[data-auto-submit]} pages by itself (as their script would), and it
 * sends {@code Sec-Fetch-*} and {@code Origin} headers. Sites are scheme + host, so {@code http://localhost} and
 * {@code http://127.0.0.1} are different sites. Not thread-safe.
 */
public final class Browser {

    /** A stored cookie. */
    public record Cookie(String name, String value, String host, String path, boolean secure, boolean httpOnly,
            String sameSite, Instant expires) {
    }

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Cookie> cookies = new ArrayList<>();
    private final List<Page> history = new ArrayList<>();
    private boolean autoSubmit = true;

    /** Whether auto-submitting forms are submitted (default true). */
    public Browser autoSubmit(boolean enabled) {
        this.autoSubmit = enabled;
        return this;
    }

    /** Navigates to a URL as if typed into the address bar. */
    public Page get(String url) {
        return navigate("GET", URI.create(url), null, null, false);
    }

    /**
     * A script request (fetch/XHR) from a page of {@code url}'s own site: not a navigation, so redirects are not
     * followed and nothing is auto-submitted.
     */
    public Page fetch(String url, Map<String, String> headers) {
        URI uri = URI.create(url);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(Duration.ofSeconds(30));
        headers.forEach(request::header);
        request.header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Site", "same-origin");
        String cookie = cookieHeader(uri, false, false);
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return send(request.build(), uri, "GET");
    }

    /** Submits the first form of a page with extra or changed fields. */
    public Page submit(Page page, Map<String, String> values) {
        return submit(page, "form", values);
    }

    /** Submits the form matching a CSS selector. */
    public Page submit(Page page, String selector, Map<String, String> values) {
        Element form = page.html().selectFirst(selector);
        if (form == null) {
            throw new IllegalStateException("no form [" + selector + "] on " + page + ":\n" + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], textarea[name], select[name]")) {
            String type = input.attr("type").toLowerCase(Locale.ROOT);
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.text() : input.val());
        }
        fields.putAll(values);
        URI action = URI.create(form.absUrl("action").isEmpty() ? page.url().toString() : form.absUrl("action"));
        String method = form.attr("method").isEmpty() ? "GET" : form.attr("method").toUpperCase(Locale.ROOT);
        return navigate(method, action, fields, page.url(), false);
    }

    /**
     * A form POST from a page of another origin, e.g. an IdP's or an attacker's page posting to the ACS.
     *
     * @param fromUrl the URL of the page that posts (decides same-site or cross-site)
     */
    public Page postFrom(String fromUrl, String url, Map<String, String> form) {
        return navigate("POST", URI.create(url), form, URI.create(fromUrl), false);
    }

    /** Every response received, oldest first (redirect hops and auto-submitted pages included). */
    public List<Page> history() {
        return List.copyOf(history);
    }

    /** The cookies currently stored. */
    public List<Cookie> cookies() {
        Instant now = Instant.now();
        cookies.removeIf(c -> c.expires() != null && !c.expires().isAfter(now));
        return List.copyOf(cookies);
    }

    /** The stored cookie with this name, if any. */
    public Optional<Cookie> cookie(String name) {
        return cookies().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Forgets every cookie. */
    public void clearCookies() {
        cookies.clear();
    }

    private Page navigate(String method, URI url, Map<String, String> form, URI initiator, boolean chainCross) {
        String initiatorSite = initiator == null ? null : site(initiator);
        URI current = url;
        String currentMethod = method;
        Map<String, String> body = form;
        boolean crossChain = chainCross;
        for (int hop = 0; hop < 20; hop++) {
            boolean crossSite = initiatorSite != null && !initiatorSite.equals(site(current));
            crossChain |= crossSite;
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(Duration.ofSeconds(30))
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .header("Sec-Fetch-Mode", "navigate")
                    .header("Sec-Fetch-Site", initiatorSite == null ? "none" : crossChain ? "cross-site"
                            : "same-origin");
            String cookie = cookieHeader(current, crossChain, !"GET".equals(currentMethod));
            if (!cookie.isEmpty()) {
                request.header("Cookie", cookie);
            }
            if ("POST".equals(currentMethod)) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
                request.header("Origin", origin(initiator == null ? current : initiator));
                request.POST(HttpRequest.BodyPublishers.ofString(encode(body)));
            } else {
                if (body != null && !body.isEmpty()) {
                    current = URI.create(current + (current.getRawQuery() == null ? "?" : "&") + encode(body));
                }
                request.GET();
            }
            Page page = send(request.build(), current, currentMethod);
            int status = page.status();
            String location = page.header("location");
            if (status >= 300 && status < 400 && location != null) {
                current = current.resolve(location);
                if (status != 307 && status != 308) {
                    currentMethod = "GET";
                    body = null;
                }
                continue;
            }
            if (autoSubmit && page.isAutoSubmit()) {
                return submit(page, "form[data-auto-submit]", Map.of());
            }
            return page;
        }
        throw new IllegalStateException("more than 20 redirects from " + url);
    }

    private Page send(HttpRequest request, URI url, String method) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        for (String setCookie : headers.getOrDefault("set-cookie", List.of())) {
            store(url, setCookie);
        }
        Page page = new Page(response.statusCode(), url, method, headers, response.body());
        history.add(page);
        return page;
    }

    private String cookieHeader(URI url, boolean crossSite, boolean unsafeMethod) {
        Instant now = Instant.now();
        StringBuilder header = new StringBuilder();
        for (Cookie c : cookies) {
            if (c.expires() != null && !c.expires().isAfter(now)) {
                continue;
            }
            if (!c.host().equalsIgnoreCase(url.getHost()) || !pathMatches(c.path(), url.getRawPath())) {
                continue;
            }
            if (c.secure() && !isSecureContext(url)) {
                continue;
            }
            String sameSite = c.sameSite() == null ? "lax" : c.sameSite().toLowerCase(Locale.ROOT);
            if (crossSite && (sameSite.equals("strict") || (sameSite.equals("lax") && unsafeMethod))) {
                continue;
            }
            if (header.length() > 0) {
                header.append("; ");
            }
            header.append(c.name()).append('=').append(c.value());
        }
        return header.toString();
    }

    private void store(URI url, String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).trim();
        String value = parts[0].substring(eq + 1).trim();
        String path = null;
        boolean secure = false;
        boolean httpOnly = false;
        String sameSite = null;
        Instant expires = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            String key = part.contains("=") ? part.substring(0, part.indexOf('=')).trim() : part;
            String val = part.contains("=") ? part.substring(part.indexOf('=') + 1).trim() : "";
            switch (key.toLowerCase(Locale.ROOT)) {
                case "path" -> path = val;
                case "secure" -> secure = true;
                case "httponly" -> httpOnly = true;
                case "samesite" -> sameSite = val;
                case "max-age" -> expires = Instant.now().plusSeconds(Long.parseLong(val));
                case "expires" -> {
                    if (expires == null) {
                        try {
                            expires = java.time.ZonedDateTime.parse(val,
                                    java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                        } catch (java.time.format.DateTimeParseException ignored) {
                            // browsers ignore unparseable Expires
                        }
                    }
                }
                default -> { }
            }
        }
        if (secure && !isSecureContext(url)) {
            return;
        }
        if ("none".equalsIgnoreCase(sameSite) && !secure) {
            return;
        }
        if (path == null || !path.startsWith("/")) {
            String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
            path = p.lastIndexOf('/') <= 0 ? "/" : p.substring(0, p.lastIndexOf('/'));
        }
        String host = url.getHost();
        String cookiePath = path;
        cookies.removeIf(c -> c.name().equals(name) && c.host().equalsIgnoreCase(host) && c.path().equals(cookiePath));
        if (expires == null || expires.isAfter(Instant.now())) {
            cookies.add(new Cookie(name, value, host, cookiePath, secure, httpOnly, sameSite, expires));
        }
    }

    private static boolean pathMatches(String cookiePath, String requestPath) {
        String p = requestPath == null || requestPath.isEmpty() ? "/" : requestPath;
        return p.equals(cookiePath) || (p.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || p.charAt(cookiePath.length()) == '/'));
    }

    private static boolean isSecureContext(URI url) {
        return "https".equalsIgnoreCase(url.getScheme()) || "localhost".equalsIgnoreCase(url.getHost())
                || "127.0.0.1".equals(url.getHost());
    }

    private static String origin(URI url) {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT)
                + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static String site(URI url) {
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT);
    }

    private static String encode(Map<String, String> form) {
        if (form == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        form.forEach((k, v) -> {
            if (v == null) {
                return;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }
}
