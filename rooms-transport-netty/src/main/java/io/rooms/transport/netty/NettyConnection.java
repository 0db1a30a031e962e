package io.rooms.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.rooms.spi.Connection;
import io.rooms.transport.LingerLimits;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The core's {@link Connection} over a Netty channel. The core's outbox drains on the channel's
 * event loop ({@link #writer()}), where a series of frames is encoded into one buffer and written at
 * once; calls from other threads become tasks on the loop, in the order of the calls, so frames,
 * pings and the close frame leave in that order. The writes of one turn of the loop share one
 * flush, so one system call carries them all.
 */
final class NettyConnection implements Connection {
    /** How long a close handshake may take before the socket is closed anyway: as on Jetty's transport. */
    static final Duration CLOSE_TIMEOUT = LingerLimits.DEADLINE;
    /** How much a client may still send after this side's close frame before it is cut off: as on Jetty's. */
    static final long LINGER_MAX_BYTES = LingerLimits.MAX_BYTES;

    private final Channel channel;
    private final EventLoop loop;
    private final Runnable flush = this::flush;
    /** Touched on the event loop only. */
    private boolean flushQueued;
    private boolean closing;
    /** The code of the close frame this side sent first; 0 while it has sent none. */
    private int sentCode;

    NettyConnection(Channel channel) {
        this.channel = channel;
        this.loop = channel.eventLoop();
    }

    /** The outboxes' path: one object per series, which is its own promise and hears its own outcome. */
    @Override
    public void send(List<String> texts, long tag, Sent sent) {
        if (texts.isEmpty()) {
            sent.written(0, tag);
            return;
        }
        Write write = new Write(TextFrames.encode(channel.alloc(), texts), texts.size(), tag, sent);
        if (loop.inEventLoop()) {
            write.run();
        } else if (!execute(write)) {
            write.abandon();
        }
    }

    /**
     * One series' buffer on its way: the write's promise, listening to itself, so that a write
     * allocates this and its buffer and nothing else.
     */
    private final class Write extends DefaultChannelPromise implements Runnable, ChannelFutureListener {
        private final ByteBuf frames;
        private final int count;
        private final long tag;
        private final Sent sent;

        Write(ByteBuf frames, int count, long tag, Sent sent) {
            super(channel);
            this.frames = frames;
            this.count = count;
            this.tag = tag;
            this.sent = sent;
            addListener(this);
        }

        @Override
        public void run() {
            if (closing) {
                abandon();
                return;
            }
            channel.write(frames, this);
            queueFlush();
        }

        /** Drops the series unwritten, as on a closed socket. */
        void abandon() {
            frames.release();
            sent.failed(tag, new ClosedChannelException());
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            if (future.isSuccess()) {
                sent.written(count, tag);
            } else {
                sent.failed(tag, future.cause());
            }
        }
    }

    /** One flush after the tasks already queued: those of this turn that write share it. */
    private void queueFlush() {
        if (!flushQueued) {
            flushQueued = true;
            execute(flush);
        }
    }

    private void flush() {
        flushQueued = false;
        channel.flush();
    }

    /** The socket's event loop: the core's outbox drains there, and its writes need no hand-off. */
    @Override
    public Executor writer() {
        return loop;
    }

    @Override
    public CompletionStage<Void> ping() {
        CompletableFuture<Void> answered = new CompletableFuture<>();
        boolean queued = execute(() -> {
            if (closing) {
                answered.completeExceptionally(new ClosedChannelException());
                return;
            }
            channel.write(new PingWebSocketFrame()).addListener(future -> {
                if (future.isSuccess()) {
                    answered.complete(null);
                } else {
                    answered.completeExceptionally(future.cause());
                }
            });
            queueFlush();
        });
        if (!queued) {
            answered.completeExceptionally(new ClosedChannelException());
        }
        return answered;
    }

    @Override
    public void close(int code, String reason) {
        execute(() -> closeNow(code, reason));
    }

    /**
     * Queues {@code task} on the channel's event loop; false once the loops have stopped, when the
     * socket is closed already: a send then fails as on any closed socket, it never throws.
     */
    private boolean execute(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException stopped) {
            return false;
        }
    }

    /**
     * Sends the close frame, then shuts down this side's output and reads and discards what the
     * client still sends ({@link LingeringHandler}) until the client closes its side; closes the socket
     * after {@link #CLOSE_TIMEOUT} at the latest. Closing at once while the client is still
     * writing would reset the connection and could lose the close frame on its way. On the event
     * loop.
     */
    void closeNow(int code, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        sentCode = code;
        channel.pipeline().addFirst(new LingeringHandler(LINGER_MAX_BYTES));
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(written -> {
            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
            } else {
                channel.close();
            }
        });
        Runnable closeAnyway = channel::close;
        loop.schedule(closeAnyway, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The code of the close frame this side sent before the client sent one; 0 if none; on the event loop. */
    int sentCode() {
        return sentCode;
    }

    /** Whether this side has sent its close frame; on the event loop. */
    boolean isClosing() {
        return closing;
    }

    /**
     * Answers the client's close frame with the same code, on the event loop; the socket closes
     * after. The answer is queued behind the loop's tasks, so that what this side had to send
     * before the client's close (the answers to its last messages) goes first.
     */
    void answerClose(CloseWebSocketFrame frame) {
        if (closing) {
            channel.close();
            return;
        }
        int code = frame.statusCode();
        execute(() -> {
            if (closing) {
                return;
            }
            closing = true;
            CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
            channel.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        });
    }
}
