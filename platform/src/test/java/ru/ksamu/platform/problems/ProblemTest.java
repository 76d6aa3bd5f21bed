package ru.ksamu.platform.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    /** A catalogue of one code, as a program's enum would list it. */
    private enum Code implements ProblemCode {
        NOT_FOUND;

        @Override
        public Meaning meaning() {
            return new Meaning(404, "Не найдено", "not found");
        }
    }

    @Test
    void theBodyHasTheStandardMembersThenTheKsamuOnesInOrder() {
        Map<String, Object> body = Code.NOT_FOUND.problem("Задание #7 не найдено", "task #7 not found")
                .with("errors", List.of()).body("/api/v1/tasks/7");
        assertThat(body.keySet()).containsExactly("type", "title", "status", "detail", "instance", "code", "message",
                "messageEn", "errors");
        assertThat(body).containsEntry("type", "urn:ksamu:problem:NOT_FOUND").containsEntry("title", "Не найдено")
                .containsEntry("status", 404).containsEntry("detail", "Задание #7 не найдено")
                .containsEntry("message", "Задание #7 не найдено").containsEntry("messageEn", "task #7 not found")
                .containsEntry("instance", "/api/v1/tasks/7").containsEntry("code", "NOT_FOUND");
    }

    @Test
    void anotherStatusAndRetryAfterAreKeptAndTheOriginalIsUnchanged() {
        Problem p = Code.NOT_FOUND.problem("ru", "en");
        Problem later = p.withStatus(410).withRetryAfter(60);
        assertThat(later.status()).isEqualTo(410);
        assertThat(later.headers()).containsEntry("Retry-After", "60");
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.headers()).isEmpty();
    }

    @Test
    void aStandardMemberCannotBeOverwrittenNorAStatusOutsideErrors() {
        Problem p = Code.NOT_FOUND.problem("ru", "en");
        assertThatThrownBy(() -> p.with("message", "x")).hasMessageContaining("'message'");
        assertThatThrownBy(() -> p.withStatus(200)).hasMessageContaining("200").hasMessageContaining("NOT_FOUND");
    }

    @Test
    void theExceptionsMessageIsRussianThenEnglish() {
        ProblemException e = new ProblemException(Code.NOT_FOUND.problem("нет", "none"));
        assertThat(e.getMessage()).isEqualTo("нет / none");
        assertThat(e.russian()).isEqualTo("нет");
        assertThat(e.english()).isEqualTo("none");
    }
}
