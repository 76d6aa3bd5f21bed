package ru.ksamu.release.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import ru.ksamu.release.Channel;
import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.ReleaseIoException;
import ru.ksamu.release.Version;
import ru.ksamu.release.internal.Texts;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hub's release API as the CLI uses it (see docs/release-format.md, "HTTP contract"):
 * {@code POST /api/v1/releases?channel=C} with the zip, {@code POST /api/v1/releases/V/promote?to=C},
 * {@code POST /api/v1/releases/V/withdraw}; all with {@code Authorization: Bearer TOKEN}.
 */
final class HubClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Promote and withdraw are small; an upload may take long and has no overall timeout. */
    static final Duration SMALL_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HubClient(String hubUrl, String token) {
        this.base = parseBase(hubUrl);
        this.token = token;
    }

    /**
     * Uploads a bundle zip into a channel, reporting each chunk handed to the connection. The hub is
     * asked first whether it would take the upload (token, channel, size), so that a refusal comes
     * at once instead of after the whole body: JDK's client reads no answer before its body is sent.
     */
    JsonNode publish(Path zip, long size, Channel channel, LongConsumer progress) {
        send(request("/api/v1/releases/check?channel=" + channel.wireName() + "&size=" + size)
                .timeout(SMALL_REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpRequest.BodyPublisher file;
        try {
            file = HttpRequest.BodyPublishers.ofFile(zip);
        } catch (FileNotFoundException e) {
            throw new ReleaseIoException(zip, e);
        }
        HttpRequest request = request("/api/v1/releases?channel=" + channel.wireName())
                .header("Content-Type", "application/zip")
                // No "Expect: 100-continue": JDK 17's client hangs past its timeout when a server
                // refuses such an upload with a body instead of "100 Continue" (seen against the hub).
                .POST(new CountingPublisher(file, progress))
                .build();
        return send(request);
    }

    /** Moves a release into another channel. */
    JsonNode promote(Version version, Channel to) {
        return send(request("/api/v1/releases/" + version + "/promote?to=" + to.wireName())
                .timeout(SMALL_REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Takes a release out of every feed. */
    JsonNode withdraw(Version version) {
        return send(request("/api/v1/releases/" + version + "/withdraw")
                .timeout(SMALL_REQUEST_TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw HubException.unreachable(base.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HubException.unreachable(base.toString(), e);
        }
        Optional<JsonNode> body = json(response.body());
        if (response.statusCode() / 100 == 2) {
            return body.orElse(JsonMapper.shared().createObjectNode());
        }
        String code = body.map(node -> node.path("code")).filter(JsonNode::isString).map(JsonNode::stringValue).orElse(null);
        String message = body.map(node -> node.path("message")).filter(JsonNode::isString).map(JsonNode::stringValue)
                .map(ru -> body.map(node -> node.path("messageEn")).filter(JsonNode::isString).map(JsonNode::stringValue)
                        .filter(en -> !en.isBlank()).map(en -> ru + " / " + en).orElse(ru))
                .orElseGet(() -> snippet(response.body()));
        throw HubException.answered(response.statusCode(), code, message);
    }

    private static Optional<JsonNode> json(byte[] body) {
        try {
            JsonNode node = JsonMapper.shared().readTree(body);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static URI parseBase(String hubUrl) {
        String trimmed = hubUrl == null ? "" : hubUrl.strip().replaceAll("/+$", "");
        try {
            URI uri = new URI(trimmed);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            if (http && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Falls through to the refusal below.
        }
        throw new InvalidArgumentException(hubUrl,
                "Неверный адрес хаба " + Texts.quote(hubUrl) + ": нужен http(s)://хост[:порт][/путь]",
                "invalid hub URL " + Texts.quote(hubUrl) + ": expected http(s)://host[:port][/path]");
    }

    /** Passes the body through, counting the bytes of every chunk. */
    private static final class CountingPublisher implements HttpRequest.BodyPublisher {

        private final HttpRequest.BodyPublisher delegate;
        private final LongConsumer progress;

        CountingPublisher(HttpRequest.BodyPublisher delegate, LongConsumer progress) {
            this.delegate = delegate;
            this.progress = progress;
        }

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    int bytes = item.remaining();
                    subscriber.onNext(item);
                    progress.accept(bytes);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }
}
