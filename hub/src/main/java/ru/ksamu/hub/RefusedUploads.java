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
 * up to {@code limit} bytes, until the client has sent it all or closes. A body declared larger than
 * the limit is not waited for: the connection closes after the complete answer, which a client that
 * reads while it sends (curl) gets, and JDK's client may lose to the reset; the release CLI asks
 * {@code POST /api/v1/releases/check} before it uploads, so it meets neither refusal here.
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
        // a complete answer is there for the client when it reads, whether it stops sending at once
        // or, as the JDK's client does, only after its whole body.
        ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, buffered);
        // Every answer of the hub is synchronous; an asynchronous one would need its body copied on
        // its own dispatch, which this filter does not do.
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
