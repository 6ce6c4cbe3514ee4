package io.secureconnect.common.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class FrameTypesUnitTest {

    record Note(String text, Integer stars) implements ClientFrame {
        Note {
            InvalidFrame.require(text, "text");
            if (stars != null && stars > 5) {
                throw new InvalidFrame("TOO_MANY_STARS", "At most five stars.");
            }
        }
    }

    private final FrameTypes types = new FrameTypes(JsonMapper.builder().build(), Map.of("note", Note.class), "the docs");

    @Test
    void aFrameOfARegisteredTypeIsReadAsItsRecordWithTheClientsNameForIt() {
        assertThat(types.read("{\"type\":\"note\",\"ref\":\"n-1\",\"text\":\"hi\",\"newer\":true}"))
                .isEqualTo(new Inbound.Frame(new Note("hi", null), "n-1"));
        assertThat(types.read("{\"type\":\"note\",\"clientId\":\"c-1\",\"ref\":\"n-1\",\"text\":\"hi\"}").ref())
                .isEqualTo("c-1");
    }

    @Test
    void whatIsNotAJsonObjectWithAStringTypeIsMalformed() {
        for (String payload : new String[] {"not json", "[1,2]", "{\"type\":42}", "{}", "\"note\""}) {
            assertThat(refusal(payload).code()).as(payload).isEqualTo("MALFORMED_FRAME");
        }
    }

    @Test
    void anUnknownTypeIsNamedAsSuchAndPointsToTheDocs() {
        ErrorFrame error = refusal("{\"type\":\"dance\",\"ref\":\"d-1\"}");

        assertThat(error).isEqualTo(ErrorFrame.of("UNKNOWN_TYPE", "Unknown frame type; see the docs.", "d-1"));
    }

    @Test
    void membersOfTheWrongShapeOrMissingAreValidationErrorsAndARecordMayNameItsOwnCode() {
        assertThat(refusal("{\"type\":\"note\",\"ref\":\"n-2\"}"))
                .isEqualTo(ErrorFrame.of("VALIDATION_FAILED", "text is required.", "n-2"));
        assertThat(refusal("{\"type\":\"note\",\"text\":\"hi\",\"stars\":[1]}"))
                .isEqualTo(ErrorFrame.of("VALIDATION_FAILED", "stars has the wrong form.", null));
        assertThat(refusal("{\"type\":\"note\",\"text\":\"hi\",\"stars\":9}"))
                .isEqualTo(ErrorFrame.of("TOO_MANY_STARS", "At most five stars.", null));
    }

    @Test
    void textThatIsNotWellFormedIsRefusedAndNeverEchoed() {
        ErrorFrame inText = refusal("{\"type\":\"note\",\"ref\":\"n-3\",\"text\":\"a\\ud800b\"}");
        ErrorFrame inName = refusal("{\"type\":\"note\",\"ref\":\"\\udc00\",\"text\":\"hi\"}");

        assertThat(inText.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(inText.ref()).isEqualTo("n-3");
        assertThat(inName.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(inName.ref()).isNull();
        assertThat(types.refOf("{\"type\":\"note\",\"ref\":\"\\udc00\"}")).isNull();
    }

    private ErrorFrame refusal(String payload) {
        return ((Inbound.Refused) types.read(payload)).error();
    }
}
