package ru.ksamu.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

class ApiErrorsTest {

    @Test
    void everyCodeHasTheStatusTheReleaseFormatSuggests() {
        Map<ErrorCode, Integer> expected = new EnumMap<>(ErrorCode.class);
        expected.put(ErrorCode.INVALID_VERSION, 400);
        expected.put(ErrorCode.INVALID_ARGUMENT, 400);
        expected.put(ErrorCode.HUB_UNAUTHORIZED, 401);
        expected.put(ErrorCode.RELEASE_NOT_FOUND, 404);
        expected.put(ErrorCode.RELEASE_EXISTS, 409);
        expected.put(ErrorCode.SIZE_LIMIT, 413);
        for (ErrorCode code : ErrorCode.values()) {
            int status = ApiErrors.statusOf(new Refusal(code));
            ErrorCode.Family family = code.family();
            int wanted = expected.getOrDefault(code, switch (family) {
                case CONTENT, INTEGRITY, TRUST -> 422;
                default -> 500;
            });
            assertThat(status).as(code.name()).isEqualTo(wanted);
        }
    }

    @Test
    void everyCodeTheHubAnswersWithIsInItsCatalogueWithItsStatus() {
        for (ErrorCode code : ErrorCode.values()) {
            int status = ApiErrors.statusOf(new Refusal(code));
            if (status < 500) {
                assertThat(HubProblem.of(code).status()).as(code.name()).isEqualTo(status);
            }
        }
        assertThat(HubProblem.forStatus(500)).isEqualTo(HubProblem.HUB_ERROR);
        assertThat(HubProblem.forStatus(401)).isEqualTo(HubProblem.HUB_UNAUTHORIZED);
    }

    private static final class Refusal extends ReleaseException {
        Refusal(ErrorCode code) {
            super(code, "ru", "en", null);
        }
    }
}
