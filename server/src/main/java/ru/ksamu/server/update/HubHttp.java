package ru.ksamu.server.update;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import ru.ksamu.release.Durations;
import ru.ksamu.release.files.Sizes;

/**
 * Every call from this server to the hub (the feed check, release files, statistics), each with a
 * connect timeout, an idle-read timeout ({@code ksamu.update.read-timeout}: fewer than
 * {@value #PROGRESS_BYTES} bytes of the answer within it ends the call, so a hub that drips one
 * byte every few seconds is cut as surely as a silent one), a bound on the answer's size, and,
 * where asked, an overall deadline.
 *
 * <p>Why {@link SimpleClientHttpRequestFactory} (HttpURLConnection): its read timeout is the
 * socket's SO_TIMEOUT and applies to every read of the body, and {@link HttpURLConnection#disconnect()}
 * closes the socket from another thread, which ends a blocked read at once. The JDK's HttpClient
 * on Java 17 times out only the headers, and closing its body stream does not wake a reader
 * blocked on it. A watchdog (one daemon thread, {@value #WATCHDOG}) cuts a call that makes no
 * progress or passes its deadline; the socket timeout stays as a second line. The client is built
 * from Boot's {@link RestClient.Builder}, so every call is measured ({@code http.client.requests}).
 *
 * <p>Every call goes through {@code ksamu.update.proxy} when it is set ({@link HubProxy}). The JDK
 * refuses Basic for a proxy's HTTPS tunnel unless the JVM runs with
 * {@code -Djdk.http.auth.tunneling.disabledSchemes=} (read once, when the JDK's HTTP classes load,
 * so it cannot be set from here); without it a warning at start says so. A refused proxy login, a
 * proxy that cannot be reached, and an HTML page instead of the hub's answer (a captive portal) end
 * the call with a Russian reason naming the proxy; the password is in no message.
 */
@Component
public class HubHttp implements DisposableBean {

    /** Less than this much of an answer within the idle-read timeout is "no progress". */
    static final int PROGRESS_BYTES = 1024;
    static final String WATCHDOG = "ksamu-hub-call-watchdog";

    /** The call being set up on this thread: its connection is handed to its guard. */
    private static final ThreadLocal<Guard> SETTING_UP = new ThreadLocal<>();

    private static final Logger log = LoggerFactory.getLogger(HubHttp.class);

