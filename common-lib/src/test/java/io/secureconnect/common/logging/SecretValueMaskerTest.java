package io.secureconnect.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretValueMaskerTest {

    private final SecretValueMasker masker = new SecretValueMasker("****");

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            token eyJhbGciOi.eyJzdWIiOiI.c2lnbmF0dXJl rejected    | token **** rejected
            Authorization: Bearer abcdefgh12345678              | Authorization: Bearer ****
            sent with BEARER abcdefgh12345678 then              | sent with BEARER **** then
            /api/v1/files?id=7&access_token=s3cr3t&x=1          | /api/v1/files?id=7&access_token=****&x=1
            body {"email":"a@b.c","password":"hunter2"}         | body {"email":"a@b.c","password":"****"}
            """)
    void masksEverySecretInsideTheText(String text, String expected) {
        assertThat(masker.mask(null, text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "/api/v1/conversations/{id}/messages", "200", "a=b&c=d", "bearer", "\"quoted\""})
    void leavesTextWithoutSecretsAlone(String text) {
        assertThat(masker.mask(null, text)).isNull();
    }
}
