package dev.gatehouse.bench;

import dev.gatehouse.testkit.Encryption;
import dev.gatehouse.testkit.ResponseBuilder;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The responses every benchmarked path validates: real signed (and encrypted) SAML Responses from the testkit IdP,
 * addressed to one SP, each with its own IDs (so a replay cache sees fresh assertions), valid for a day (the
 * comparators read the wall clock). Encoded as the HTTP-POST binding carries them (base64), so every path starts from
 * the same bytes, including the decode.
 */
public final class Samples {

    /** The SP's entity ID. */
    public static final String SP_ENTITY_ID = "https://app.example.com/app/saml/metadata/idp";
    /** The SP's ACS URL (Destination and Recipient). */
    public static final String ACS = "https://app.example.com/app/saml/acs/idp";
    /** The IdP's entity ID. */
    public static final String IDP_ENTITY_ID = "https://idp.example.com/saml";

    /** The kinds of response measured. */
    public enum Variant {
        /** Assertion signed, 8 attributes (an Okta-style response of about 6 KB). */
        ASSERTION_SIGNED,
        /** Response and assertion both signed. */
        BOTH_SIGNED,
        /** Assertion signed, a group attribute with 200 values. */
        MANY_VALUES,
        /** Assertion signed, then encrypted (AES-256-GCM, RSA-OAEP) to the SP's key. */
        ENCRYPTED
    }

    private static final TestIdp IDP = new TestIdp(IDP_ENTITY_ID, URI.create(BenchWebapp.IDP_SSO_URL),
            TestCredential.idpSigning());

    private Samples() {
    }

    /** The IdP (its certificate is what every path trusts). */
    public static TestIdp idp() {
        return IDP;
    }

    /** The instant responses are issued at; validators that take a clock use it. */
    public static Instant issuedAt() {
        return Holder.ISSUED_AT;
    }

    /** {@code count} responses of a variant, base64, each with fresh IDs. */
    public static List<String> responses(Variant variant, int count) {
        return responses(variant, count, ACS, SP_ENTITY_ID);
    }

    /** {@code count} responses of a variant addressed to another SP (the HTTP benchmark's server). */
    public static List<String> responses(Variant variant, int count, String acs, String spEntityId) {
        List<String> all = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            all.add(builder(variant, acs, spEntityId).base64());
        }
        return all;
    }

    /** The XML of one response (to look at, and for the size in BENCHMARKS.md). */
    public static String xml(Variant variant) {
        return builder(variant).xml();
    }

    /** A copy of a response with one character of the NameID changed after signing (must be refused). */
    public static String tampered(Variant variant) {
        ResponseBuilder builder = builder(variant);
        if (variant == Variant.ENCRYPTED) {
            builder.beforeEncryption(assertion -> assertion.getElementsByTagNameNS(
                    "urn:oasis:names:tc:SAML:2.0:assertion", "NameID").item(0).setTextContent("mallory@example.com"));
        } else {
            builder.afterSigning(d -> d.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "NameID")
                    .item(0).setTextContent("mallory@example.com"));
        }
        return builder.base64();
    }

    /**
     * A both-signed response whose Response element's IssueInstant was moved one second after signing. The assertion
     * and its signature are untouched, so only a path that verifies the Response's signature too refuses it.
     */
    public static String tamperedOutsideAssertion() {
        return builder(Variant.BOTH_SIGNED).afterSigning(d -> {
            Element response = d.getDocumentElement();
            response.setAttribute("IssueInstant",
                    Instant.parse(response.getAttribute("IssueInstant")).plusSeconds(1).toString());
        }).base64();
    }

    /**
     * The tampered copies every SAML path of a variant must refuse: {@link #tampered}, and for {@link
     * Variant#BOTH_SIGNED} also {@link #tamperedOutsideAssertion}.
     */
    public static List<String> tamperedCopies(Variant variant) {
        return variant == Variant.BOTH_SIGNED ? List.of(tampered(variant), tamperedOutsideAssertion())
                : List.of(tampered(variant));
    }

    /** Responses that are validly signed but break one rule each comparator claims to check. */
    public enum Broken {
        /** The AudienceRestriction names another SP. */
        WRONG_AUDIENCE,
        /** The Issuer (of Response and Assertion) is another IdP's entity ID, signed with the trusted key. */
        WRONG_ISSUER,
        /** Issued three days ago and valid for an hour: expired for every clock. */
        EXPIRED
    }

    /** A response of a variant, validly signed (and encrypted), that breaks one rule. */
    public static String broken(Variant variant, Broken rule) {
        ResponseBuilder builder = builder(variant);
        switch (rule) {
            case WRONG_AUDIENCE -> builder.audience("https://other-app.example.com/saml/metadata");
            case WRONG_ISSUER -> builder.issuer("https://idp.attacker.example/saml");
            case EXPIRED -> {
                Instant then = issuedAt().minus(Duration.ofDays(3));
                builder.at(then).notOnOrAfter(then.plus(Duration.ofHours(1)))
                        .confirmationNotOnOrAfter(then.plus(Duration.ofMinutes(5)))
                        .sessionNotOnOrAfter(then.plus(Duration.ofHours(8)));
            }
        }
        return builder.base64();
    }

    /** The decoded bytes of a base64 response. */
    public static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.getBytes(StandardCharsets.US_ASCII));
    }

    private static ResponseBuilder builder(Variant variant) {
        return builder(variant, ACS, SP_ENTITY_ID);
    }

    private static ResponseBuilder builder(Variant variant, String acs, String spEntityId) {
        Instant now = issuedAt();
        Instant until = now.plus(Duration.ofDays(1));
        ResponseBuilder r = IDP.response().at(now).to(acs, spEntityId).nameId("ada.lovelace@example.com")
                .notOnOrAfter(until).confirmationNotOnOrAfter(until).sessionNotOnOrAfter(until)
                .attribute("email", "ada.lovelace@example.com").attribute("firstName", "Ada")
                .attribute("lastName", "Lovelace").attribute("login", "ada.lovelace")
                .attribute("department", "Analytical Engines").attribute("title", "Principal Engineer")
                .attribute("employeeNumber", "1815");
        switch (variant) {
            case MANY_VALUES -> {
                String[] groups = new String[200];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = "engineering-team-" + i;
                }
                r.attribute("groups", groups);
            }
            case BOTH_SIGNED -> r.attribute("groups", "Everyone", "Engineering", "admins").signResponse(true);
            case ENCRYPTED -> r.attribute("groups", "Everyone", "Engineering", "admins")
                    .encrypt(Encryption.assertionTo(TestCredential.spCurrent().certificate()));
            default -> r.attribute("groups", "Everyone", "Engineering", "admins");
        }
        return r;
    }

    private static final class Holder {
        static final Instant ISSUED_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