    private final Duration readTimeout;
    private final HubProxy proxy;
    private final RestClient rest;
    // Not a thread-manager unit: it only closes sockets of calls that overstay, never runs work.
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, WATCHDOG);
        t.setDaemon(true);
        return t;
    });

    HubHttp(RestClient.Builder builder, UpdateSettings settings) {
        this.readTimeout = settings.readTimeout();
        this.proxy = new HubProxy(settings.proxySetting());
        if (proxy.httpsNeedsTunnelingOption()) {
            log.warn("Proxy {} has credentials, but the JDK refuses Basic authentication for HTTPS tunnels: an https hub"
                    + " through it needs the JVM option -D{}= (KSAMU_JAVA_OPTS); a plain-http hub works as is",
                    proxy.setting().display(), HubProxy.TUNNELING_DISABLED_SCHEMES);
        }
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory() {
            @Override
            protected HttpURLConnection openConnection(URL url, Proxy ignored) throws IOException {
                HubProxy.Opened opened = proxy.open(url);
                Guard g = SETTING_UP.get();
                if (g != null) {
                    g.via = opened.via();
                }
                return opened.connection();
            }

            @Override
            protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
                super.prepareConnection(connection, httpMethod);
                Guard g = SETTING_UP.get();
                if (g != null) {
                    g.attach(connection);
                }
            }
        };
        factory.setConnectTimeout(readTimeout);
        factory.setReadTimeout(readTimeout);
        this.rest = builder.clone().requestFactory(factory).build();
    }

    /**
     * One call to the hub.
     *
     * @param what     what is asked, in Russian, for messages ("лента обновлений")
     * @param headers  request headers
     * @param body     the request body, exactly these bytes, or null
     * @param maxBytes the largest answer body read; reading past it cuts the call (a declared length
     *                 is not refused by itself: a caller that reads less, as a file download reading
     *                 one byte past the manifest's size, judges the answer on what it read)
     * @param deadline the whole call's limit, or null for none (progress is still required)
     * @param handler  reads the answer; the stream it gets is guarded
     * @throws HubCallFailedException when the call was cut (message in Russian)
     * @throws IOException            when the hub cannot be reached
     */
    public <T> T call(HttpMethod method, String url, String what, Map<String, String> headers, byte[] body,
                      long maxBytes, Duration deadline, Handler<T> handler) throws IOException {
        Guard guard = new Guard(what, maxBytes, deadline);
        SETTING_UP.set(guard);
        try {
            RestClient.RequestBodySpec spec = rest.method(method).uri(URI.create(url));
            headers.forEach(spec::header);
            if (body != null) {
                spec.contentLength(body.length);
                spec.body(out -> out.write(body));
            }
            return spec.exchange((request, response) -> {
                SETTING_UP.remove();
                guard.answered();
                GuardedBody in = new GuardedBody(response.getBody(), guard);
                int status = response.getStatusCode().value();
                String refused = proxy.refusedLogin(guard.via, status, response.getHeaders());
                if (refused == null && HubProxy.isHtml(response.getHeaders())) {
                    refused = proxy.htmlInstead(guard.via, what, status, response.getHeaders(), in);
                }
                if (refused != null) {
                    guard.abort();
                    throw new HubCallFailedException(refused, null);
                }
                try {
                    return handler.handle(status, response.getHeaders(), in);
                } finally {
                    if (!in.ended) {
                        // Never let the rest of an unread answer be drained on close: cut it.
                        guard.abort();
                    }
                }
            });
        } catch (ResourceAccessException e) {
            throw translate(guard, e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e));
        } finally {
            SETTING_UP.remove();
            guard.close();
        }
    }

    /** A small answer read whole (within {@code maxBytes}). */
    public Answer fetch(HttpMethod method, String url, String what, Map<String, String> headers, byte[] body,
                        long maxBytes, Duration deadline) throws IOException {
        return call(method, url, what, headers, body, maxBytes, deadline,
                (status, h, in) -> new Answer(status, in.readAllBytes()));
    }

    /** An answer read whole: its status and body. */
    public record Answer(int status, byte[] body) {
    }

    /** Reads an answer: its status, headers and (guarded) body. */
    @FunctionalInterface
    public interface Handler<T> {
        T handle(int status, HttpHeaders headers, InputStream body) throws IOException;
    }

    private IOException translate(Guard guard, IOException e) {
        if (e instanceof HubCallFailedException) {
            return e;
        }
        if (guard.tripped != null) {
            return new HubCallFailedException(guard.tripped, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new HubCallFailedException(stalled(guard.what) + " (" + e.getMessage() + ")", e);
        }
        HubCallFailedException viaProxy = proxy.failed(guard.via, e);
        if (viaProxy != null) {
            return viaProxy;
        }
        if (e instanceof ConnectException) {
            return new IOException("облако не принимает соединение: " + e.getMessage(), e);
        }
        return e;
    }

    private String stalled(String what) {
        return "Облако не передаёт " + what + ": меньше " + PROGRESS_BYTES + " байт за " + seconds(readTimeout)
                + " (ksamu.update.read-timeout), соединение разорвано";
    }

    private static String tooLarge(String what, long maxBytes) {
        return "Облако передаёт " + what + " больше допустимого (" + Sizes.russian(maxBytes) + "), чтение прекращено";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " с" : Durations.lasted(d, true);
    }

    @Override
    public void destroy() {
        watchdog.shutdownNow();
    }

    /**
     * One call's limits. The reading thread counts bytes and the time it spends waiting in reads
     * (time the caller spends elsewhere, e.g. the download's rate limit, is not the hub's fault);
     * the watchdog cuts the connection when the wait since the last {@value #PROGRESS_BYTES}
     * bytes reaches the idle timeout, or at the deadline.
     */
    private final class Guard {
        final String what;
        final long maxBytes;
        volatile HttpURLConnection connection;
        volatile String tripped;
        /** The proxy this call goes through ({@code http://host:port}), or null when it goes direct. */
        volatile String via;
        /** When the current read began (System.nanoTime), or 0 when the caller is not reading. */
        volatile long readStartedAt;
        /** Time spent waiting in reads since the last progress mark, nanoseconds. */
        volatile long waited;
        long sinceMark;
        long total;
        volatile ScheduledFuture<?> idleCheck;
        final ScheduledFuture<?> deadlineCheck;

        Guard(String what, long maxBytes, Duration deadline) {
            this.what = what;
            this.maxBytes = maxBytes;
            this.readStartedAt = System.nanoTime(); // connecting and waiting for the headers count as reading
            this.idleCheck = watchdog.schedule(this::checkIdle, readTimeout.toNanos(), TimeUnit.NANOSECONDS);
            this.deadlineCheck = deadline == null ? null : watchdog.schedule(() -> trip("Облако не передало "
                    + what + " за " + seconds(deadline) + " (ksamu.update.request-timeout), соединение разорвано", null),
                    deadline.toNanos(), TimeUnit.NANOSECONDS);
        }

        void attach(HttpURLConnection c) {
            connection = c;
            if (tripped != null) {
                c.disconnect();
            }
        }

        /** The headers came: that is progress. */
        void answered() {
            waited = 0;
            readStartedAt = 0;
        }

        void beforeRead() throws IOException {
            if (tripped != null) {
                throw new HubCallFailedException(tripped, null);
            }
            readStartedAt = System.nanoTime();
        }

        void afterRead(int n) throws IOException {
            waited += System.nanoTime() - readStartedAt;
            readStartedAt = 0;
            if (n <= 0) {
                return;
            }
            total += n;
            if (total > maxBytes) {
                throw trip(tooLarge(what, maxBytes), null);
            }
            sinceMark += n;
            if (sinceMark >= PROGRESS_BYTES) {
                sinceMark = 0;
                waited = 0;
            } else if (waited >= readTimeout.toNanos()) {
                throw trip(stalled(what), null);
            }
        }

        private void checkIdle() {
            if (tripped != null) {
                return;
            }
            long started = readStartedAt;
            long waiting = waited + (started == 0 ? 0 : System.nanoTime() - started);
            long left = readTimeout.toNanos() - waiting;
            if (left <= 0 && started != 0) {
                trip(stalled(what), null);
                return;
            }
            idleCheck = watchdog.schedule(this::checkIdle, Math.max(left, readTimeout.toNanos() / 10), TimeUnit.NANOSECONDS);
        }

        /** Cuts the call (once) and says why. */
        HubCallFailedException trip(String reason, Throwable cause) {
            synchronized (this) {
                if (tripped == null) {
                    tripped = reason;
                }
            }
            abort();
            return new HubCallFailedException(tripped, cause);
        }

        void abort() {
            HttpURLConnection c = connection;
            if (c != null) {
                c.disconnect();
            }
        }

        void close() {
            ScheduledFuture<?> idle = idleCheck;
            if (idle != null) {
                idle.cancel(false);
            }
            if (deadlineCheck != null) {
                deadlineCheck.cancel(false);
            }
        }
    }

    /** The answer's body as the caller reads it: counted, bounded, and failing with the guard's reason. */
    private static final class GuardedBody extends FilterInputStream {
        private final Guard guard;
        boolean ended;

        GuardedBody(InputStream in, Guard guard) {
            super(in);
            this.guard = guard;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            guard.beforeRead();
            int n;
            try {
                n = super.read(b, off, len);
            } catch (IOException e) {
                if (guard.tripped != null) {
                    throw new HubCallFailedException(guard.tripped, e);
                }
                throw e;
            }
            if (n < 0) {
                ended = true;
            }
            guard.afterRead(n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.min(Math.max(n, 1), 8192)]));
        }

        @Override
        public byte[] readAllBytes() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = read(buf, 0, buf.length)) >= 0) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }
}
