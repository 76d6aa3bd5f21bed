package ru.ksamu.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A TCP proxy on loopback that counts the bytes of every connection both ways, as they cross the
 * wire (HTTP headers and chunk framing included), and names each connection by the first line of
 * its first request: what a benchmark needs to say how many bytes a client really received.
 */
final class CountingProxy implements AutoCloseable {

    /** One client connection: its first request line, bytes to the server (up) and to the client (down). */
    static final class Connection {
        volatile String firstLine = "";
        final AtomicLong up = new AtomicLong();
        final AtomicLong down = new AtomicLong();
    }

    private final ServerSocket listener;
    private final int target;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CountingProxy(int targetPort) throws IOException {
        this.target = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "counting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    void reset() {
        connections.clear();
    }

    List<Connection> connections() {
        return List.copyOf(connections);
    }

    /** Bytes sent to clients on the connections whose first request line matches. */
    long down(Predicate<String> firstLine) {
        return connections.stream().filter(c -> firstLine.test(c.firstLine)).mapToLong(c -> c.down.get()).sum();
    }

    long up(Predicate<String> firstLine) {
        return connections.stream().filter(c -> firstLine.test(c.firstLine)).mapToLong(c -> c.up.get()).sum();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                Connection c = new Connection();
                connections.add(c);
                pump(client, server, c.up, c, "up");
                pump(server, client, c.down, null, "down");
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to, AtomicLong count, Connection naming, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[64 * 1024];
            StringBuilder first = naming == null ? null : new StringBuilder();
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (first != null) {
                        first.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                        int eol = first.indexOf("\r\n");
                        if (eol >= 0) {
                            naming.firstLine = first.substring(0, eol);
                            first = null;
                        }
                    }
                    count.addAndGet(n);
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // one side closed
            } finally {
                closeQuietly(from); // either side ending ends the connection, as HTTP/1.1 keep-alive does
                closeQuietly(to);
            }
        }, "counting-proxy-" + name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
