package io.rooms;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.rooms.spi.MemberInfo;
import java.util.List;

/**
 * Builds one outgoing JSON frame. Strings are escaped by Jackson's encoder; raw values (relayed
 * {@code data}) are copied as they came, so a broadcast is serialised once. Not thread-safe; use
 * one per frame.
 */
final class FrameBuilder {
    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();
    private final StringBuilder out;

    /**
     * Room for a frame's fields besides its action and data: a relayed message's fit, with rooms and
     * ids of the usual lengths, so that its builder does not grow and copy itself.
     */
    private static final int FIELDS_HINT = 128;

    private FrameBuilder(String action, int sizeHint) {
        out = new StringBuilder(sizeHint + action.length() + FIELDS_HINT).append("{\"action\":");
        quote(action);
    }

    static FrameBuilder of(String action) {
        return new FrameBuilder(action, 0);
    }

    static FrameBuilder of(String action, String rawData) {
        return new FrameBuilder(action, rawData == null ? 0 : rawData.length());
    }

    FrameBuilder str(String name, String value) {
        key(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    /** Appends a string field only when {@code value} is not null. */
    FrameBuilder optional(String name, String value) {
        return value == null ? this : str(name, value);
    }

    FrameBuilder bool(String name, boolean value) {
        key(name);
        out.append(value);
        return this;
    }

    FrameBuilder num(String name, long value) {
        key(name);
        out.append(value);
        return this;
    }

    /** Appends a value that is already JSON text; {@code null} becomes JSON null. */
    FrameBuilder raw(String name, String json) {
        key(name);
        out.append(json == null ? "null" : json);
        return this;
    }

    FrameBuilder members(String name, List<MemberInfo> members) {
        key(name);
        out.append('[');
        for (int i = 0; i < members.size(); i++) {
            MemberInfo member = members.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"id\":");
            quote(member.id());
            out.append(",\"name\":");
            quote(member.name());
            out.append(",\"color\":");
            quote(member.color());
            if (member.user() != null) {
                out.append(",\"user\":");
                quote(member.user());
            }
            if (member.meta() != null) {
                out.append(",\"meta\":").append(member.meta());
            }
            out.append('}');
        }
        out.append(']');
        return this;
    }

    String build() {
        return out.append('}').toString();
    }

    private void key(String name) {
        out.append(',');
        quote(name);
        out.append(':');
    }

    private void quote(String value) {
        out.append('"');
        ENCODER.quoteAsString(value, out);
        out.append('"');
    }
}
