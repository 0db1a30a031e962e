package io.rooms.transport.javalin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.Collections;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.websocket.core.util.WebSocketUtils;

/** The parts of an RFC 6455 opening handshake that a handed-over socket needs: checking it, and accepting it. */
final class Handshakes {
    private static final int KEY_BYTES = 16;

    private Handshakes() {}

    /**
     * Whether {@code request} is a complete WebSocket handshake of version 13 over HTTP/1.1, with a
     * key of 16 bytes in Base64 (RFC 6455 section 4.2.1).
     */
    static boolean isValidUpgrade(HttpServletRequest request) {
        return "GET".equals(request.getMethod())
                && "HTTP/1.1".equals(request.getProtocol())
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))
                && hasToken(request, "Connection", "upgrade")
                && "13".equals(request.getHeader("Sec-WebSocket-Version"))
                && isKey(request.getHeader("Sec-WebSocket-Key"));
    }

    /** The headers of the 101 answer, no extension and no subprotocol: Rooms uses neither. */
    static void accept(HttpServletRequest request, HttpFields.Mutable headers) {
        headers.put(HttpHeader.UPGRADE, "websocket");
        headers.put(HttpHeader.CONNECTION, "Upgrade");
        headers.put(HttpHeader.SEC_WEBSOCKET_ACCEPT, WebSocketUtils.hashKey(request.getHeader("Sec-WebSocket-Key")));
    }

    private static boolean hasToken(HttpServletRequest request, String header, String token) {
        for (String value : Collections.list(request.getHeaders(header))) {
            for (String part : value.split(",")) {
                if (part.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isKey(String key) {
        if (key == null) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(key.trim()).length == KEY_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
