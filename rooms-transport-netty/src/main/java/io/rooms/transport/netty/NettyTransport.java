package io.rooms.transport.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rooms.spi.Identity;
import io.rooms.EngineSettings;
import io.rooms.spi.ConnectionAcceptor;
import io.rooms.transport.SocketHandover;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the WebSockets that the Javalin endpoint hands over on Netty's event loops: Jetty answers
 * each handshake and serves all other HTTP on the port, and Netty carries the frames. Frames over
 * the limit are closed with 1009, invalid UTF-8 with 1007, a socket silent well past the ping
 * interval with 1001. {@link #close} stops the event loops; close the sockets first. Thread-safe.
 *
 * <pre>{@code
 * NettyTransport netty = new NettyTransport(rooms, settings, 2);
 * JavalinTransport ws = new JavalinTransport(rooms, settings, List.of(), 10_000, netty);
 * }</pre>
 */
public final class NettyTransport implements SocketHandover, AutoCloseable {
    private static final Duration SHUTDOWN_QUIET = Duration.ZERO;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(2);

    private final ConnectionAcceptor acceptor;
    private final int maxFrameBytes;
    private final Duration idleTimeout;
    private final EventLoopGroup loops;

    /**
     * @param acceptor the rooms engine
     * @param settings the engine's settings: the frame cap and the ping interval
     * @param threads event loops; one per core is Netty's own default
     */
    public NettyTransport(ConnectionAcceptor acceptor, EngineSettings settings, int threads) {
        this.acceptor = acceptor;
        this.maxFrameBytes = Math.toIntExact(settings.maxFrameBytes());
        // A backstop only, as on Jetty: the heartbeat drops silent clients after two ping periods.
        this.idleTimeout = settings.pingInterval().multipliedBy(3).plusSeconds(10);
        this.loops = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("rooms-netty", true),
                NioIoHandler.newFactory());
    }

    @Override
    public Adopted adopt(SocketChannel socket, ByteBuffer leftover, Identity identity, Runnable released) {
        NioSocketChannel channel = new NioSocketChannel(socket);
        AtomicBoolean once = new AtomicBoolean();
        Runnable release = () -> {
            if (once.compareAndSet(false, true)) {
                released.run();
            }
        };
        WebSocketDecoderConfig decoding = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(maxFrameBytes)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(false) // NettyFrameHandler closes, and lingers
                .build();
        channel.pipeline().addLast(
                new ReadTimeoutHandler(idleTimeout.toMillis(), TimeUnit.MILLISECONDS),
                new CloseFrameRules(decoding),
                new WebSocket08FrameEncoder(false),
                new Utf8FrameValidator(false),
                new WebSocketFrameAggregator(maxFrameBytes),
                new NettyFrameHandler(acceptor, identity, leftover));
        channel.closeFuture().addListener(closed -> release.run());
        loops.register(channel).addListener(registered -> {
            if (!registered.isSuccess()) {
                channel.unsafe().closeForcibly();
                release.run();
            }
        });
        return () -> channel.close();
    }

    /** Stops the event loops, closing any socket still open. */
    @Override
    public void close() {
        loops.shutdownGracefully(SHUTDOWN_QUIET.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .syncUninterruptibly();
    }
}
