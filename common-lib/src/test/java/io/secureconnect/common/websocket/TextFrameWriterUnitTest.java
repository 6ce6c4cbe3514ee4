package io.secureconnect.common.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The outgoing frame writer is correct for every character at every buffer boundary (issue 19): whatever the text and
 * the container's buffer size, the fragments it makes the container send each encode on their own and put together
 * are exactly the text. {@link ContainerWriter} behaves as Tomcat's writer does (flushes a full buffer as a
 * fragment, encodes each fragment as a whole, strictly).
 */
class TextFrameWriterUnitTest {

    @Property(tries = 500)
    void fragmentsReassembleToTheTextForAnyTextAndBufferSize(@ForAll("texts") String text,
                                                             @ForAll @IntRange(min = 2, max = 80) int bufferChars)
            throws IOException {
        assertThat(written(text, bufferChars)).isEqualTo(text);
    }

    /** An emoji at every position of the text, so at every offset from every buffer boundary. */
    @Property(tries = 100)
    void anEmojiAnywhereReachesTheClientWhole(@ForAll @IntRange(min = 2, max = 40) int bufferChars,
                                             @ForAll @IntRange(min = 1, max = 120) int length) throws IOException {
        for (int position = 0; position < length; position++) {
            String text = "a".repeat(position) + "\ud83d\ude00" + "b".repeat(length - position);

            assertThat(written(text, bufferChars)).as("emoji at %d, buffer %d", position, bufferChars).isEqualTo(text);
        }
    }

    @Example
    void theFrameOfTheIssueWithItsEmojiOnTheTwoKibibyteBoundaryIsWritten() throws IOException {
        String text = "x".repeat(2047) + "\ud83d\ude00" + "y".repeat(3000);

        assertThat(written(text, 2048)).isEqualTo(text);
    }

    /** What went wrong before: the whole text handed to the container's writer at once. */
    @Example
    void writingTheWholeTextAtOnceSplitsThePairAndFails() {
        String text = "x".repeat(2047) + "\ud83d\ude00";

        assertThatThrownBy(() -> {
            try (var container = new ContainerWriter(2048)) {
                container.write(text);
            }
        }).isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void aBufferTooSmallForAPairIsRefused() {
        assertThatThrownBy(() -> new TextFrameWriter(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> characters = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.chars().range('a', 'z').map(String::valueOf)),
                Tuple.of(2, Arbitraries.chars().range('\u00a0', '\u07ff').map(String::valueOf)),
                Tuple.of(2, Arbitraries.chars().range('\u0800', '\ud7ff').map(String::valueOf)),
                Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString)));
        return characters.list().ofMaxSize(300).map(list -> String.join("", list));
    }

    private static String written(String text, int bufferChars) throws IOException {
        var container = new ContainerWriter(bufferChars);
        try (container) {
            new TextFrameWriter(bufferChars).write(text, container);
        }
        // no empty fragment before the last (an empty text is one empty final fragment)
        assertThat(container.fragments.subList(0, container.fragments.size() - 1))
                .allSatisfy(fragment -> assertThat(fragment.length).isPositive());
        assertThat(container.fragments).allSatisfy(fragment ->
                assertThat(fragment.length).isLessThanOrEqualTo(bufferChars * 3));
        return container.message();
    }

    /**
     * Tomcat's {@code WsRemoteEndpointImplBase.WsWriter}, as far as fragments go: a buffer of {@code bufferChars}
     * sent as a fragment when a write overflows it and on flush, the last fragment on close; each fragment encoded to
     * UTF-8 on its own, an unencodable one failing the write with {@link IllegalArgumentException} as Tomcat's does.
     */
    private static final class ContainerWriter extends Writer {

        private final CharBuffer buffer;
        private final List<byte[]> fragments = new ArrayList<>();

        ContainerWriter(int bufferChars) {
            this.buffer = CharBuffer.allocate(bufferChars);
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            if (length == 0) {
                return;
            }
            if (buffer.remaining() == 0) {
                flush();
            }
            int remaining = buffer.remaining();
            int written = 0;
            while (remaining < length - written) {
                buffer.put(chars, offset + written, remaining);
                written += remaining;
                flush();
                remaining = buffer.remaining();
            }
            buffer.put(chars, offset + written, length - written);
        }

        @Override
        public void flush() {
            if (buffer.position() > 0) {
                send();
            }
        }

        @Override
        public void close() {
            send();
        }

        private void send() {
            buffer.flip();
            try {
                ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).encode(buffer);
                byte[] fragment = new byte[bytes.remaining()];
                bytes.get(fragment);
                fragments.add(fragment);
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException("Fragment cannot be encoded: " + e, e);
            } finally {
                buffer.clear();
            }
        }

        String message() {
            var all = new ByteArrayOutputStream();
            fragments.forEach(all::writeBytes);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
