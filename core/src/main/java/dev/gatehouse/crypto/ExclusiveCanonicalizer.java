package dev.gatehouse.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ProcessingInstruction;

/**
 * Exclusive XML Canonicalization 1.0 (https://www.w3.org/TR/xml-exc-c14n/) of one element's subtree, optionally
 * without one descendant element (the enveloped-signature transform removes the Signature being checked), written as
 * UTF-8 into a digest or a byte array.
 *
 * <p>Why Gatehouse has its own: Santuario's canonicalizer is general (node-sets, XPath filters, every c14n flavour)
 * and spends most of its time on that generality (a sorted set and a namespace table per element, one
 * {@code OutputStream.write} per byte). It was the largest single cost of a login after the parse (BENCHMARKS.md).
 * This class does only what a SAML signature's Reference and SignedInfo need: a subtree, exclusive rules, the
 * InclusiveNamespaces prefix list, with or without comments. {@link SignatureVerifier} uses it only for that shape and
 * leaves every other one to Santuario; {@code ExclusiveCanonicalizerTest} holds its output byte for byte against
 * Santuario's on the namespace and escaping cases the recommendation describes and on generated documents.
 *
 * <p>The rules, as the recommendation gives them for a subtree (every node under the apex is in the node-set):
 * <ul>
 *   <li>A namespace declaration is output on an element that <em>visibly utilizes</em> its prefix (the element's
 *       own prefix, or the default namespace when it has none, and the prefixes of its attributes), unless the
 *       nearest output ancestor already output the same prefix with the same URI. The URI is the one the parser
 *       bound the name to (the node's namespace URI), so the output is exactly the names Gatehouse later reads.
 *   <li>A prefix in the InclusiveNamespaces PrefixList ({@code #default} for the default namespace) follows the
 *       inclusive rule instead: output wherever it is in scope, ancestors of the apex included, unless already
 *       output with the same URI.
 *   <li>The {@code xml} prefix is never declared; {@code xml:*} attributes are not inherited from outside.
 *   <li>Declarations in order of prefix (the default first), then attributes by namespace URI (none first) and
 *       local name; empty elements as start and end tag; text escapes {@code & < > #xD}, attribute values
 *       {@code & < " #x9 #xA #xD}; comments only in the {@code WithComments} form; processing instructions kept.
 * </ul>
 *
 * <p>Thread-safe and stateless; each call has its own buffers.
 */
final class ExclusiveCanonicalizer {

    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final Attr[] NO_ATTRIBUTES = new Attr[0];

    private final boolean withComments;
    /** The PrefixList, with {@code ""} standing for {@code #default}. */
    private final Set<String> inclusivePrefixes;

    ExclusiveCanonicalizer(boolean withComments, Set<String> inclusivePrefixes) {
        this.withComments = withComments;
        this.inclusivePrefixes = Set.copyOf(inclusivePrefixes);
    }

    /** Parses an InclusiveNamespaces PrefixList attribute value: XML white space separated, {@code #default}. */
    static Set<String> prefixList(String value) {
        Set<String> prefixes = new HashSet<>();
        for (String token : value.split("[ \t\r\n]+")) {
            if (!token.isEmpty()) {
                prefixes.add(token.equals("#default") ? "" : token);
            }
        }
        return prefixes;
    }

    /** The canonical form of {@code apex}'s subtree without {@code excluded} (may be null). */
    byte[] canonicalize(Element apex, Node excluded) {
        Writer writer = new Writer(apex, excluded);
        writer.element(apex);
        return Arrays.copyOf(writer.out, writer.length);
    }

    /** Feeds the canonical form of {@code apex}'s subtree without {@code excluded} (may be null) to {@code digest}. */
    void digest(Element apex, Node excluded, MessageDigest digest) {
        Writer writer = new Writer(apex, excluded);
        writer.digest = digest;
        writer.element(apex);
        writer.flush();
    }

    /** One canonicalization: the output buffer and the stacks of output and in-scope declarations. */
    private final class Writer {
        private final Node excluded;
        private byte[] out = new byte[2048];
        private int length;
        private MessageDigest digest;

        /** Declarations output so far, innermost last, as prefix/URI pairs (prefix "" is the default namespace). */
        private String[] rendered = new String[32];
        private int renderedSize;
        /** In-scope declarations of PrefixList prefixes, innermost last (only kept when there is a PrefixList). */
        private String[] scope = new String[16];
        private int scopeSize;
        /** The declarations the current element outputs, as prefix/URI pairs, before they are sorted. */
        private String[] pending = new String[16];

