package io.secureconnect.common.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** What {@link StorableText} and {@link Storable} let through. */
class StorableTextUnitTest {

    @Example
    void textWithPairedSurrogatesIsStorable() {
        assertThat(StorableText.isStorable("hi \ud83d\ude00 there")).isTrue();
        assertThat(StorableText.isStorable("")).isTrue();
        assertThat(StorableText.isStorable(null)).isTrue();
    }

    @Example
    void aNulOrAnUnpairedSurrogateAnywhereIsNot() {
        assertThat(StorableText.isStorable("a\u0000b")).isFalse();
        assertThat(StorableText.isStorable("\ud83d")).isFalse();
        assertThat(StorableText.isStorable("x\ude00")).isFalse();
        assertThat(StorableText.isStorable("\ude00\ud83d")).isFalse();
        assertThat(StorableText.firstUnstorable("ab\ud83d\ude00\ud83d")).isEqualTo(4);
    }

    @Example
    void nulIsWellFormedThoughNotStorable() {
        assertThat(StorableText.isWellFormed("a\u0000b")).isTrue();
        assertThat(StorableText.isWellFormed("a\ud800b")).isFalse();
    }

    /** Well-formed means exactly what a strict UTF-8 encoder accepts. */
    @Property(tries = 300)
    void wellFormedIsWhatEncodesAsUtf8(@ForAll("utf16") String text) {
        assertThat(StorableText.isWellFormed(text)).isEqualTo(encodes(text));
        assertThat(StorableText.isStorable(text)).isEqualTo(encodes(text) && text.indexOf('\u0000') < 0);
    }

    @Example
    void theConstraintRefusesWhatTheCheckRefuses() {
        try (var factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();

            assertThat(validator.validate(new Named("ok \ud83d\ude00", List.of("a")))).isEmpty();
            assertThat(validator.validate(new Named("bad \ud83d", List.of("a")))).hasSize(1);
            assertThat(validator.validate(new Named("ok", List.of("a", "b\u0000")))).hasSize(1);
        }
    }

    record Named(@Storable String name, List<@Storable String> options) {
    }

    @Provide
    Arbitrary<String> utf16() {
        Arbitrary<Character> chars = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.chars().range('a', 'z')),
                Tuple.of(1, Arbitraries.of('\u0000')),
                Tuple.of(2, Arbitraries.chars().range('\ud800', '\udbff')),
                Tuple.of(2, Arbitraries.chars().range('\udc00', '\udfff')));
        return chars.list().ofMaxSize(12).map(list -> {
            StringBuilder text = new StringBuilder();
            list.forEach(text::append);
            return text.toString();
        });
    }

    private static boolean encodes(String text) {
        try {
            StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(text));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
