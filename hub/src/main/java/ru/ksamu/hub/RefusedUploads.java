package ru.ksamu.hub;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Lets the sender of a refused upload read the refusal. A request refused before its body was read
 * (a bad token, a bundle over {@code ksamu.hub.max-upload-size}) would otherwise end with the hub
 * closing the connection while the body still arrives, and the kernel answers unread bytes with a
 * reset that can destroy the refusal before the client reads it (the release CLI then reports "hub
 * unreachable" instead of "401" or "413"). So the answer to a request with a body is buffered and
 * sent whole, with its length; after a refusal the rest of the body is then read and thrown away,
 * up to {@code limit} bytes: a client that has read the refusal stops sending and closes, which
 * ends the wait.
 */
class RefusedUploads extends HttpFilter {

    private final long limit;

    /** @param limit the most bytes read and thrown away after one refusal */
    RefusedUploads(long limit) {
        this.limit = limit;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        // Buffered, so that the answer goes out whole, with its length, before the body is drained:
        // the client sees a complete answer while it is still sending, and stops.
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, buffered);
        if (request.isAsyncStarted()) {
            return;
        }
        buffered.copyBodyToResponse();
        if (response.getStatus() < 400 || request.getContentLengthLong() > limit) {
            // Accepted, or a body declared larger than the hub would ever read: not waited for.
            return;
        }
        try {
            response.flushBuffer();
            ServletInputStream body = request.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            int n;
            while (read < limit && (n = body.read(buffer)) >= 0) {
                read += n;
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the body was taken as a reader: nothing left to wait for.
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
