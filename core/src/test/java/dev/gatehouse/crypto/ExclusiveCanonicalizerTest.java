package dev.gatehouse.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.internal.SecureXml;
import dev.gatehouse.testkit.ResponseBuilder;
import dev.gatehouse.testkit.TestCredential;
import dev.gatehouse.testkit.TestIdp;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Gatehouse's exclusive canonicalizer against Santuario's, byte for byte: the recommendation's namespace cases, the
 * escaping rules, real signed responses, and thousands of generated documents with random namespace declarations,
 * undeclarations, prefixed attributes, special characters, comments, processing instructions and CDATA, each
 * canonicalized from a random apex, with and without a PrefixList and with a random descendant left out.
 */
class ExclusiveCanonicalizerTest {

    private static final String EXC = "http://www.w3.org/2001/10/xml-exc-c14n#";
    private static final String EXC_COMMENTS = EXC + "WithComments";

    @BeforeAll
    static void santuario() {
        org.apache.xml.security.Init.init();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // The apex uses a prefix declared above it; unused declarations are dropped.
        "<r xmlns:a='urn:a' xmlns:b='urn:b'><a:x>1</a:x></r>",
        // A default namespace from above, and an undeclaration inside.
        "<r xmlns='urn:d'><x><y xmlns=''><z xmlns='urn:d'/></y></x></r>",
        // The same prefix redeclared: once with the same URI (not output again), once with another.
        "<r xmlns:a='urn:a'><x><a:y xmlns:a='urn:a'><a:z xmlns:a='urn:other'/><a:w/></a:y></x></r>",
        // Attributes of several namespaces, in c14n order; xml:* attributes are not inherited.
        "<r xml:lang='en' xmlns:b='urn:b' xmlns:a='urn:a'><x b:z='1' a:z='2' z='3' a='4' xml:space='preserve'"
            + " b:a='5'/></r>",
        // Escaping in text and attribute values, non-ASCII and a supplementary character.
        "<r><x v='&quot;&lt;&gt;&amp;&#x9;&#xA;&#xD; é'>&amp;&lt;&gt;&#xD;\"'\té中\uD83D\uDE00</x></r>",
        // Comments, processing instructions, CDATA and white space.
        "<r><x>\n  <!-- c --><?pi data?><?empty?><![CDATA[a<b&c]]>\n</x></r>",
        // xsi:type values need the PrefixList: xs is declared above and not visibly used.
        "<r xmlns:xs='urn:xs' xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'><x xsi:type='xs:string'>v"
            + "</x></r>",
        // Default namespace on the apex itself, prefixed children.
        "<r><x xmlns='urn:d' xmlns:p='urn:p'><p:y p:a='1'><z/></p:y></x></r>",
        // The xml prefix, declared explicitly (allowed, with its one URI), is never output.
        "<r xmlns:xml='http://www.w3.org/XML/1998/namespace'><x xml:lang='en' xmlns:q='urn:q'>t</x></r>",
        // An element in no namespace under a prefixed one.
        "<p:r xmlns:p='urn:p' xmlns='urn:d'><p:x><y xmlns=''/></p:x></p:r>",
    })
    void matchesSantuarioOnTheRecommendationsCases(String xml) throws Exception {
        for (boolean coalescing : new boolean[] {true, false}) {
            Document document = parse(xml, coalescing);
            Element apex = firstChildElement(document.getDocumentElement());
            for (String prefixList : List.of("", "xs", "#default", "a xs #default", "p b", "xml q")) {
                for (boolean comments : new boolean[] {false, true}) {
                    assertSame(apex, null, prefixList, comments);
                }
            }
        }
    }

    @Test
    void matchesSantuarioOnSignedResponsesAndLeavesTheSignatureOut() throws Exception {
        TestIdp idp = new TestIdp("https://idp.example.com", URI.create("https://idp.example.com/sso"),
                TestCredential.idpSigning());
        for (boolean bothSigned : new boolean[] {false, true}) {
            ResponseBuilder builder = idp.response().to("https://sp.example.com/acs", "https://sp.example.com")
                    .attribute("groups", "a", "b & c", "<d>");
            if (bothSigned) {
                builder.signResponse(true);
            }
            String xml = builder.xml();
            Document document = SecureXml.forMessages(64).parse(xml.getBytes(StandardCharsets.UTF_8));
            NodeList signatures = document.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
            assertThat(signatures.getLength()).isEqualTo(bothSigned ? 2 : 1);
            for (int i = signatures.getLength() - 1; i >= 0; i--) {
                Element signature = (Element) signatures.item(i);
                Element signed = (Element) signature.getParentNode();
                Element transform = (Element) signature.getElementsByTagNameNS(
                        "http://www.w3.org/2000/09/xmldsig#", "Transform").item(1);
                Element inclusive = firstChildElement(transform);
                String prefixList = inclusive == null ? "" : inclusive.getAttribute("PrefixList");
                Element signedInfo = firstChildElement(signature);
                assertSame(signedInfo, null, "", false);
                assertSame(signed, signature, prefixList, false);
                // And the digest the IdP put in the Reference is the digest of Gatehouse's output.
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                canonicalizer(false, prefixList).digest(signed, signature, sha256);
                String digestValue = signature.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#",
                        "DigestValue").item(0).getTextContent().strip();
                assertThat(java.util.Base64.getEncoder().encodeToString(sha256.digest())).isEqualTo(digestValue);
            }
        }
    }

    @Test
    void matchesSantuarioOnGeneratedDocuments() throws Exception {
        Random random = new Random(20261203);
        int compared = 0;
        for (int i = 0; i < 3000; i++) {
            String xml = new Generator(random).document();
            Document document = parse(xml, random.nextBoolean());
            List<Element> elements = new ArrayList<>();
            collect(document.getDocumentElement(), elements);
            Element apex = elements.get(random.nextInt(elements.size()));
            List<Element> descendants = new ArrayList<>();
            collect(apex, descendants);
            descendants.remove(apex);
            Element excluded = descendants.isEmpty() || random.nextBoolean() ? null
                    : descendants.get(random.nextInt(descendants.size()));
            String prefixList = random.nextInt(3) == 0 ? "" : String.join(" ",
                    randomSubset(random, List.of("a", "b", "c", "#default")));
            assertSame(apex, excluded, prefixList, random.nextBoolean());
            compared++;
        }
        assertThat(compared).isEqualTo(3000);
    }

    @Test
    void digestEqualsTheHashOfTheCanonicalBytesAcrossItsBufferSize() throws Exception {
        StringBuilder xml = new StringBuilder("<r xmlns:a='urn:a'>");
        for (int i = 0; i < 3000; i++) {
            xml.append("<a:v n='").append(i).append("'>value é ").append(i).append("</a:v>");
        }
        Document document = parse(xml.append("</r>").toString(), true);
        ExclusiveCanonicalizer c14n = canonicalizer(false, "");
        byte[] bytes = c14n.canonicalize(document.getDocumentElement(), null);
        assertThat(bytes.length).isGreaterThan(60_000);
        MessageDigest streamed = MessageDigest.getInstance("SHA-256");
        c14n.digest(document.getDocumentElement(), null, streamed);
        assertThat(streamed.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertSame(document.getDocumentElement(), null, "", false);
    }

    @Test
    void refusesAnUnpairedSurrogateThatNoParserWouldProduce() throws Exception {
        Document document = parse("<r>x</r>", true);
        document.getDocumentElement().getFirstChild().setNodeValue("a\uD800b");
        assertThatThrownBy(() -> canonicalizer(false, "").canonicalize(document.getDocumentElement(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    }

    @Test
    void refusesAPrefixListDeclarationThatIsNotTheBoundNamespace() throws Exception {
        // Only a DOM changed after parsing can do this; the output would certify another URI than the one read.
        Document document = parse("<r xmlns:a='urn:a'><a:x/></r>", true);
        Element x = firstChildElement(document.getDocumentElement());
        x.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:a", "urn:other");
        assertThatThrownBy(() -> canonicalizer(false, "a").canonicalize(x, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("urn:other");
    }

    @Test
    void readsThePrefixList() {
        assertThat(ExclusiveCanonicalizer.prefixList(" xs\tsaml\n#default  ")).containsExactlyInAnyOrder("xs",
                "saml", "");
        assertThat(ExclusiveCanonicalizer.prefixList("")).isEmpty();
    }

    private static void assertSame(Element apex, Element excluded, String prefixList, boolean comments)
            throws Exception {
        byte[] ours = canonicalizer(comments, prefixList).canonicalize(apex, excluded);
        Node parent = excluded == null ? null : excluded.getParentNode();
        Node next = excluded == null ? null : excluded.getNextSibling();
        if (excluded != null) {
            parent.removeChild(excluded);
        }
        ByteArrayOutputStream santuario = new ByteArrayOutputStream();
        Canonicalizer.getInstance(comments ? EXC_COMMENTS : EXC).canonicalizeSubtree(apex,
                prefixList.isEmpty() ? null : prefixList, santuario);
        if (excluded != null) {
            parent.insertBefore(excluded, next);
        }
        assertThat(new String(ours, StandardCharsets.UTF_8))
                .as("apex %s, PrefixList [%s], comments %s", apex.getTagName(), prefixList, comments)
                .isEqualTo(santuario.toString(StandardCharsets.UTF_8));
    }

    private static ExclusiveCanonicalizer canonicalizer(boolean comments, String prefixList) {
        return new ExclusiveCanonicalizer(comments, ExclusiveCanonicalizer.prefixList(prefixList));
    }

    private static Document parse(String xml, boolean coalescing) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setCoalescing(coalescing);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element firstChildElement(Node parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) n;
            }
        }
        return null;
    }

    private static void collect(Element element, List<Element> into) {
        into.add(element);
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                collect((Element) n, into);
            }
        }
    }

    private static List<String> randomSubset(Random random, List<String> from) {
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (random.nextBoolean()) {
                out.add(s);
            }
        }
        return out;
    }

    /** Random well-formed, namespace-well-formed documents that stress c14n's namespace and escaping rules. */
    private static final class Generator {
        private static final String[] PREFIXES = {"a", "b", "c"};
        private static final String[] URIS = {"urn:x", "urn:y", "urn:z", "http://example.com/ns?q=1&amp;r=&quot;2&quot;&#x9;"};
        private static final String[] NAMES = {"ID", "Name", "a", "z", "Value"};
        private static final String[] TEXTS = {"plain", " ", "\n  ", "&amp;", "&lt;", "&gt;", "&#xD;", "\"'", "é",
            "中", "\uD83D\uDE00", "&#x9;", "]]&gt;"};
        private static final String[] ATTRIBUTE_TEXTS = {"v", "&quot;", "&lt;", "&amp;", "&#x9;", "&#xA;", "&#xD;",
            " ", "\t", "é", ">"};

        private final Random random;
        private final StringBuilder out = new StringBuilder();

        Generator(Random random) {
            this.random = random;
        }

        String document() {
            element(new HashMap<>(), 0);
            return out.toString();
        }

        private void element(Map<String, String> inScope, int depth) {
            Map<String, String> scope = new HashMap<>(inScope);
            Map<String, String> declared = new HashMap<>();
            int declarations = random.nextInt(3);
            for (int i = 0; i < declarations; i++) {
                String prefix = random.nextInt(4) == 0 ? "" : PREFIXES[random.nextInt(PREFIXES.length)];
                String uri = prefix.isEmpty() && random.nextInt(3) == 0 ? "" : URIS[random.nextInt(URIS.length)];
                declared.put(prefix, uri);
            }
            String prefix = random.nextBoolean() ? "" : PREFIXES[random.nextInt(PREFIXES.length)];
            if (!prefix.isEmpty() && !scope.containsKey(prefix) && !declared.containsKey(prefix)) {
                declared.put(prefix, URIS[random.nextInt(URIS.length)]);
            }
            scope.putAll(declared);
            String name = (prefix.isEmpty() ? "" : prefix + ":") + "e" + random.nextInt(4);
            out.append('<').append(name);
            for (Map.Entry<String, String> d : declared.entrySet()) {
                out.append(d.getKey().isEmpty() ? " xmlns" : " xmlns:" + d.getKey()).append("=\"")
                        .append(d.getValue()).append('"');
            }
            Set<String> used = new HashSet<>();
            int attributes = random.nextInt(4);
            for (int i = 0; i < attributes; i++) {
                String attributeName = NAMES[random.nextInt(NAMES.length)];
                String attributePrefix = random.nextInt(3) == 0 ? PREFIXES[random.nextInt(PREFIXES.length)] : "";
                if (!attributePrefix.isEmpty() && !scope.containsKey(attributePrefix)) {
                    attributePrefix = "";
                }
                if (random.nextInt(8) == 0) {
                    attributePrefix = "xml";
                    attributeName = random.nextBoolean() ? "lang" : "space";
                }
                String uri = attributePrefix.isEmpty() ? "" : attributePrefix.equals("xml") ? "xml"
                        : scope.get(attributePrefix);
                if (attributePrefix.equals("xml") && attributeName.equals("space")) {
                    // xml:space allows only two values.
                    if (used.add(uri + "|" + attributeName)) {
                        out.append(" xml:space=\"").append(random.nextBoolean() ? "default" : "preserve")
                                .append('"');
                    }
                    continue;
                }
                if (!used.add(uri + "|" + attributeName)) {
                    continue;
                }
                out.append(' ').append(attributePrefix.isEmpty() ? "" : attributePrefix + ":").append(attributeName)
                        .append("=\"");
                int parts = random.nextInt(3);
                for (int p = 0; p < parts; p++) {
                    out.append(ATTRIBUTE_TEXTS[random.nextInt(ATTRIBUTE_TEXTS.length)]);
                }
                out.append('"');
            }
            int children = depth >= 4 ? 0 : random.nextInt(4);
            if (children == 0 && random.nextBoolean()) {
                out.append("/>");
                return;
            }
            out.append('>');
            for (int i = 0; i < children + random.nextInt(2); i++) {
                switch (random.nextInt(6)) {
                    case 0, 1 -> element(scope, depth + 1);
                    case 2 -> out.append(TEXTS[random.nextInt(TEXTS.length)]);
                    case 3 -> out.append("<!-- note ").append(random.nextInt(9)).append(" -->");
                    case 4 -> out.append(random.nextBoolean() ? "<?pi some data?>" : "<?bare?>");
                    default -> out.append("<![CDATA[x<y&z").append(random.nextInt(9)).append("]]>");
                }
            }
            out.append("</").append(name).append('>');
        }
    }
}
