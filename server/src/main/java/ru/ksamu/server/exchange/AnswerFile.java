package ru.ksamu.server.exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes an HTTP answer into a file, refusing one larger than the cap (a declared length up front,
 * else as soon as the bytes pass it), so a runaway answer can fill neither memory nor disk.
 */
final class AnswerFile implements HttpResponse.BodySubscriber<Long> {

    /** The answer passed the cap; the download stopped there. */
    static final class TooLargeException extends IOException {
        TooLargeException(long cap) {
            super("answer larger than " + cap + " bytes");
        }
    }

    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final Path file;
    private final long cap;
    private FileChannel channel;
    private Flow.Subscription subscription;
    private final boolean declaredTooLarge;
    private long written;

    private AnswerFile(Path file, long cap, boolean declaredTooLarge) {
        this.file = file;
        this.cap = cap;
        this.declaredTooLarge = declaredTooLarge;
    }

    static HttpResponse.BodyHandler<Long> handler(Path file, long cap) {
        return info -> {
            OptionalLong declared = info.headers().firstValueAsLong("Content-Length");
            return new AnswerFile(file, cap, declared.isPresent() && declared.getAsLong() > cap);
        };
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredTooLarge) {
            s.cancel();
            result.completeExceptionally(new TooLargeException(cap));
            return;
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            s.cancel();
            result.completeExceptionally(e);
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer b : buffers) {
                written += b.remaining();
                if (written > cap) {
                    subscription.cancel();
                    close();
                    result.completeExceptionally(new TooLargeException(cap));
                    return;
                }
                while (b.hasRemaining()) {
                    channel.write(b);
                }
            }
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel();
            close();
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        close();
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        try {
            channel.force(true);
            channel.close();
            result.complete(written);
        } catch (IOException e) {
            result.completeExceptionally(new UncheckedIOException(e));
        }
    }

    private void close() {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // The part file is deleted by the caller either way.
        }
    }
}
