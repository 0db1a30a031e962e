package io.rooms.cluster.redis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rooms.MemberInfo;
import io.rooms.spi.BusEvent;

/**
 * A {@link BusEvent} as it travels over Redis pub/sub: one JSON object, written by the scripts
 * with cjson and read here with Jackson, so no field can spill into another.
 *
 * @param k kind: J joined, L left, S said to the room, D said to one member, A state asked, G state given
 * @param r room
 * @param s the room's sequence number, as a string
 * @param m the member it is from or about
 * @param t the member it is for
 * @param i the joiner's {@link MemberInfo} as JSON
 * @param a the action said
 * @param d the data (JSON text), or absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record Envelope(String k, String r, String s, String m, String t, String i, String a, String d) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads an event; throws {@link IllegalArgumentException} for one this module did not write. */
    static BusEvent parse(String text) {
        Envelope e;
        try {
            e = JSON.readValue(text, Envelope.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("not an event: " + abbreviate(text), ex);
        }
        if (e.k == null || e.r == null || e.m == null) {
            throw new IllegalArgumentException("an event without kind, room or member: " + abbreviate(text));
        }
        return switch (e.k) {
            case "J" -> new BusEvent.Joined(e.r, e.seq(), e.member());
            case "L" -> new BusEvent.Left(e.r, e.seq(), e.m);
            case "S" -> new BusEvent.Said(e.r, e.seq(), e.m, e.required(e.a), e.d, null, false);
            case "D" -> new BusEvent.Said(e.r, e.seq(), e.m, e.required(e.a), e.d, e.required(e.t), false);
            case "A" -> new BusEvent.StateAsked(e.r, e.m, e.required(e.t));
            case "G" -> new BusEvent.StateGiven(e.r, e.seq(), e.m, e.required(e.t), e.d, false);
            default -> throw new IllegalArgumentException("unknown event kind '" + e.k + "'");
        };
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

    private String required(String value) {
        if (value == null) {
            throw new IllegalArgumentException("a " + k + " event lacks a field");
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
