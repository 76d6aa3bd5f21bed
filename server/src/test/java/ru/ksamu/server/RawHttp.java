package ru.ksamu.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends as written: a path exactly as
 * spelled (no normalisation), any Host header, and a chosen local address (every 127.x.y.z is
 * this machine's loopback on Linux, so tests can come "from" many addresses).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** An answer: status, headers (names in lower case), body. */
    public record Reply(int status, Map<String, String> headers, String body) {
    }

    /** Sends one request and reads the whole answer (the connection is closed after it). */
    public static Reply send(String from, int port, String method, String path, Map<String, String> headers, String body) {
        try (Socket s = connect(from, port)) {
            write(s, method, path, headers, body, true);
            return read(s.getInputStream(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Reply get(int port, String path) {
        return send("127.0.0.1", port, "GET", path, Map.of(), null);
    }

    /** Opens a request whose answer stays open (an event stream): the status and headers are read, the socket kept. */
    public static Open open(String from, int port, String path, Map<String, String> headers) {
        try {
            Socket s = connect(from, port);
            write(s, "GET", path, headers, null, false);
            return new Open(s, read(s.getInputStream(), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A request left open, with its status line and headers read. */
    public record Open(Socket socket, Reply head) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static Socket connect(String from, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(20_000);
        return s;
    }

    private static void write(Socket s, String method, String path, Map<String, String> headers, String body, boolean close)
            throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder r = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", "127.0.0.1");
        all.putAll(headers);
        if (close) {
            all.put("Connection", "close");
        }
        if (body != null) {
            all.put("Content-Length", Integer.toString(bytes.length));
        }
        all.forEach((k, v) -> r.append(k).append(": ").append(v).append("\r\n"));
        r.append("\r\n");
        OutputStream out = s.getOutputStream();
        out.write(r.toString().getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    private static Reply read(InputStream in, boolean wholeBody) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.merge(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        String body = "";
        if (wholeBody) {
            byte[] bytes = in.readAllBytes();
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                bytes = unchunk(bytes);
            }
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Reply(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < chunked.length) {
            int eol = i;
            while (eol + 1 < chunked.length && !(chunked[eol] == '\r' && chunked[eol + 1] == '\n')) {
                eol++;
            }
            if (eol + 1 >= chunked.length) {
                break;
            }
            int size = Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, eol + 2, Math.min(size, chunked.length - eol - 2));
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.UTF_8);
    }
}
