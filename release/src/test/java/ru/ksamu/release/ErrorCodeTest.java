package ru.ksamu.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyCodeMapsToAFamilyExitCodeBetweenTwoAndEight() {
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.exitCode()).as(code.name()).isBetween(2, 8);
            assertThat(ErrorCode.fromWire(code.name())).contains(code);
        }
        assertThat(Arrays.stream(ErrorCode.Family.values()).map(ErrorCode.Family::exitCode).distinct().count())
                .isEqualTo(ErrorCode.Family.values().length);
    }

    @Test
    void unknownWireNamesAreEmpty() {
        assertThat(ErrorCode.fromWire("NO_SUCH_CODE")).isEmpty();
        assertThat(ErrorCode.fromWire("hash_mismatch")).isEmpty();
        assertThat(ErrorCode.fromWire(null)).isEmpty();
    }
}
