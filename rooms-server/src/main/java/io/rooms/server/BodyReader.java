package io.rooms.server;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body without holding a thread while it arrives (servlet async I/O): a client that
 * trickles its body, or stops, ties up no request thread. The body must arrive within the deadline
 * and must not pass the size limit. Call only on a request that is already asynchronous.
 */
final class BodyReader {
    /** The body did not arrive in time (408). */
    static final class TooSlow extends IOException {
        TooSlow() {
            super("the body did not arrive in time");
        }
    }

    /** The body passed the size limit (413). */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("the body is too large");
        }
    }

    private BodyReader() {}

    static CompletableFuture<byte[]> read(HttpServletRequest request, int maxBytes, long deadlineMillis,
            ScheduledExecutorService timer) {
        CompletableFuture<byte[]> body = new CompletableFuture<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ScheduledFuture<?> deadline = timer.schedule(() -> body.completeExceptionally(new TooSlow()), deadlineMillis,
                TimeUnit.MILLISECONDS);
        body.whenComplete((done, failure) -> deadline.cancel(false));
        try {
            ServletInputStream in = request.getInputStream();
            in.setReadListener(new ReadListener() {
                private final byte[] buffer = new byte[8192];

                @Override
                public void onDataAvailable() throws IOException {
                    while (!body.isDone() && in.isReady()) {
                        int read = in.read(buffer);
                        if (read < 0) {
                            return;
                        }
                        bytes.write(buffer, 0, read);
                        if (bytes.size() > maxBytes) {
                            body.completeExceptionally(new TooLarge());
                        }
                    }
                }

                @Override
                public void onAllDataRead() {
                    body.complete(bytes.toByteArray());
                }

                @Override
                public void onError(Throwable failure) {
                    body.completeExceptionally(failure);
                }
            });
        } catch (IOException | RuntimeException e) {
            body.completeExceptionally(e);
        }
        return body;
    }
}
