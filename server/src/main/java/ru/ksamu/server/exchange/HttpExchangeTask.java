package ru.ksamu.server.exchange;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import ru.ksamu.platform.DataFolder;
import ru.ksamu.release.files.AtomicFiles;
import ru.ksamu.release.files.Sizes;
import ru.ksamu.release.net.ProxySetting;
import ru.ksamu.schedule.ScheduleValidator.FieldError;
import ru.ksamu.server.tasks.TaskOption;
import ru.ksamu.server.tasks.TaskRun;
import ru.ksamu.server.tasks.TaskType;
import ru.ksamu.server.threads.WorkContext;

/**
 * HTTP-обмен (issue 23, point 2): one request to a counterpart's address (a registry, a regional
 * service) with the run's date and time in the address and body, retried with exponential backoff
 * until the expected status comes, the answer saved to a folder under the run's time.
 *
 * <p>Headers come from a file of {@code Name: value} lines, not from an option: options are shown
 * in the task table to anyone who may view it, and headers often carry a token.
 */
@Component
class HttpExchangeTask implements TaskType {

    static final String KEY = "HTTP_EXCHANGE";
    static final String URL = "url";
    static final String METHOD = "method";
    static final String HEADERS_FILE = "headers-file";
    static final String BODY = "body";
    static final String BODY_FILE = "body-file";
    static final String CONTENT_TYPE = "content-type";
    static final String EXPECTED = "expected-status";
    static final String ATTEMPTS = "attempts";
    static final String TIMEOUT = "timeout";
    static final String ANSWER_FOLDER = "answer-folder";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    static final int MAX_ATTEMPTS = 10;
    static final long MAX_TIMEOUT_SECONDS = 3600;
    /** Header and body files are the admin's small texts, not data. */
    static final long MAX_TEMPLATE_BYTES = 1024 * 1024;
    static final long POLL_MILLIS = 200;
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final ExchangeSettings settings;
    private final ExchangeHttp http;
    private final Clock clock;
    private final Path workFolder;

    HttpExchangeTask(ExchangeSettings settings, ExchangeHttp http, Clock clock, DataFolder data) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.workFolder = data.root().resolve("exchange");
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String titleRu() {
        return "HTTP-обмен";
    }

    @Override
    public String titleEn() {
        return "HTTP exchange";
    }

    @Override
    public boolean exclusive() {
        return false;
    }

    @Override
    public List<TaskOption> options() {
        return List.of(new TaskOption(URL, "Адрес (http:// или https://)", TaskOption.Kind.TEXT, true, null),
                new TaskOption(METHOD, "Метод", TaskOption.Kind.TEXT, false, "GET"),
                new TaskOption(HEADERS_FILE, "Файл заголовков (строки «Имя: значение»)", TaskOption.Kind.TEXT, false, null),
                new TaskOption(BODY, "Тело запроса (шаблон)", TaskOption.Kind.TEXT, false, null),
                new TaskOption(BODY_FILE, "Файл тела запроса (шаблон)", TaskOption.Kind.TEXT, false, null),
                new TaskOption(CONTENT_TYPE, "Тип тела запроса", TaskOption.Kind.TEXT, false, "application/json; charset=UTF-8"),
                new TaskOption(EXPECTED, "Ожидаемый код ответа", TaskOption.Kind.TEXT, false, "200"),
                new TaskOption(ATTEMPTS, "Попыток", TaskOption.Kind.NUMBER, false, "3"),
                new TaskOption(TIMEOUT, "Ожидание ответа, с", TaskOption.Kind.NUMBER, false, "60"),
                new TaskOption(ANSWER_FOLDER, "Папка для ответов (пусто — не сохранять)", TaskOption.Kind.FOLDER, false, null));
    }

