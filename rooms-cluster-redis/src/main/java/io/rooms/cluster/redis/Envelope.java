package io.rooms.cluster.redis;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.spi.MemberInfo;
import io.rooms.spi.BusEvent;
import java.io.IOException;

/**
 * A {@link BusEvent} as it travels over Redis pub/sub: one JSON object of string fields, written by
 * the scripts with cjson and read here with Jackson's parser, so no field can spill into another.
 *
 * @param k kind: J joined, L left, P presence set (its JSON text in {@code d}, absent when cleared), S said to the room, D said to one member, A state asked, G state
 *     given, R removed, X replaced
 * @param r room
 * @param s the room's sequence number, as a string
 * @param m the member it is from or about
 * @param t the member it is for
 * @param i the joiner's {@link MemberInfo} as JSON
 * @param a the action said
 * @param d the data (JSON text), or absent
 * @param u for a control request (kind U): the user to disconnect
 * @param q for a control request and its answer (kind C): the request's id
 * @param n for a control request: the asking node, which the answer goes to
 * @param c for a control answer: how many sockets the answering node closed
 */
record Envelope(String k, String r, String s, String m, String t, String i, String a, String d, String u, String q,
        String n, String c) {
    /** The module's JSON: a member's null {@code user} is left out, as the Lua scripts expect. */
    static final ObjectMapper JSON = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /**
     * Reads an event, streaming its one flat object of string fields (every node reads every message
     * of its rooms, so this is on the hot path); throws {@link IllegalArgumentException} for one this
     * module did not write.
     */
    static BusEvent parse(String text) {
        return read(text).toEvent();
    }

    /** Reads one message of a rooms channel; throws {@link IllegalArgumentException} for one this module did not write. */
    static Envelope read(String text) {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            Envelope e = read(parser);
            if (e.k == null) {
                throw new IllegalArgumentException("a message without a kind: " + abbreviate(text));
            }
            return e;
        } catch (IOException | IllegalStateException ex) {
            throw new IllegalArgumentException("not an event: " + abbreviate(text), ex);
        }
    }

    /** Whether this is a control request or answer rather than a {@link BusEvent}. */
    boolean isControl() {
        return "U".equals(k) || "C".equals(k);
    }

    BusEvent toEvent() {
        Envelope e = this;
        if (e.r == null || e.m == null) {
            throw new IllegalArgumentException("a " + k + " event without room or member");
        }
        return switch (e.k) {
            case "J" -> new BusEvent.Joined(e.r, e.seq(), e.member());
            case "L" -> new BusEvent.Left(e.r, e.seq(), e.m);
            case "P" -> new BusEvent.Updated(e.r, e.seq(), e.m, e.d);
            case "S" -> new BusEvent.Said(e.r, e.seq(), e.m, e.required(e.a), e.d, null, false);
            case "D" -> new BusEvent.Said(e.r, e.seq(), e.m, e.required(e.a), e.d, e.required(e.t), false);
            case "A" -> new BusEvent.StateAsked(e.r, e.m, e.required(e.t));
            case "G" -> new BusEvent.StateGiven(e.r, e.seq(), e.m, e.required(e.t), e.d, false);
            case "R" -> new BusEvent.Removed(e.r, e.required(e.t));
            case "X" -> new BusEvent.Replaced(e.r, e.required(e.t));
            default -> throw new IllegalArgumentException("unknown event kind '" + e.k + "'");
        };
    }

    private static Envelope read(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new IllegalStateException("not an object");
        }
        String k = null;
        String r = null;
        String s = null;
        String m = null;
        String t = null;
        String i = null;
        String a = null;
        String d = null;
        String u = null;
        String q = null;
        String n = null;
        String c = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new IllegalStateException("field " + name + " is not a string");
            }
            String value = parser.getText();
            switch (name) {
                case "k" -> k = value;
                case "r" -> r = value;
                case "s" -> s = value;
                case "m" -> m = value;
                case "t" -> t = value;
                case "i" -> i = value;
                case "a" -> a = value;
                case "d" -> d = value;
                case "u" -> u = value;
                case "q" -> q = value;
                case "n" -> n = value;
                case "c" -> c = value;
                default -> { } // a field a later version added
            }
        }
        if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
            throw new IllegalStateException("not one object");
        }
        return new Envelope(k, r, s, m, t, i, a, d, u, q, n, c);
    }

    private long seq() {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("bad sequence number in event: " + s, ex);
        }
    }

    private MemberInfo member() {
        try {
            return JSON.readValue(required(i), MemberInfo.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("bad member record in event: " + abbreviate(i), ex);
        }
    }

    String required(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a " + k + " event lacks a field");
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