        Writer(Element apex, Node excluded) {
            this.excluded = excluded;
            if (!inclusivePrefixes.isEmpty()) {
                // The inclusive rule sees declarations made above the apex; outermost first, so inner ones win.
                ArrayDeque<Element> ancestors = new ArrayDeque<>();
                for (Node n = apex.getParentNode(); n != null; n = n.getParentNode()) {
                    if (n.getNodeType() == Node.ELEMENT_NODE) {
                        ancestors.push((Element) n);
                    }
                }
                for (Element ancestor : ancestors) {
                    declare(ancestor);
                }
            }
        }

        void element(Element element) {
            int renderedMark = renderedSize;
            int scopeMark = scopeSize;
            NamedNodeMap attributeMap = element.getAttributes();
            int attributeCount = attributeMap.getLength();
            if (!inclusivePrefixes.isEmpty()) {
                declare(element);
            }
            // Namespace declarations to output: prefix/URI pairs, collected then sorted by prefix.
            int pendingSize = 0;
            pendingSize = utilize(pendingSize, prefixOf(element.getPrefix()), uriOf(element.getNamespaceURI()));
            Attr[] ordinary = attributeCount == 0 ? NO_ATTRIBUTES : new Attr[attributeCount];
            int ordinaryCount = 0;
            for (int i = 0; i < attributeCount; i++) {
                Attr attribute = (Attr) attributeMap.item(i);
                String uri = attribute.getNamespaceURI();
                if (XMLNS_NS.equals(uri)) {
                    continue;
                }
                ordinary[ordinaryCount++] = attribute;
                if (uri != null && !uri.isEmpty() && !XML_NS.equals(uri)) {
                    if (attribute.getPrefix() == null) {
                        // Only a DOM built by hand has one; a parsed attribute in a namespace always has a prefix.
                        throw new IllegalArgumentException("The attribute [" + attribute.getLocalName()
                                + "] has a namespace but no prefix");
                    }
                    pendingSize = utilize(pendingSize, attribute.getPrefix(), uri);
                }
            }
            for (String prefix : inclusivePrefixes) {
                String inScope = inScope(prefix);
                if (inScope != null || prefix.isEmpty()) {
                    pendingSize = add(pendingSize, prefix, inScope == null ? "" : inScope);
                }
            }
            sortPairs(pendingSize);
            sortAttributes(ordinary, ordinaryCount);

            ascii('<');
            text(element.getTagName());
            for (int i = 0; i < pendingSize; i += 2) {
                String prefix = pending[i];
                String uri = pending[i + 1];
                if (prefix.isEmpty()) {
                    ascii(" xmlns=\"");
                } else {
                    ascii(" xmlns:");
                    text(prefix);
                    ascii("=\"");
                }
                attributeValue(uri);
                ascii('"');
                render(prefix, uri);
            }
            for (int i = 0; i < ordinaryCount; i++) {
                ascii(' ');
                text(ordinary[i].getName());
                ascii("=\"");
                attributeValue(ordinary[i].getValue());
                ascii('"');
            }
            ascii('>');
            children(element);
            ascii("</");
            text(element.getTagName());
            ascii('>');
            renderedSize = renderedMark;
            scopeSize = scopeMark;
        }

        private void children(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
                switch (child.getNodeType()) {
                    case Node.ELEMENT_NODE:
                        if (child != excluded) {
                            element((Element) child);
                        }
                        break;
                    case Node.TEXT_NODE:
                    case Node.CDATA_SECTION_NODE:
                        characters(child.getNodeValue());
                        break;
                    case Node.COMMENT_NODE:
                        if (withComments) {
                            ascii("<!--");
                            text(child.getNodeValue());
                            ascii("-->");
                        }
                        break;
                    case Node.PROCESSING_INSTRUCTION_NODE:
                        ascii("<?");
                        ProcessingInstruction instruction = (ProcessingInstruction) child;
                        text(instruction.getTarget());
                        String data = instruction.getData();
                        if (data != null && !data.isEmpty()) {
                            ascii(' ');
                            text(data);
                        }
                        ascii("?>");
                        break;
                    case Node.ENTITY_REFERENCE_NODE:
                        // Gatehouse's parser forbids DTDs, so there are none; their expansion is what c14n outputs.
                        children(child);
                        break;
                    default:
                        throw new IllegalArgumentException("Cannot canonicalize a node of type ["
                                + child.getNodeType() + "] inside an element");
                }
            }
        }

