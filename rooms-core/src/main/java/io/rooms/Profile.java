package io.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Pattern;

/** The optional {@code {"name":..,"color":..}} in a {@code newClient}'s data, checked where it enters. */
final class Profile {
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final ObjectMapper READER = new ObjectMapper();

    private Profile() {}

    /** Applies the profile in {@code data} to the client; false after answering an error. */
    static boolean apply(MessageContext context, Client client, String data) {
        if (data == null || !data.startsWith("{")) {
            return true;
        }
        JsonNode profile;
        try {
            profile = READER.readTree(data);
        } catch (IOException e) {
            return true; // already validated as JSON by the parser; cannot happen
        }
        JsonNode name = profile.get("name");
        JsonNode color = profile.get("color");
        if (name != null && !name.isNull() && client.identity.name() == null) { // a verified name stands
            String text = name.isTextual() ? name.asText().strip() : "";
            if (text.isEmpty() || text.length() > 32) {
                context.error(ErrorCode.BAD_MESSAGE, "name must be a string of 1 to 32 characters");
                return false;
            }
            client.name = text;
        }
        if (color != null && !color.isNull()) {
            if (!color.isTextual() || !COLOR.matcher(color.asText()).matches()) {
                context.error(ErrorCode.BAD_MESSAGE, "color must look like #1a2b3c");
                return false;
            }
            client.color = color.asText();
        }
        return true;
    }
}
