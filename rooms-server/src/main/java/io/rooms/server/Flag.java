package io.rooms.server;

import java.util.function.Function;

/**
 * One command-line flag, defined once: its name, its type (picocli converts and reports bad
 * values), its help, its default as text taken from the settings' defaults (null: none), and how its
 * value, checked, goes into the settings being assembled.
 */
record Flag<T>(String name, Class<T> type, String description, Function<ServerSettings, String> defaultOf,
        Setter<T> setter) {

    /** Checks a flag's value and puts it into the settings being assembled. */
    @FunctionalInterface
    interface Setter<T> {
        void set(SettingsAssembly into, T value) throws CommandLineOptions.BadSettingException;
    }

    static <T> Flag<T> of(String name, Class<T> type, String description, Function<ServerSettings, String> defaultOf,
            Setter<T> setter) {
        return new Flag<>(name, type, description, defaultOf, setter);
    }

    /** Applies {@code value}, of this flag's type, to {@code into}. */
    void apply(SettingsAssembly into, Object value) throws CommandLineOptions.BadSettingException {
        setter.set(into, type.cast(value));
    }
}
