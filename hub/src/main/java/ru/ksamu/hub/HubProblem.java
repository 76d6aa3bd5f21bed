package ru.ksamu.hub;

import ru.ksamu.platform.problems.ProblemCode;
import ru.ksamu.release.ErrorCode;

/**
 * Every code the hub's API refuses with: the one catalogue, documented in
 * {@code docs/api/hub-openapi.yaml} (a test keeps the two equal). The release library's codes keep
 * their {@link ErrorCode} names (the release CLI maps them to its exit codes); the statistics
 * endpoint's codes are read by clinic servers. A name never changes meaning.
 */
public enum HubProblem implements ProblemCode {
    INVALID_VERSION(400, "Неверная версия", "invalid version"),
    INVALID_ARGUMENT(400, "Неверный параметр", "invalid argument"),
    /** A request malformed in a way no other code names (the framework's own 400). */
    BAD_REQUEST(400, "Неверный запрос", "bad request"),
    OUTDATED_SERVER(400, "Сервер КСАМУ устарел", "outdated KSAMU server"),
    MISSING_SIGNATURE_HEADER(400, "Нет подписи отчёта", "missing signature header"),
    MALFORMED_SIGNATURE_HEADER(400, "Неверный заголовок подписи", "malformed signature header"),
    INVALID_REPORT(400, "Отчёт не разобран", "invalid report"),
    HUB_UNAUTHORIZED(401, "Нужен токен публикации", "publisher token required"),
    WRONG_KEY(403, "Чужой ключ или неверная подпись", "wrong key or signature"),
    RELEASE_NOT_FOUND(404, "Нет такого релиза или файла", "no such release or file"),
    /** No such API path. */
    NOT_FOUND(404, "Не найдено", "not found"),
    METHOD_NOT_ALLOWED(405, "Метод не принимается", "method not allowed"),
    NOT_ACCEPTABLE(406, "Ответ в таком виде не дать", "not acceptable"),
    RELEASE_EXISTS(409, "Релиз уже есть", "release exists"),
    CLOCK_SKEW(409, "Часы расходятся", "clock skew"),
    REPLAYED(409, "Повтор отчёта", "replayed report"),
    CONFLICT(409, "Одновременные запросы", "concurrent requests"),
    SIZE_LIMIT(413, "Слишком большой", "size limit"),
    UNSUPPORTED_MEDIA_TYPE(415, "Тип тела не принимается", "unsupported media type"),
    UNSAFE_PATH(422, "Опасный путь в релизе", "unsafe path"),
    DUPLICATE_PATH(422, "Повторный путь в релизе", "duplicate path"),
    MALFORMED_MANIFEST(422, "Манифест не разобран", "malformed manifest"),
    MALFORMED_BUNDLE(422, "Пакет релиза не разобран", "malformed bundle"),
    MISSING_FILE(422, "Нет файла из манифеста", "missing file"),
    EXTRA_FILE(422, "Лишний файл", "extra file"),
    HASH_MISMATCH(422, "SHA-256 не совпадает", "hash mismatch"),
    SIZE_MISMATCH(422, "Размер не совпадает", "size mismatch"),
    BAD_SIGNATURE(422, "Подпись не сходится", "bad signature"),
    UNTRUSTED_KEY(422, "Ключ не доверенный", "untrusted key"),
    MALFORMED_KEY(422, "Ключ не разобран", "malformed key"),
    MALFORMED_SIGNATURE(422, "Подпись не разобрана", "malformed signature"),
    TOO_OFTEN(429, "Слишком часто", "too often"),
    TOO_MANY_REGISTRATIONS(429, "Слишком много новых установок", "too many registrations"),
    /** The hub's own failure; the details are in its log. */
    HUB_ERROR(500, "Внутренняя ошибка хаба", "hub error");

    private final Meaning meaning;

    HubProblem(int status, String titleRu, String titleEn) {
        this.meaning = new Meaning(status, titleRu, titleEn);
    }

    @Override
    public Meaning meaning() {
        return meaning;
    }

    /** The entry of a release library's refusal answered with a 4xx; every 5xx is {@link #HUB_ERROR}. */
    public static HubProblem of(ErrorCode code) {
        return valueOf(code.name());
    }

    /** The code of a refusal made by Spring Security, Spring MVC or the web server with this status. */
    public static HubProblem forStatus(int status) {
        return switch (status) {
            case 401 -> HUB_UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> SIZE_LIMIT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status < 500 ? BAD_REQUEST : HUB_ERROR;
        };
    }
}
