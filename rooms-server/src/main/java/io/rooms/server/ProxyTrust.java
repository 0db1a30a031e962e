package io.rooms.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Which peers are proxies whose {@code Forwarded} and {@code X-Forwarded-*} headers are believed:
 * none by default, as a client could otherwise claim any scheme, host or address. Written as
 * {@code --trust-proxy}: {@code off}, {@code loopback}, {@code all}, or addresses and CIDR ranges
 * ({@code 10.0.0.0/8,192.168.1.7}), comma-separated. Immutable.
 *
 * @param entries the ranges as given, {@code loopback} expanded; empty for none
 */
public record ProxyTrust(List<String> entries) {
    public static final ProxyTrust NONE = new ProxyTrust(List.of());

    public ProxyTrust {
        entries = List.copyOf(entries);
        set(entries); // each entry must parse
    }

    /**
     * Parses {@code --trust-proxy}'s value.
     *
     * @throws IllegalArgumentException naming the entry that is neither an address, a range nor a keyword
     */
    public static ProxyTrust parse(String value) {
        List<String> entries = new ArrayList<>();
        for (String part : value.split(",")) {
            String entry = part.strip().toLowerCase(Locale.ROOT);
            switch (entry) {
                case "", "off", "none", "false" -> { }
                case "loopback" -> entries.addAll(List.of("127.0.0.0/8", "::1"));
                case "all", "true" -> entries.addAll(List.of("0.0.0.0/0", "::/0"));
                default -> {
                    if (!entry.matches("[0-9a-f.:]*[.:][0-9a-f.:]*(/\\d{1,3})?")) { // never a name to look up
                        throw new IllegalArgumentException("not an address, a CIDR range, loopback, all or off: '"
                                + part.strip() + "'");
                    }
                    entries.add(entry);
                }
            }
        }
        return new ProxyTrust(entries);
    }

    public boolean isOn() {
        return !entries.isEmpty();
    }

    /** The trusted peers as a set to test addresses against; build it once. */
    InetAddressSet toSet() {
        return set(entries);
    }

    private static InetAddressSet set(List<String> entries) {
        InetAddressSet set = new InetAddressSet();
        for (String entry : entries) {
            try {
                set.add(entry);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not an address or a CIDR range: '" + entry + "'", e);
            }
        }
        return set;
    }
}
