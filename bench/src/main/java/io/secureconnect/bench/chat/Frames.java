package io.secureconnect.bench.chat;

/**
 * Reads the few fields the benchmarks need straight out of chat-service's frame text, without building a JSON tree:
 * at a fan-out of 100,000 frames a second on two cores the client's parsing would otherwise be measured too. This
 * relies on what docs/chat-protocol.md and the server guarantee: {@code type} is a frame's first member, and a
 * message's {@code seq} and {@code conversationId} come before its body. Values the benchmarks put in bodies
 * contain no quotes.
 */
final class Frames {

    private static final String TYPE_PREFIX = "{\"type\":\"";

    private Frames() {
    }

    /** The frame's type, or "" if the text does not start like a server frame. */
    static String type(String frame) {
        if (!frame.startsWith(TYPE_PREFIX)) {
            return "";
        }
        int end = frame.indexOf('"', TYPE_PREFIX.length());
        return end < 0 ? "" : frame.substring(TYPE_PREFIX.length(), end);
    }

    /** The first number member {@code name} in the text, or -1 if there is none. */
    static long number(String frame, String name) {
        String key = "\"" + name + "\":";
        int start = frame.indexOf(key);
        if (start < 0) {
            return -1;
        }
        int at = start + key.length();
        long value = 0;
        int digits = 0;
        while (at < frame.length() && Character.isDigit(frame.charAt(at))) {
            value = value * 10 + (frame.charAt(at++) - '0');
            digits++;
        }
        return digits == 0 ? -1 : value;
    }

    /** The first string member {@code name} in the text (unescaped as is), or null if there is none. */
    static String text(String frame, String name) {
        String key = "\"" + name + "\":\"";
        int start = frame.indexOf(key);
        if (start < 0) {
            return null;
        }
        int end = frame.indexOf('"', start + key.length());
        return end < 0 ? null : frame.substring(start + key.length(), end);
    }
}