        /** Records the PrefixList declarations {@code element} makes, for the inclusive rule. */
        private void declare(Element element) {
            NamedNodeMap map = element.getAttributes();
            for (int i = 0, n = map.getLength(); i < n; i++) {
                Attr attribute = (Attr) map.item(i);
                if (XMLNS_NS.equals(attribute.getNamespaceURI())) {
                    String prefix = "xmlns".equals(attribute.getName()) ? "" : attribute.getLocalName();
                    if (inclusivePrefixes.contains(prefix) && !prefix.equals("xml")) {
                        if (scopeSize + 2 > scope.length) {
                            scope = Arrays.copyOf(scope, scope.length * 2);
                        }
                        scope[scopeSize++] = prefix;
                        scope[scopeSize++] = attribute.getValue();
                    }
                }
            }
        }

        private String inScope(String prefix) {
            for (int i = scopeSize - 2; i >= 0; i -= 2) {
                if (scope[i].equals(prefix)) {
                    return scope[i + 1];
                }
            }
            return null;
        }

        /** The URI output for {@code prefix} by the nearest output ancestor, "" for an unset default, else null. */
        private String renderedUri(String prefix) {
            for (int i = renderedSize - 2; i >= 0; i -= 2) {
                if (rendered[i].equals(prefix)) {
                    return rendered[i + 1];
                }
            }
            return prefix.isEmpty() ? "" : null;
        }

        private void render(String prefix, String uri) {
            if (renderedSize + 2 > rendered.length) {
                rendered = Arrays.copyOf(rendered, rendered.length * 2);
            }
            rendered[renderedSize++] = prefix;
            rendered[renderedSize++] = uri;
        }

        /**
         * A visibly utilized prefix, unless the PrefixList governs it. The {@code xml} prefix is never declared. A
         * PrefixList prefix is output from its declaration in scope, which must then be the URI the parser bound the
         * name to: otherwise the signature would cover another namespace than the one read.
         */
        private int utilize(int size, String prefix, String uri) {
            if (prefix.equals("xml")) {
                return size;
            }
            if (inclusivePrefixes.contains(prefix)) {
                String inScope = inScope(prefix);
                if (!uri.equals(inScope == null ? "" : inScope)) {
                    throw new IllegalArgumentException("The prefix [" + prefix + "] is declared as [" + inScope
                            + "] but the name is bound to [" + uri + "]");
                }
                return size;
            }
            return add(size, prefix, uri);
        }

        /** Queues {@code prefix=uri} for output unless already output so, or already queued. */
        private int add(int size, String prefix, String uri) {
            if (uri.equals(renderedUri(prefix))) {
                return size;
            }
            for (int i = 0; i < size; i += 2) {
                if (pending[i].equals(prefix)) {
                    if (!pending[i + 1].equals(uri)) {
                        throw new IllegalArgumentException("The prefix [" + prefix + "] is bound to two namespaces "
                                + "on one element");
                    }
                    return size;
                }
            }
            if (size + 2 > pending.length) {
                pending = Arrays.copyOf(pending, pending.length * 2);
            }
            pending[size] = prefix;
            pending[size + 1] = uri;
            return size + 2;
        }

        private void sortPairs(int size) {
            for (int i = 2; i < size; i += 2) {
                String prefix = pending[i];
                String uri = pending[i + 1];
                int j = i - 2;
                for (; j >= 0 && pending[j].compareTo(prefix) > 0; j -= 2) {
                    pending[j + 2] = pending[j];
                    pending[j + 3] = pending[j + 1];
                }
                pending[j + 2] = prefix;
                pending[j + 3] = uri;
            }
        }

        private void flush() {
            digest.update(out, 0, length);
            length = 0;
        }

        /** Makes room for {@code bytes} more; when digesting, a larger write goes past the buffer (see copy). */
        private void room(int bytes) {
            if (length + bytes > out.length) {
                if (digest != null) {
                    flush();
                    return;
                }
                out = Arrays.copyOf(out, Math.max(out.length * 2, length + bytes));
            }
        }

        private void ascii(char c) {
            room(1);
            out[length++] = (byte) c;
        }

        private void ascii(String s) {
            int n = s.length();
            room(n);
            for (int i = 0; i < n; i++) {
                out[length++] = (byte) s.charAt(i);
            }
        }

        /** Names, comments and PI content: no escaping. */
        private void text(String s) {
            write(s, NAME_ESCAPES);
        }

