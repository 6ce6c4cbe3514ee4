package io.secureconnect.chat.mlswire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A cursor over the TLS presentation language as RFC 9420 uses it: big-endian integers and vectors whose length is
 * the variable-length integer of §2.1.2. Every length is checked against what is left before anything is copied,
 * so a forged length can only end in {@link MalformedMls}, never in a large allocation.
 */
final class TlsReader {

    private final byte[] bytes;
    private final int end;
    private int position;

    TlsReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private TlsReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    int position() {
        return position;
    }

    int remaining() {
        return end - position;
    }

    void expectEnd(String what) {
        if (position != end) {
            throw new MalformedMls(what + ": " + remaining() + " bytes left over");
        }
    }

    int uint8() {
        need(1, "uint8");
        return bytes[position++] & 0xff;
    }

    int uint16() {
        return (int) bigEndian(2, "uint16");
    }

    long uint32() {
        return bigEndian(4, "uint32");
    }

    /** A uint64 that Java can hold: an epoch or a time past 2^63 cannot occur, so it is refused. */
    long uint64() {
        long value = bigEndian(8, "uint64");
        if (value < 0) {
            throw new MalformedMls("uint64 beyond 2^63");
        }
        return value;
    }

    /** An unsigned big-endian integer of {@code width} bytes (the top bit of 8 bytes lands in the sign). */
    private long bigEndian(int width, String what) {
        need(width, what);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value = value << 8 | bytes[position + i] & 0xff;
        }
        position += width;
        return value;
    }

    /** {@code opaque data<V>}. */
    byte[] opaque() {
        int length = vectorLength();
        byte[] data = java.util.Arrays.copyOfRange(bytes, position, position + length);
        position += length;
        return data;
    }

    /** Skips an {@code opaque data<V>} without copying it. */
    void skipOpaque() {
        int length = vectorLength(); // first: it moves the cursor past the length prefix
        position += length;
    }

    /** {@code T items<V>}: the items must fill the vector exactly. */
    <T> List<T> vector(Function<TlsReader, T> item) {
        TlsReader inner = sub(vectorLength());
        List<T> items = new ArrayList<>();
        while (inner.remaining() > 0) {
            items.add(item.apply(inner));
        }
        return items;
    }

    /** {@code T items<V>} read through without keeping them (extensions, capabilities, path nodes). */
    void each(Consumer<TlsReader> item) {
        TlsReader inner = sub(vectorLength());
        while (inner.remaining() > 0) {
            item.accept(inner);
        }
    }

    /** {@code optional<T>}: a presence octet of 0 or 1, then the value when present. */
    <T> T optional(Function<TlsReader, T> value) {
        return switch (uint8()) {
            case 0 -> null;
            case 1 -> value.apply(this);
            default -> throw new MalformedMls("optional presence octet is neither 0 nor 1");
        };
    }

    /** The bytes from {@code start} up to the cursor, e.g. a whole struct just read. */
    byte[] slice(int start) {
        return java.util.Arrays.copyOfRange(bytes, start, position);
    }

    private TlsReader sub(int length) {
        TlsReader inner = new TlsReader(bytes, position, position + length);
        position += length;
        return inner;
    }

    /**
     * The §2.1.2 length prefix: 1, 2 or 4 bytes chosen by the top two bits (0b11 is invalid in MLS), in the fewest
     * bytes that hold the value (RFC 9420 requires the minimal encoding), and no longer than what is left.
     */
    private int vectorLength() {
        int first = uint8();
        int length = switch (first >>> 6) {
            case 0 -> first;
            case 1 -> minimal(first & 0x3f, 1, 64);
            case 2 -> minimal(first & 0x3f, 3, 16384);
            default -> throw new MalformedMls("vector length prefix 0b11 is not allowed");
        };
        need(length, "vector");
        return length;
    }

    private int minimal(int high, int moreBytes, int minimum) {
        need(moreBytes, "vector length");
        int length = high;
        for (int i = 0; i < moreBytes; i++) {
            length = length << 8 | bytes[position++] & 0xff;
        }
        if (length < minimum) {
            throw new MalformedMls("vector length not minimally encoded");
        }
        return length;
    }

    private void need(int count, String what) {
        if (count > remaining()) {
            throw new MalformedMls("truncated " + what + ": needs " + count + " bytes, " + remaining() + " left");
        }
    }
}
