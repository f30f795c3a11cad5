package dev.gatehouse.sample;

/** HTML escaping for the sample's pages. */
final class Html {

    private Html() {
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
