package io.rooms.cluster.redis;

import io.rooms.spi.ClusterMessage;
import io.rooms.spi.ClusterMessage.Kind;

/**
 * A {@link ClusterMessage} as it travels over Redis pub/sub: {@code kind|room|seq|origin|member|other|frame}.
 * The scripts write it (they number it); this reads it. Room names and ids never contain {@code '|'};
 * the frame, last, may.
 */
final class Envelope {
    private Envelope() {}

    static String code(Kind kind) {
        return switch (kind) {
            case BROADCAST -> "B";
            case JOINED -> "J";
            case LEFT -> "L";
            case DIRECT -> "D";
            case REQUEST_STATE -> "R";
            case STATE -> "S";
            case NO_SUCH_MEMBER -> "N";
        };
    }

    static Kind kind(String code) {
        return switch (code) {
            case "B" -> Kind.BROADCAST;
            case "J" -> Kind.JOINED;
            case "L" -> Kind.LEFT;
            case "D" -> Kind.DIRECT;
            case "R" -> Kind.REQUEST_STATE;
            case "S" -> Kind.STATE;
            case "N" -> Kind.NO_SUCH_MEMBER;
            default -> throw new IllegalArgumentException("unknown envelope kind '" + code + "'");
        };
    }

    /** Reads an envelope; throws {@link IllegalArgumentException} for one this module did not write. */
    static ClusterMessage parse(String text) {
        String[] fields = new String[6];
        int start = 0;
        for (int i = 0; i < fields.length; i++) {
            int bar = text.indexOf('|', start);
            if (bar < 0) {
                throw new IllegalArgumentException("not an envelope: " + abbreviate(text));
            }
            fields[i] = text.substring(start, bar);
            start = bar + 1;
        }
        long seq;
        try {
            seq = Long.parseLong(fields[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad sequence number in envelope: " + abbreviate(text), e);
        }
        return new ClusterMessage(kind(fields[0]), fields[1], seq, fields[3], fields[4], fields[5], text.substring(start));
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