    @Override
    public List<FieldError> checkOptions(Map<String, String> o) {
        List<FieldError> errors = new ArrayList<>();
        String url = o.get(URL);
        List<String> unknownInUrl = BodyTemplate.unknown(url);
        if (!unknownInUrl.isEmpty()) {
            errors.add(error(URL, "«Адрес»: " + BodyTemplate.unknownMessage(unknownInUrl.get(0)),
                    "Option 'url': unknown placeholder ${" + unknownInUrl.get(0) + "}"));
        } else if (!validUrl(url, ZonedDateTime.now(clock))) {
            errors.add(error(URL, "«Адрес» = «" + url + "»: нужен адрес http:// или https:// с именем сервера",
                    "Option 'url' = '" + url + "': an http:// or https:// address with a host is needed"));
        }
        if (!METHODS.contains(o.get(METHOD))) {
            errors.add(error(METHOD, "«Метод» = «" + o.get(METHOD) + "»: допустимы " + String.join(", ", new TreeSet<>(METHODS)),
                    "Option 'method': one of " + String.join(", ", new TreeSet<>(METHODS))));
        }
        if (o.get(BODY) != null && o.get(BODY_FILE) != null) {
            errors.add(error(BODY_FILE, "Укажите либо «Тело запроса», либо «Файл тела запроса», не оба",
                    "Give either 'body' or 'body-file', not both"));
        }
        List<String> unknownInBody = BodyTemplate.unknown(o.get(BODY));
        if (!unknownInBody.isEmpty()) {
            errors.add(error(BODY, "«Тело запроса»: " + BodyTemplate.unknownMessage(unknownInBody.get(0)),
                    "Option 'body': unknown placeholder ${" + unknownInBody.get(0) + "}"));
        }
        if (expected(o.get(EXPECTED)).isEmpty()) {
            errors.add(error(EXPECTED, "«Ожидаемый код ответа» = «" + o.get(EXPECTED) + "»: нужны коды от 100 до 599 через запятую",
                    "Option 'expected-status': codes from 100 to 599, comma-separated"));
        }
        long attempts = Long.parseLong(o.get(ATTEMPTS));
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            errors.add(error(ATTEMPTS, "«Попыток»: от 1 до " + MAX_ATTEMPTS, "Option 'attempts': from 1 to " + MAX_ATTEMPTS));
        }
        long timeout = Long.parseLong(o.get(TIMEOUT));
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            errors.add(error(TIMEOUT, "«Ожидание ответа, с»: от 1 до " + MAX_TIMEOUT_SECONDS,
                    "Option 'timeout': from 1 to " + MAX_TIMEOUT_SECONDS + " seconds"));
        }
        return errors;
    }

    private static FieldError error(String key, String ru, String en) {
        return new FieldError("options." + key, ru, en);
    }

    private static boolean validUrl(String url, ZonedDateTime at) {
        try {
            URI u = URI.create(BodyTemplate.expand(url, at));
            return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** "200" or "200, 204": the accepted codes; empty when the text is not such a list. */
    static Set<Integer> expected(String text) {
        try {
            Set<Integer> codes = Arrays.stream(text.split(",")).map(String::strip).map(Integer::parseInt)
                    .collect(Collectors.toSet());
            return codes.stream().allMatch(c -> c >= 100 && c <= 599) ? codes : Set.of();
        } catch (NumberFormatException e) {
            return Set.of();
        }
    }

    @Override
    public void run(TaskRun run) throws Exception {
        WorkContext work = run.work();
        ZonedDateTime at = ZonedDateTime.now(clock);
        URI uri = URI.create(BodyTemplate.expand(run.option(URL), at));
        String method = run.option(METHOD);
        String body = body(run, at);
        HttpRequest request = request(run, uri, method, body);
        Set<Integer> expected = expected(run.option(EXPECTED));
        int attempts = (int) run.numberOption(ATTEMPTS);
        Duration timeout = Duration.ofSeconds(run.numberOption(TIMEOUT));
        Path folder = answerFolder(run.option(ANSWER_FOLDER));
        run.info("HTTP-обмен: " + method + " " + uri + (body == null ? "" : " (тело " + body.length() + " символов)")
                + ", ожидается " + run.option(EXPECTED) + ", попыток " + attempts);
        String reason = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            work.checkpoint();
            work.step("Запрос " + attempt + " из " + attempts + ": " + method + " " + uri);
            Path part = Files.createTempFile(folder, ".answer-", ".part");
            try {
                HttpResponse<Long> answer = send(work, request, part, timeout);
                if (expected.contains(answer.statusCode())) {
                    save(run, folder, part, answer, at);
                    run.info("Ответ " + answer.statusCode() + " на попытке " + attempt + ", " + answer.body() + " байт");
                    work.progress(100);
                    return;
                }
                reason = "ответ " + answer.statusCode() + (answer.statusCode() == 407 ? " от прокси "
                        + settings.proxySetting().display() + ": нужен вход, проверьте " + ExchangeSettings.PROXY_KEY : "")
                        + snippet(part);
            } catch (AnswerFailure f) {
                reason = f.getMessage();
            } finally {
                Files.deleteIfExists(part);
            }
            work.log(WorkContext.LogLevel.WARN, "Попытка " + attempt + " из " + attempts + ": " + reason);
            if (attempt < attempts) {
                pause(work, backoff(attempt));
            }
        }
        throw new ExchangeFailedException("HTTP-обмен с " + uri + " не удался за " + attempts + " попыт"
                + (attempts == 1 ? "ку" : attempts < 5 ? "ки" : "ок") + ": " + reason + "; следующий запуск — по расписанию");
    }

    /** The wait after the given try: the first delay, doubled per further try, never above the cap. */
    Duration backoff(int attempt) {
        Duration d = settings.retryDelay().multipliedBy(1L << Math.min(20, attempt - 1));
        return d.compareTo(settings.retryMaxDelay()) > 0 ? settings.retryMaxDelay() : d;
    }

    /** Waits, looking at the stop flag a few times a second: "Остановить" must not wait for the backoff. */
    private static void pause(WorkContext work, Duration d) throws InterruptedException {
        work.step("Пауза " + d.toSeconds() + " с перед следующей попыткой");
        long end = System.nanoTime() + d.toNanos();
        for (long left = d.toNanos(); left > 0; left = end - System.nanoTime()) {
            work.checkpoint();
            Thread.sleep(Math.min(POLL_MILLIS, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
        work.checkpoint();
    }

    /** Why a try got no answer, in Russian. */
    private static final class AnswerFailure extends Exception {
        AnswerFailure(String messageRu) {
            super(messageRu);
        }
    }

    /**
     * One try, the whole exchange (connect, answer, body) within {@code timeout}; the stop flag is
     * looked at meanwhile, and a stop or the timeout cancels the request.
     */
    private HttpResponse<Long> send(WorkContext work, HttpRequest request, Path part, Duration timeout)
            throws AnswerFailure, InterruptedException {
        CompletableFuture<HttpResponse<Long>> f = http.client()
                .sendAsync(request, AnswerFile.handler(part, settings.maxAnswerSize().toBytes()));
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    return f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (work.stopRequested()) {
                        f.cancel(true);
                        work.checkpoint();
                    }
                    if (System.nanoTime() - end > 0) {
                        f.cancel(true);
                        throw new AnswerFailure("нет ответа за " + timeout.toSeconds() + " с");
                    }
                }
            }
        } catch (ExecutionException e) {
            throw new AnswerFailure(describe(settings, e.getCause()));
        }
    }

    /** Why a try failed, in Russian: the proxy named when the failure is likely its. */
    static String describe(ExchangeSettings settings, Throwable e) {
        ProxySetting proxy = settings.proxySetting();
        String via = proxy.direct() ? "" : " (через прокси " + proxy.display() + ")";
        if (e instanceof AnswerFile.TooLargeException) {
            return "ответ больше " + Sizes.russian(settings.maxAnswerSize().toBytes()) + " (ksamu.exchange.max-answer-size) и не принят";
        }
        if (e instanceof HttpConnectTimeoutException) {
            return "соединение не установлено за " + settings.connectTimeout().toSeconds() + " с" + via;
        }
        if (e instanceof ConnectException) {
            return proxy.direct() ? "соединение не установлено (адрес не отвечает или порт закрыт)"
                    : "прокси " + proxy.display() + " не отвечает (" + ExchangeSettings.PROXY_KEY + ")";
        }
        if (e instanceof IOException && e.getMessage() != null && e.getMessage().contains("header parser received no bytes")) {
            return "соединение закрыто без ответа" + via;
        }
        if (!proxy.direct() && e instanceof IOException && "No credentials provided".equals(e.getMessage())) {
            // The JDK's words when the answer asks for a password our proxy-only authenticator does not give.
            return "прокси " + proxy.display() + " отклонил вход: проверьте пользователя и пароль в " + ExchangeSettings.PROXY_KEY;
        }
        return "ошибка соединения" + via + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private HttpRequest request(TaskRun run, URI uri, String method, String body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        String headersFile = run.option(HEADERS_FILE);
        boolean contentType = false;
        if (headersFile != null) {
            int n = 0;
            for (String line : readSmall(headersFile, "Файл заголовков").split("\\R")) {
                n++;
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon < 1) {
                    throw new ExchangeFailedException("Файл заголовков " + headersFile + ", строка " + n
                            + ": нужна строка «Имя: значение»");
                }
                String name = line.substring(0, colon).strip();
                contentType |= name.equalsIgnoreCase("Content-Type");
                try {
                    b.header(name, line.substring(colon + 1).strip());
                } catch (IllegalArgumentException e) {
                    throw new ExchangeFailedException("Файл заголовков " + headersFile + ", строка " + n
                            + ": заголовок «" + name + "» задать нельзя (" + e.getMessage() + ")");
                }
            }
        }
        if (body != null && !contentType) {
            b.header("Content-Type", run.option(CONTENT_TYPE));
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }

    private static String body(TaskRun run, ZonedDateTime at) throws IOException {
        String template = run.option(BODY_FILE) != null ? readSmall(run.option(BODY_FILE), "Файл тела запроса") : run.option(BODY);
        if (template == null) {
            return null;
        }
        try {
            return BodyTemplate.expand(template, at);
        } catch (IllegalArgumentException e) {
            throw new ExchangeFailedException("Тело запроса: " + e.getMessage());
        }
    }

    private static String readSmall(String file, String whatRu) throws IOException {
        Path p = Path.of(file);
        if (!Files.isRegularFile(p)) {
            throw new ExchangeFailedException(whatRu + " не найден: " + p);
        }
        if (Files.size(p) > MAX_TEMPLATE_BYTES) {
            throw new ExchangeFailedException(whatRu + " " + p + " больше " + MAX_TEMPLATE_BYTES / 1024 + " КБ");
        }
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private Path answerFolder(String option) throws IOException {
        if (option == null) {
            return Files.createDirectories(workFolder);
        }
        Path folder = Path.of(option);
        if (!Files.isDirectory(folder)) {
            throw new ExchangeFailedException("Папка для ответов не найдена: " + folder);
        }
        return folder;
    }

    /** Gives the answer its name in one atomic step, so a reader of the folder never sees half a file. */
    private static void save(TaskRun run, Path folder, Path part, HttpResponse<Long> answer, ZonedDateTime at) throws IOException {
        if (run.option(ANSWER_FOLDER) == null) {
            return;
        }
        String base = run.task().name().replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_").strip();
        base = (base.length() > 80 ? base.substring(0, 80) : base) + "-" + FILE_TIME.format(at);
        String ext = extension(answer.headers().firstValue("Content-Type").orElse(""));
        Path target = folder.resolve(base + ext);
        for (int i = 2; ; i++) {
            try {
                AtomicFiles.commit(part, target, false); // never over an earlier answer
                break;
            } catch (FileAlreadyExistsException taken) {
                target = folder.resolve(base + "-" + i + ext);
            }
        }
        run.info("Ответ сохранён: " + target);
    }

    static String extension(String contentType) {
        String t = contentType.toLowerCase(Locale.ROOT);
        return t.contains("json") ? ".json" : t.contains("xml") ? ".xml" : t.startsWith("text/") ? ".txt" : ".bin";
    }

    /** The start of an unexpected answer, for the run log (one line, at most 200 characters). */
    private static String snippet(Path part) {
        try {
            byte[] head;
            try (var in = Files.newInputStream(part)) {
                head = in.readNBytes(800);
            }
            String text = new String(head, StandardCharsets.UTF_8).replaceAll("\\s+", " ").replaceAll("\\p{Cntrl}", "?").strip();
            return text.isEmpty() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) + "…" : text);
        } catch (IOException e) {
            return "";
        }
    }
}
