package dev.gatehouse.config;

/**
 * Size limits for incoming SAML messages, checked before the work they bound: the request's Content-Length and the
 * decoded size before any XML parsing, the nesting depth while parsing, the attribute counts before any value is
 * read.
 *
 * @param maxMessageSize the largest decoded message, in bytes (default 512 KiB)
 * @param maxXmlDepth the deepest element nesting (default 64; real responses stay under 12)
 * @param maxAttributes the most Attribute elements in one response (default 256)
 * @param maxAttributeValues the most AttributeValue elements in one response (default 4096, e.g. group lists)
 */
public record MessageLimits(int maxMessageSize, int maxXmlDepth, int maxAttributes, int maxAttributeValues) {

    /** The default limits. */
    public static final MessageLimits DEFAULTS = new MessageLimits(512 * 1024, 64, 256, 4096);

    public MessageLimits {
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes");
        }
        if (maxXmlDepth < 16 || maxXmlDepth > 1000) {
            throw new IllegalArgumentException("maxXmlDepth must be between 16 and 1000");
        }
        if (maxAttributes < 1 || maxAttributeValues < 1) {
            throw new IllegalArgumentException("maxAttributes and maxAttributeValues must be positive");
        }
    }

    /**
     * The largest form body that can carry a message of {@link #maxMessageSize()}: base64 (4/3) URL-encoded (a few
     * characters become three), plus room for RelayState.
     */
    public long maxRequestBodyBytes() {
        return (long) maxMessageSize * 2 + 16 * 1024;
    }
}
