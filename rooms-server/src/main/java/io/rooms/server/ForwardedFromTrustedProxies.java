package io.rooms.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Takes a request's scheme, host and client address from {@code Forwarded} and
 * {@code X-Forwarded-*} (Jetty's {@link ForwardedRequestCustomizer}), but only when the connection
 * comes from a trusted proxy; anyone else's such headers are ignored.
 *
 * <p>Of an {@code X-Forwarded-For} chain, the client is the right-most address that is not itself a
 * trusted proxy: each proxy appends the address it saw, so everything left of that is whatever the
 * client chose to send. Thread-safe.
 */
final class ForwardedFromTrustedProxies implements HttpConfiguration.Customizer {
    private final InetAddressSet trusted;
    private final ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();

    ForwardedFromTrustedProxies(ProxyTrust trust) {
        this.trusted = trust.toSet();
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        SocketAddress peer = request.getConnectionMetaData().getRemoteSocketAddress();
        if (!(peer instanceof InetSocketAddress inet) || !trusted.test(inet.getAddress())) {
            return request;
        }
        List<String> chain = new ArrayList<>();
        for (String value : request.getHeaders().getValuesList(HttpHeader.X_FORWARDED_FOR)) {
            for (String hop : value.split(",")) {
                if (!hop.isBlank()) {
                    chain.add(hop.strip());
                }
            }
        }
        if (chain.size() <= 1) {
            return forwarded.customize(request, responseHeaders);
        }
        String client = chain.get(0);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!isTrusted(chain.get(i))) {
                client = chain.get(i);
                break;
            }
        }
        HttpFields headers = HttpFields.build(request.getHeaders()).put(HttpHeader.X_FORWARDED_FOR, client).asImmutable();
        return forwarded.customize(new Request.Wrapper(request) {
            @Override
            public HttpFields getHeaders() {
                return headers;
            }
        }, responseHeaders);
    }

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3})(?::\\d+)?");
    private static final Pattern IPV6 = Pattern.compile("\\[?([0-9a-fA-F:.]*:[0-9a-fA-F:.]*)]?(?::\\d+)?");

    private boolean isTrusted(String hop) {
        Matcher v4 = IPV4.matcher(hop);
        Matcher v6 = IPV6.matcher(hop);
        String literal = v4.matches() ? v4.group(1) : v6.matches() ? v6.group(1) : null;
        if (literal == null) {
            return false; // not an address (no name is ever looked up): certainly not one of ours
        }
        try {
            return trusted.test(InetAddress.getByName(literal)); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
