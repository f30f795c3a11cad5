package dev.gatehouse.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.Fixtures;
import dev.gatehouse.binding.PostBinding;
import dev.gatehouse.config.MessageLimits;
import dev.gatehouse.config.ValidationPolicy;
import dev.gatehouse.crypto.SignatureVerifier;
import dev.gatehouse.error.SamlRejection;
import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.metadata.IdentityProviders.ActiveProvider;
import dev.gatehouse.state.InMemoryReplayCache;
import dev.gatehouse.state.InMemoryRequestStateStore;
import dev.gatehouse.testkit.TestIdp;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Property-based fuzzing of decoding and validation: byte, text and structural mutations of valid signed responses
 * (assertion signed; response and assertion signed). For every input the validator must either refuse it with a
 * {@link SamlRejection} or accept exactly the identity the IdP signed, within two seconds; any other exception, a
 * hang, or an accepted forged identity fails the property. Fixed seed; tries from junit-platform.properties
 * ({@code -Djqwik.tries.default=N} for a longer run).
 */
class ResponseFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final String USER = "alice@example.com";
    private static final TestIdp IDP = Fixtures.idp();
    private static final List<String> VALID = List.of(
            response().xml(), response().signResponse(true).xml());
    private static final List<String> VALUES = List.of("", "x", "admin@example.com", "#_a", "2.0", "1.1",
            "http://www.w3.org/2000/09/xmldsig#sha1", "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256",
            "urn:oasis:names:tc:SAML:2.0:cm:bearer", "2099-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            Fixtures.ACS, Fixtures.SP_ENTITY_ID, Fixtures.IDP_ENTITY_ID, "&amp;", "\u0000", "\uFFFF", "]]>");
    private static final List<String> ATTRIBUTE_NAMES = List.of("ID", "URI", "Algorithm", "Destination", "Recipient",
            "InResponseTo", "NotOnOrAfter", "NotBefore", "Version", "Method", "Format", "IssueInstant", "Name");

    private static dev.gatehouse.testkit.ResponseBuilder response() {
        return IDP.response().at(NOW).to(Fixtures.ACS, Fixtures.SP_ENTITY_ID).nameId(USER)
                .attribute("groups", "admins", "users").attribute("email", USER);
    }

    /** One way of damaging a valid response. */
    record Mutation(String description, Function<String, byte[]> apply) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Property(seed = "20261125")
    void everyMutationIsRefusedOrCarriesTheSignedIdentity(@ForAll("mutations") Mutation mutation,
            @ForAll("validResponses") String valid) {
        byte[] input = mutation.apply().apply(valid);
        assertSafe(input);
    }

    @Property(seed = "20261125")
    void arbitraryPostedTextNeverBreaksDecoding(@ForAll("postedText") String posted) {
        byte[] decoded;
        try {
            decoded = PostBinding.decode(posted, MessageLimits.DEFAULTS.maxMessageSize());
        } catch (SamlRejection expected) {
            return;
        }
        assertSafe(decoded);
    }

    private static void assertSafe(byte[] input) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        ResponseValidator validator = new ResponseValidator(SecureXml.forMessages(64), new SignatureVerifier(),
                new InMemoryRequestStateStore(clock), new InMemoryReplayCache(clock), MessageLimits.DEFAULTS);
        ActiveProvider provider = Fixtures.active(Fixtures.provider().validation(ValidationPolicy.defaults()).build());
        long start = System.nanoTime();
        try {
            AcceptedResponse response = validator.validate(new ResponseValidator.Input(input, provider, null, NOW));
            response.commit();
            VerifiedAssertion accepted = response.assertion();
            assertThat(accepted.nameId()).isEqualTo(USER);
            assertThat(accepted.issuer()).isEqualTo(Fixtures.IDP_ENTITY_ID);
            assertThat(accepted.attributes()).isEqualTo(Map.of("groups", List.of("admins", "users"),
                    "email", List.of(USER)));
        } catch (SamlRejection expected) {
            assertThat(expected.problems()).isNotEmpty();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Provide
    Arbitrary<String> validResponses() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<String> postedText() {
        Arbitrary<String> junk = Arbitraries.strings().ofMaxLength(200);
        Arbitrary<String> base64OfJunk = Arbitraries.bytes().array(byte[].class).ofMaxSize(300)
                .map(b -> java.util.Base64.getEncoder().encodeToString(b));
        Arbitrary<String> base64OfMutation = Combinators.combine(byteMutations(), Arbitraries.of(VALID))
                .as((m, v) -> java.util.Base64.getMimeEncoder().encodeToString(m.apply().apply(v)));
        return Arbitraries.oneOf(junk, base64OfJunk, base64OfMutation);
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Arbitraries.oneOf(byteMutations(), textMutations(), structuralMutations());
    }

    private static Arbitrary<Mutation> byteMutations() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 255),
                Arbitraries.of("flip", "insert", "delete", "truncate")).as((where, value, kind) ->
                new Mutation(kind + " byte at " + (int) (where * 1000) + "/1000 = " + value, xml -> {
                    byte[] b = xml.getBytes(StandardCharsets.UTF_8);
                    int i = Math.min(b.length - 1, (int) (where * b.length));
                    List<Byte> out = new ArrayList<>();
                    for (byte x : b) {
                        out.add(x);
                    }
                    switch (kind) {
                        case "flip" -> out.set(i, (byte) (out.get(i) ^ (value | 1)));
                        case "insert" -> out.add(i, (byte) value.intValue());
                        case "delete" -> out.remove(i);
                        default -> out.subList(i, out.size()).clear();
                    }
                    byte[] result = new byte[out.size()];
                    for (int k = 0; k < result.length; k++) {
                        result[k] = out.get(k);
                    }
                    return result;
                }));
    }

    private static Arbitrary<Mutation> textMutations() {
        return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.of(List.of("<!--c-->",
                "<?pi x?>", "<![CDATA[admin]]>", "&#x41;", "&amp;", "<x/>", "]]>", "admin@example.com",
                "<!DOCTYPE x>", "<saml2:Assertion/>", "\u00e9", "\r\n"))).as((where, insert) ->
                new Mutation("insert " + insert + " at " + (int) (where * 1000) + "/1000", xml -> {
                    int i = (int) (where * xml.length());
                    return (xml.substring(0, i) + insert + xml.substring(i)).getBytes(StandardCharsets.UTF_8);
                }));
    }

    private static Arbitrary<Mutation> structuralMutations() {
        return Combinators.combine(Arbitraries.of("delete", "duplicate", "move", "attribute", "text", "comment",
                "rename-namespace"), Arbitraries.integers().between(0, 200), Arbitraries.integers().between(0, 200),
                Arbitraries.of(ATTRIBUTE_NAMES), Arbitraries.of(VALUES)).as((kind, i, j, attribute, value) ->
                new Mutation(kind + " element " + i + " (" + j + ", " + attribute + "=" + value + ")", xml -> {
                    Document d = parse(xml);
                    NodeList all = d.getElementsByTagNameNS("*", "*");
                    Element a = (Element) all.item(i % all.getLength());
                    Element b = (Element) all.item(j % all.getLength());
                    Element root = d.getDocumentElement();
                    switch (kind) {
                        case "delete" -> {
                            if (a != root) {
                                a.getParentNode().removeChild(a);
                            }
                        }
                        case "duplicate" -> b.appendChild(a.cloneNode(true));
                        case "move" -> {
                            if (a != root && !contains(a, b)) {
                                b.appendChild(a);
                            }
                        }
                        case "attribute" -> a.setAttributeNS(null, attribute, value);
                        case "text" -> a.setTextContent(value);
                        case "comment" -> a.insertBefore(d.createComment(value.replace("--", "")), a.getFirstChild());
                        default -> {
                            Element renamed = d.createElementNS("urn:evil", "evil:" + a.getLocalName());
                            while (a.getFirstChild() != null) {
                                renamed.appendChild(a.getFirstChild());
                            }
                            if (a != root) {
                                a.getParentNode().replaceChild(renamed, a);
                            }
                        }
                    }
                    return serialize(d);
                }));
    }

    private static boolean contains(Node ancestor, Node node) {
        for (Node n = node; n != null; n = n.getParentNode()) {
            if (n == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialize(Document d) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(d), new StreamResult(out));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