        private void characters(String s) {
            write(s, TEXT_ESCAPES);
        }

        private void attributeValue(String s) {
            write(s, ATTRIBUTE_ESCAPES);
        }

        /**
         * Writes {@code s} as UTF-8 with the ASCII characters {@code escapes} names replaced. The JDK's encoder does
         * the UTF-8 (one vectorised copy for the usual ASCII text); UTF-8 never puts an ASCII byte inside a multi-byte
         * character, so the escapes can be found in the bytes.
         */
        private void write(String s, byte[][] escapes) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            boolean oneBytePerChar = bytes.length == s.length();
            if (!oneBytePerChar) {
                requireNoUnpairedSurrogate(s);
            }
            byte[] special = escapes[SPECIAL];
            int run = 0;
            for (int i = 0; i < bytes.length; i++) {
                int b = bytes[i];
                // Letters and most ASCII ('@' and above) and every byte of a multi-byte character are never escaped.
                if (b >= '@' || b < 0 || special[b] == 0) {
                    continue;
                }
                if (b == '?') {
                    // The encoder writes '?' for an unpaired surrogate; with one byte per character it is at i.
                    if (oneBytePerChar && s.charAt(i) != '?') {
                        throw unpairedSurrogate();
                    }
                    continue;
                }
                copy(bytes, run, i - run);
                copy(escapes[b], 0, escapes[b].length);
                run = i + 1;
            }
            copy(bytes, run, bytes.length - run);
        }

        private void copy(byte[] bytes, int from, int count) {
            room(count);
            if (count > out.length - length) {
                // Larger than the digest buffer: straight to the digest.
                digest.update(bytes, from, count);
                return;
            }
            System.arraycopy(bytes, from, out, length, count);
            length += count;
        }
    }

    private static void requireNoUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw unpairedSurrogate();
            }
        }
    }

    /** A parser never produces one; refusing it keeps two different texts from having one canonical form. */
    private static IllegalArgumentException unpairedSurrogate() {
        return new IllegalArgumentException("Unpaired surrogate in the XML text");
    }

    private static final byte[][] NAME_ESCAPES = escapes();
    private static final byte[][] TEXT_ESCAPES = escapes("&&amp;", "<&lt;", ">&gt;", "\r&#xD;");
    private static final byte[][] ATTRIBUTE_ESCAPES = escapes("&&amp;", "<&lt;", "\"&quot;", "\t&#x9;",
            "\n&#xA;", "\r&#xD;");

    /** Where an escape table keeps its flags: {@code table[SPECIAL][c] != 0} when {@code c} needs a look. */
    private static final int SPECIAL = 128;

    /**
     * A table by ASCII code: the replacement of each character given as its first letter, the rest its escape; at
     * {@link #SPECIAL} one flag byte per code (a primitive load per byte in the scan), set for those and for '?'.
     */
    private static byte[][] escapes(String... replacements) {
        byte[][] table = new byte[SPECIAL + 1][];
        table[SPECIAL] = new byte[128];
        table[SPECIAL]['?'] = 1;
        for (String replacement : replacements) {
            if (replacement.charAt(0) >= '@') {
                throw new IllegalStateException("write() skips '@' and above without a look");
            }
            table[replacement.charAt(0)] = replacement.substring(1).getBytes(StandardCharsets.US_ASCII);
            table[SPECIAL][replacement.charAt(0)] = 1;
        }
        return table;
    }

    /** Attributes by namespace URI (none first), then local name, as c14n orders them (insertion sort: few). */
    private static void sortAttributes(Attr[] attributes, int count) {
        for (int i = 1; i < count; i++) {
            Attr a = attributes[i];
            int j = i - 1;
            for (; j >= 0 && compare(attributes[j], a) > 0; j--) {
                attributes[j + 1] = attributes[j];
            }
            attributes[j + 1] = a;
        }
    }

    private static int compare(Attr a, Attr b) {
        int byNamespace = uriOf(a.getNamespaceURI()).compareTo(uriOf(b.getNamespaceURI()));
        return byNamespace != 0 ? byNamespace : localName(a).compareTo(localName(b));
    }

    private static String localName(Attr a) {
        String local = a.getLocalName();
        return local == null ? a.getName() : local;
    }

    private static String prefixOf(String prefix) {
        return prefix == null ? "" : prefix;
    }

    private static String uriOf(String uri) {
        return uri == null ? "" : uri;
    }
}
