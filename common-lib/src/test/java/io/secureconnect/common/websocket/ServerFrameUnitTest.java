package io.secureconnect.common.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonTypeName;
import tools.jackson.databind.json.JsonMapper;

class ServerFrameUnitTest {

    @JsonTypeName("reaction")
    record Reaction(String messageId, String emoji, String ref) implements ServerFrame {
    }

    @Test
    void aFrameIsWrittenWithItsTypeFirstAndWithoutNullMembers() {
        String written = JsonMapper.builder().build().writeValueAsString(new Reaction("m1", "👍", null));

        assertThat(written).isEqualTo("{\"type\":\"reaction\",\"messageId\":\"m1\",\"emoji\":\"👍\"}");
    }
}
