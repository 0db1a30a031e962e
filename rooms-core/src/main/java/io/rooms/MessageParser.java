package io.rooms;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * Turns a text frame into a {@link Message}, or says which error code it earns. Streams the JSON
 * once with bounded nesting, string and number lengths, and keeps {@code data} as the raw slice of
 * the input. Thread-safe.
 */
final class MessageParser {
    /** The outcome of parsing: exactly one of {@code message} and {@code error} is set. */
    record Result(Message message, ErrorCode error, String detail) {
        static Result ok(Message message) {
            return new Result(message, null, null);
        }

        static Result fail(ErrorCode error, String detail) {
            return new Result(null, error, detail);
        }
    }

    private final JsonFactory factory;

    MessageParser(int maxMessageChars) {
        this.factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxNumberLength(100)
                        .maxStringLength(Math.max(1, maxMessageChars))
                        .maxNameLength(1024)
                        .build())
                .build();
    }

    Result parse(String text) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Result.fail(ErrorCode.BAD_JSON, "empty frame");
            }
            if (first != JsonToken.START_OBJECT) {
                parser.skipChildren();
                return parser.nextToken() == null
                        ? Result.fail(ErrorCode.BAD_MESSAGE, "a message must be a JSON object")
                        : Result.fail(ErrorCode.BAD_JSON, "more than one JSON value in the frame");
            }
            Fields fields = readFields(parser, text);
            if (parser.nextToken() != null) {
                return Result.fail(ErrorCode.BAD_JSON, "more than one JSON value in the frame");
            }
            return fields.toResult();
        } catch (IOException | RuntimeException e) {
            // JsonProcessingException for syntax and StreamConstraintsException for oversized input.
            return Result.fail(ErrorCode.BAD_JSON, "not valid JSON");
        }
    }

    private static Fields readFields(JsonParser parser, String text) throws IOException {
        Fields fields = new Fields();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case "action" -> fields.action = stringOrMark(parser, value, fields, "action");
                case "room" -> fields.room = stringOrMark(parser, value, fields, "room");
                case "to" -> fields.to = stringOrMark(parser, value, fields, "to");
                case "for" -> fields.forId = stringOrMark(parser, value, fields, "for");
                case "token" -> fields.token = stringOrMark(parser, value, fields, "token");
                case "data" -> fields.data = rawValue(parser, value, text);
                case "ref" -> fields.ref = ref(parser, value, text, fields);
                case "resume" -> fields.resume = resume(parser, value, fields);
                default -> parser.skipChildren();
            }
        }
        return fields;
    }

    private static String stringOrMark(JsonParser parser, JsonToken value, Fields fields, String name)
            throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        if (value != JsonToken.VALUE_NULL) {
            fields.badField = fields.badField == null ? name : fields.badField;
        }
        return null;
    }

    /** {@code {"session": string, "seq": integer >= 0}}; anything else marks the message bad. */
    private static Message.Resume resume(JsonParser parser, JsonToken value, Fields fields) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            fields.badResume = true;
            return null;
        }
        String session = null;
        long seq = -1;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken field = parser.nextToken();
            if ("session".equals(name) && field == JsonToken.VALUE_STRING && parser.getTextLength() <= 64) {
                session = parser.getText();
            } else if ("seq".equals(name) && field == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER && parser.getLongValue() >= 0) {
                seq = parser.getLongValue();
            } else {
                parser.skipChildren();
            }
        }
        if (session == null || seq < 0) {
            fields.badResume = true;
            return null;
        }
        return new Message.Resume(session, seq);
    }

    /** A ref is a string of at most 64 characters or a number, kept as its JSON text to echo exactly. */
    private static String ref(JsonParser parser, JsonToken value, String text, Fields fields) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        boolean ok = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT
                || value == JsonToken.VALUE_STRING && parser.getText().length() <= 64;
        if (!ok) {
            parser.skipChildren();
            fields.badRef = true;
            return null;
        }
        return rawValue(parser, value, text);
    }

    private static String rawValue(JsonParser parser, JsonToken value, String text) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        if (value.isStructStart()) {
            parser.skipChildren();
        } else {
            parser.finishToken();
        }
        int end = (int) parser.currentLocation().getCharOffset();
        return text.substring(start, end);
    }

    private static final class Fields {
        String action;
        String room;
        String to;
        String forId;
        String data;
        String token;
        String ref;
        boolean badRef;
        Message.Resume resume;
        boolean badResume;
        String badField;

        Result toResult() {
            if (action == null || action.isEmpty() || "action".equals(badField)) {
                return Result.fail(ErrorCode.BAD_MESSAGE, "a message needs a non-empty string \"action\"");
            }
            if ("room".equals(badField)) {
                return Result.fail(ErrorCode.BAD_ROOM, "\"room\" must be a string");
            }
            if (badResume) {
                return Result.fail(ErrorCode.BAD_MESSAGE,
                        "\"resume\" must be {\"session\": the session from joined, \"seq\": the last seq seen}");
            }
            if (badRef) {
                return Result.fail(ErrorCode.BAD_MESSAGE, "\"ref\" must be a string of at most 64 characters, or a number");
            }
            if (badField != null) {
                return Result.fail(ErrorCode.BAD_MESSAGE, "\"" + badField + "\" must be a string");
            }
            return Result.ok(new Message(action, room, to, forId, data, token, ref, resume));
        }
    }
}
