package ru.ksamu.dist;

import java.io.Console;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ksamu server import FILE}: sends a signed release bundle to the running local server
 * ({@code POST /api/v1/update/import}, admin HTTP Basic), prints the upload's progress and the
 * server's verdict in Russian, and ends non-zero on a refusal. The server does all the verifying;
 * this is only a way to hand it the file where no browser is at hand.
 * <p>
 * The server's address: {@code --url}, else {@code KSAMU_SERVER_URL}, else
 * {@code http://127.0.0.1:<port>} with the port the running server wrote into
 * {@code <data>/server/running.json} (8080 when there is none). The admin's password:
 * {@code --password}, else {@code KSAMU_ADMIN_PASSWORD}, else asked on the console (no echo);
 * with no console (scripts, CI) one of the first two is required.
 */
final class ImportCommand {

    static final int EXIT_REFUSED = 65;
    static final int EXIT_UNAVAILABLE = 69;
    static final int EXIT_DENIED = 77;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** How long the whole upload plus the server's verification may take (a 16 GiB bundle on a slow disk). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(60);

    private final Installation installation;
    private final Map<String, String> env;
    private final PrintStream out;

    ImportCommand(Installation installation, Map<String, String> env, PrintStream out) {
        this.installation = installation;
        this.env = env;
        this.out = out;
    }

    int run(List<String> args) {
        Path file = null;
        String url = env.get("KSAMU_SERVER_URL");
        String password = env.get("KSAMU_ADMIN_PASSWORD");
        boolean install = false;
        Duration timeout = DEFAULT_TIMEOUT;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--install")) {
                install = true;
            } else if (a.startsWith("--url=") || a.equals("--url")) {
                url = value(args, i, "--url");
                i += a.contains("=") ? 0 : 1;
            } else if (a.startsWith("--password=") || a.equals("--password")) {
                password = value(args, i, "--password");
                i += a.contains("=") ? 0 : 1;
            } else if (a.startsWith("--timeout=") || a.equals("--timeout")) {
                timeout = duration(value(args, i, "--timeout"));
                i += a.contains("=") ? 0 : 1;
            } else if (a.startsWith("-")) {
                throw usage("неизвестный параметр " + a, "unknown option " + a);
            } else if (file == null) {
                file = Path.of(a);
            } else {
                throw usage("лишний аргумент " + a, "extra argument " + a);
            }
        }
        if (file == null) {
            throw usage("не указан файл пакета релиза: ksamu server import ФАЙЛ", "no bundle file given: ksamu server import FILE");
        }
        if (!Files.isRegularFile(file)) {
            throw new DistException(DistException.EXIT_MISSING, "файл " + file + " не найден", "file " + file + " not found");
        }
        String base = url == null || url.isBlank() ? "http://127.0.0.1:" + localPort() : url.strip().replaceAll("/+$", "");
        if (password == null || password.isEmpty()) {
            password = ask();
        }
        return send(file, base, password, install, timeout);
    }

    private int send(Path file, String base, String password, boolean install, Duration timeout) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new DistException(DistException.EXIT_IO, "файл " + file + " не читается: " + e.getMessage(),
                    "cannot read " + file + ": " + e.getMessage());
        }
        String name = file.getFileName().toString();
        URI uri = URI.create(base + "/api/v1/update/import?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + (install ? "&install=true" : ""));
        out.println("Импорт " + file + " (" + mb(size) + " МБ) на сервер " + base);
        Progress progress = new Progress(size, out);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return progress.wrap(Files.newInputStream(file));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), size))
                .build();
        HttpResponse<String> response;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new DistException(EXIT_UNAVAILABLE, "сервер " + base + " не ответил за " + timeout.toMinutes() + " мин",
                    "the server " + base + " did not answer within " + timeout);
        } catch (ConnectException e) {
            throw new DistException(EXIT_UNAVAILABLE, "сервер " + base + " недоступен (запущен ли он? адрес: --url)",
                    "the server " + base + " cannot be reached (is it running? address: --url)");
        } catch (IOException e) {
            throw new DistException(EXIT_UNAVAILABLE, "связь с сервером " + base + " прервалась: " + e.getMessage(),
                    "the connection to " + base + " broke: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        String body = response.body();
        String message = field(body, "message").orElse("HTTP " + response.statusCode());
        int status = response.statusCode();
        if (status == 200) {
            out.println(message);
            field(body, "runId").ifPresent(id -> out.println("Установка запущена (№" + id
                    + "); ход работы — на вкладках «Менеджер потоков» и «Логи» консоли"));
            if (!body.contains("\"runId\"")) {
                out.println("Установить: консоль → «Технические работы» → «Установить версию "
                        + field(body, "version").orElse("?") + " из файла», или ksamu server import " + name + " --install");
            }
            return 0;
        }
        if (status == 401 || status == 403) {
            throw new DistException(EXIT_DENIED, "сервер не принял пароль администратора: " + message,
                    "the server refused the admin password: " + message);
        }
        if (status == 422) {
            throw new DistException(EXIT_REFUSED, message, field(body, "messageEn").orElse(message));
        }
        throw new DistException(EXIT_UNAVAILABLE, "сервер ответил " + status + ": " + message,
                "the server answered " + status + ": " + message);
    }

    /** The port the running server wrote into {@code <data>/server/running.json}, else 8080. */
    int localPort() {
        Path running = installation.dataDir().resolve("server").resolve("running.json");
        try {
            Matcher m = Pattern.compile("\"port\"\\s*:\\s*(\\d{1,5})").matcher(Files.readString(running));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        } catch (IOException | RuntimeException e) {
            // No running server noted (or the note is damaged): the default port, and the connect error says the rest.
        }
        return 8080;
    }

    private static String ask() {
        Console console = System.console();
        if (console == null) {
            throw usage("нужен пароль администратора: --password или KSAMU_ADMIN_PASSWORD",
                    "the admin password is needed: --password or KSAMU_ADMIN_PASSWORD");
        }
        char[] p = console.readPassword("Пароль администратора / admin password: ");
        if (p == null || p.length == 0) {
            throw usage("пароль администратора не введён", "no admin password entered");
        }
        return new String(p);
    }

    private static String value(List<String> args, int i, String option) {
        String a = args.get(i);
        if (a.contains("=")) {
            return a.substring(a.indexOf('=') + 1);
        }
        if (i + 1 >= args.size()) {
            throw usage("у " + option + " нет значения", option + " needs a value");
        }
        return args.get(i + 1);
    }

    private static Duration duration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.parse(text.strip());
        } catch (NumberFormatException | DateTimeParseException e) {
            throw usage("--timeout " + text + ": нужно, например, 30m или 90s", "--timeout " + text + ": expected e.g. 30m or 90s");
        }
    }

    private static DistException usage(String ru, String en) {
        return new DistException(DistException.EXIT_USAGE, ru, en);
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0).replace('.', ',');
    }

    /** A string or number field of the server's small JSON answer (no JSON library in the launcher). */
    static Optional<String> field(String json, String name) {
        if (json == null) {
            return Optional.empty();
        }
        Matcher number = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(-?\\d+)").matcher(json);
        if (number.find()) {
            return Optional.of(number.group(1));
        }
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        if (!m.find()) {
            return Optional.empty();
        }
        String s = m.group(1);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> b.append(e);
            }
        }
        return Optional.of(b.toString());
    }

    /** Prints "Передано N из M МБ (P %)" at every tenth of the file, and once all is sent. */
    private static final class Progress {
        private final long total;
        private final PrintStream out;
        private long sent;
        private int shownTenth = -1;

        Progress(long total, PrintStream out) {
            this.total = total;
            this.out = out;
        }

        InputStream wrap(InputStream in) {
            sent = 0;
            shownTenth = -1;
            return new FilterInputStream(in) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        advance(n);
                    }
                    return n;
                }
            };
        }

        private synchronized void advance(int n) {
            sent += n;
            int tenth = total == 0 ? 10 : (int) (sent * 10 / total);
            if (tenth != shownTenth) {
                shownTenth = tenth;
                out.println("Передано " + mb(sent) + " из " + mb(total) + " МБ (" + tenth * 10 + " %)"
                        + (sent >= total ? "; сервер проверяет пакет…" : ""));
            }
        }
    }
}
