package io.secureconnect.common.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.secureconnect.common.web.ApiException;
import io.secureconnect.common.web.CommonErrorCode;

import org.junit.jupiter.api.Test;

class PagingUnitTest {

    @Test
    void aCursorGivesBackItsPartsEvenWhenTheLastIsFreeTextWithTheSeparator() {
        UUID id = UUID.randomUUID();

        Cursor cursor = Cursor.decode(Cursor.encode(id, "ann\nsmith|x"), 2, CommonErrorCode.VALIDATION_FAILED);

        assertThat(cursor.id(0)).isEqualTo(id);
        assertThat(cursor.text(1)).isEqualTo("ann\nsmith|x");
    }

    @Test
    void noCursorOrABlankOneIsTheFirstPage() {
        assertThat(Cursor.decode(null, 1, CommonErrorCode.VALIDATION_FAILED)).isNull();
        assertThat(Cursor.decode(" ", 1, CommonErrorCode.VALIDATION_FAILED)).isNull();
        assertThat(Position.decode(null)).isNull();
    }

    @Test
    void aCursorThisServiceDidNotIssueIsRefusedWithTheCodeOfItsApi() {
        assertThatThrownBy(() -> Cursor.decode("!!", 1, CommonErrorCode.VALIDATION_FAILED))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(CommonErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> Cursor.decode("not-a-cursor", 1, CommonErrorCode.VALIDATION_FAILED).id(0))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(CommonErrorCode.VALIDATION_FAILED));
        assertThatThrownBy(() -> Position.decode(Cursor.encode("yesterday", UUID.randomUUID())))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(CommonErrorCode.MALFORMED_REQUEST));
    }

    @Test
    void aPositionSurvivesTheRoundTrip() {
        Position position = new Position(Instant.parse("2026-12-07T10:15:30.123456Z"), UUID.randomUUID());

        assertThat(Position.decode(position.encode())).isEqualTo(position);
    }

    @Test
    void aPageKeepsTheLimitAndContinuesAfterItsLastItemOnlyWhenThereIsMore() {
        Page<Integer> full = Page.of(List.of(1, 2, 3, 4), 3, last -> "after " + last);
        Page<Integer> last = Page.of(List.of(1, 2), 3, item -> "after " + item);

        assertThat(full.items()).containsExactly(1, 2, 3);
        assertThat(full.nextCursor()).isEqualTo("after 3");
        assertThat(full.map(n -> n * 10).items()).containsExactly(10, 20, 30);
        assertThat(last.items()).containsExactly(1, 2);
        assertThat(last.nextCursor()).isNull();
    }
}
