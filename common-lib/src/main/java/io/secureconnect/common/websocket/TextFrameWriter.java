package io.secureconnect.common.websocket;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes one text frame through the container's {@link Writer} so that every fragment it sends encodes on its own.
 * Tomcat's writer sends its buffer as a fragment whenever the buffer is full and encodes each fragment to UTF-8 as a
 * whole, so a surrogate pair (an emoji) that straddled the buffer's end could not be encoded: the write failed and
 * the socket closed with 1011, for every member that message reached and again on every {@code sync}. Pieces no
 * longer than the buffer, each ending on a whole character and flushed before the next, keep every pair within one
 * fragment.
 */
public final class TextFrameWriter {

    private final int bufferChars;

    /** {@code bufferChars}: the container's text buffer; two at least, since a pair must fit in it. */
    TextFrameWriter(int bufferChars) {
        if (bufferChars < 2) {
            throw new IllegalArgumentException("A text buffer holds at least one surrogate pair: " + bufferChars);
        }
        this.bufferChars = bufferChars;
    }

    /** Tomcat's property for the size of its WebSocket buffers (its outgoing text buffer holds this many chars). */
    public static final String TOMCAT_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";
    /** Tomcat's own default, when nothing set the property. */
    private static final int TOMCAT_DEFAULT_BUFFER = 8 * 1024;

    /** A writer for Tomcat's buffer, read as Tomcat reads it: call once a socket is open, when Tomcat has read it. */
    public static TextFrameWriter forContainer() {
        return new TextFrameWriter(Integer.getInteger(TOMCAT_BUFFER_PROPERTY, TOMCAT_DEFAULT_BUFFER));
    }

    /** Writes {@code text} (well-formed: see {@code StorableText.isWellFormed}) into {@code out}, which the caller closes. */
    public void write(String text, Writer out) throws IOException {
        if (text.length() <= bufferChars) {
            out.write(text);
            return;
        }
        char[] chars = text.toCharArray();
        for (int start = 0; start < chars.length; ) {
            int end = pieceEnd(chars, start, bufferChars);
            out.write(chars, start, end - start);
            if (end < chars.length) {
                out.flush(); // sends this piece as a fragment, leaving the buffer empty for the next
            }
            start = end;
        }
    }

    /** Where the piece from {@code start} ends: at most {@code max} chars on, never between the halves of a pair. */
    static int pieceEnd(char[] chars, int start, int max) {
        int end = Math.min(chars.length, start + max);
        if (end < chars.length && Character.isHighSurrogate(chars[end - 1]) && Character.isLowSurrogate(chars[end])) {
            end--;
        }
        return end;
    }
}
