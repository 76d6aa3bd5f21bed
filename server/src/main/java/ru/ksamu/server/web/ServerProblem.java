package ru.ksamu.server.web;

import ru.ksamu.platform.problems.ProblemCode;

/**
 * Every code the server's API refuses with: the one catalogue, documented in
 * {@code docs/api/server-openapi.yaml} (a test keeps the two equal). The names are a wire format:
 * workstation launchers already installed in clinics read them; a name never changes meaning.
 */
public enum ServerProblem implements ProblemCode {
    /** A field of a task form is wrong: one entry per field in {@code errors}. */
    VALIDATION(400, "Неверные поля", "invalid fields"),
    /** A query or path parameter is not of its type or out of range. */
    BAD_PARAMETER(400, "Неверный параметр", "invalid parameter"),
    /** The body is not JSON of the expected shape. */
    MALFORMED(400, "Тело запроса не разобрано", "malformed request body"),
    /** A JSON body of the account or registration API is missing, too large, or a value is wrong. */
    INVALID_ARGUMENT(400, "Неверные данные запроса", "invalid request data"),
    /** The new admin password is refused (too short, too long, the current one wrong). */
    INVALID_PASSWORD(400, "Пароль не принят", "password refused"),
    /** The request is malformed in a way no other code names. */
    BAD_REQUEST(400, "Неверный запрос", "bad request"),
    /** The Host header names a host this server does not answer to (DNS rebinding guard). */
    HOST_NOT_ALLOWED(400, "Имя сервера не разрешено", "host name not allowed"),
    /** A restore names a database the server does not manage. */
    NO_DATABASE(400, "Нет такой базы данных", "no such database"),
    /** A restore names a backup of another kind of database. */
    WRONG_KIND(400, "Копия другой базы данных", "backup of another kind of database"),
    /** The admin password is needed (HTTP Basic). */
    UNAUTHORIZED(401, "Нужен пароль администратора", "admin password required"),
    /** The clinic program's API needs a registered workstation's token, and none or an unknown one was given. */
    WORKSTATION_NOT_REGISTERED(401, "Рабочее место не подключено", "workstation not registered"),
    /** The workstation's token was revoked by the admin. */
    WORKSTATION_REVOKED(401, "Доступ рабочего места отозван", "workstation access revoked"),
    /** The caller is known but may not do this. */
    FORBIDDEN(403, "Доступ запрещён", "forbidden"),
    /** The admin still has the default password: only a new password is accepted. */
    PASSWORD_CHANGE_REQUIRED(403, "Нужно сменить пароль по умолчанию", "default password must be changed"),
    /** A workstation registration with a wrong enrollment code. */
    WRONG_ENROLLMENT_CODE(403, "Неверный код подключения", "wrong enrollment code"),
    /** No such path, task, workstation, thread or file. */
    NOT_FOUND(404, "Не найдено", "not found"),
    /** No KSAMU version is installed yet, so there is no client to give. */
    NOT_INSTALLED(404, "Версия КСАМУ не установлена", "no KSAMU version installed"),
    /** The main base has no patient table yet. */
    NO_TABLE(404, "В базе нет таблицы пациентов", "no patient table"),
    /** A restore names a backup file that is not there. */
    NO_BACKUP(404, "Нет такой резервной копии", "no such backup"),
    /** The method is not accepted at this path ({@code Allow} lists those that are). */
    METHOD_NOT_ALLOWED(405, "Метод не принимается", "method not allowed"),
    /** No answer of the kind the {@code Accept} header asks for. */
    NOT_ACCEPTABLE(406, "Ответ в таком виде не дать", "not acceptable"),
    /** The task is already running or waiting. */
    BUSY(409, "Уже выполняется", "already running"),
    /** There is no countdown to cancel, or its deadline has passed. */
    NOT_CANCELLABLE(409, "Отменить нельзя", "cannot be cancelled"),
    /** A release bundle (offline import) or an install from a file is refused: the message names the file and why; nothing was stored. */
    RELEASE_REFUSED(422, "Релиз отклонён", "release refused"),
    /** The body is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(413, "Слишком большой запрос", "request too large"),
    /** The body's content type is not accepted at this path. */
    UNSUPPORTED_MEDIA_TYPE(415, "Тип тела не принимается", "unsupported media type"),
    /** Too many failed sign-ins or enrollment codes from this address ({@code Retry-After}). */
    THROTTLED(429, "Слишком много попыток", "too many attempts"),
    /** The server's own failure; the details are in its log. */
    INTERNAL(500, "Внутренняя ошибка сервера", "internal server error"),
    /** The server cannot take this now: an update or restore holds the base, too many streams ({@code Retry-After}). */
    UNAVAILABLE(503, "Сервер временно недоступен", "temporarily unavailable");

    private final Meaning meaning;

    ServerProblem(int status, String titleRu, String titleEn) {
        this.meaning = new Meaning(status, titleRu, titleEn);
    }

    @Override
    public Meaning meaning() {
        return meaning;
    }

    /** The code of a refusal made by Spring Security, Spring MVC or the web server with this status. */
    public static ServerProblem forStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> THROTTLED;
            case 503 -> UNAVAILABLE;
            default -> status < 500 ? BAD_REQUEST : INTERNAL;
        };
    }
}
