package io.rooms.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's command line, parsed by picocli from the one table of flags, {@link ServerFlags}.
 * Every flag falls back to an environment variable ({@code ROOMS_} and the flag's name upper-cased,
 * {@code -} turned to {@code _}), then to its default, taken from {@link ServerSettings#DEFAULTS}; a
 * flag wins over the environment.
 */
final class CommandLineOptions {
    private static final Map<String, Flag<?>> FLAGS = ServerFlags.ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Flag::name, Function.identity()));

    private CommandLineOptions() {}

    /** A flag or environment value the server cannot start with; its message is one line for a person. */
    static final class BadSettingException extends Exception {
        BadSettingException(String message) {
            super(message);
        }
    }

    /** What the command line asked for: settings to run with, or help or a version to print. */
    record Parsed(ServerSettings settings, String text) {}

    static Parsed parse(String[] args, Map<String, String> env) throws BadSettingException {
        CommandSpec spec = spec();
        CommandLine commandLine = new CommandLine(spec).setDefaultValueProvider(option -> {
            if (!option.isOption() || !FLAGS.containsKey(((OptionSpec) option).longestName())) {
                return null;
            }
            Flag<?> flag = FLAGS.get(((OptionSpec) option).longestName());
            String fromEnv = env.get(envName(flag.name()));
            return fromEnv != null ? fromEnv : flag.defaultOf().apply(ServerSettings.DEFAULTS);
        }).setUsageHelpWidth(120);
        try {
            commandLine.parseArgs(args);
            if (commandLine.isUsageHelpRequested()) {
                return new Parsed(null, commandLine.getUsageMessage());
            }
            if (commandLine.isVersionHelpRequested()) {
                return new Parsed(null, "rooms-server " + Version.current() + System.lineSeparator());
            }
            SettingsAssembly into = new SettingsAssembly();
            for (Flag<?> flag : ServerFlags.ALL) {
                flag.apply(into, spec.findOption(flag.name()).getValue());
            }
            return new Parsed(into.build(), null);
        } catch (CommandLine.ParameterException e) {
            throw fromWhereItWasSet(e.getMessage().lines().findFirst().orElse("bad command line"), args, env);
        } catch (BadSettingException e) {
            throw fromWhereItWasSet(e.getMessage(), args, env);
        }
    }

    private static CommandSpec spec() {
        CommandSpec spec = CommandSpec.create().name("rooms-server").mixinStandardHelpOptions(true);
        spec.usageMessage().sortOptions(false).description("Real-time rooms over WebSocket.").footer("",
                "Every flag can be set in the environment instead: ROOMS_ and its name upper-cased, with _ for -"
                        + " (--max-room-size is ROOMS_MAX_ROOM_SIZE). A flag wins over the environment.");
        for (Flag<?> flag : ServerFlags.ALL) {
            spec.addOption(OptionSpec.builder(flag.name()).type(flag.type()).paramLabel(paramLabel(flag.name()))
                    .description(flag.description()).build());
        }
        return spec;
    }

    /** {@code --max-room-size} as {@code <maxRoomSize>}. */
    private static String paramLabel(String flag) {
        String[] words = flag.substring(2).split("-");
        StringBuilder label = new StringBuilder("<").append(words[0]);
        for (int i = 1; i < words.length; i++) {
            label.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return label.append('>').toString();
    }

    /**
     * The message naming the environment variable instead of the flag when the bad value came from
     * there: {@code ROOMS_PORT=abc} is reported as {@code ROOMS_PORT}, not as a {@code --port} nobody typed.
     */
    private static BadSettingException fromWhereItWasSet(String message, String[] args, Map<String, String> env) {
        Matcher flag = Pattern.compile("--[a-z][a-z-]*").matcher(message);
        if (flag.find()) {
            String name = flag.group();
            boolean typed = Arrays.stream(args).anyMatch(arg -> arg.equals(name) || arg.startsWith(name + "="));
            if (!typed && env.containsKey(envName(name))) {
                String fromEnv = message.replace("option '" + name + "'", envName(name));
                return new BadSettingException(fromEnv.equals(message) ? message.replaceFirst(name, envName(name))
                        : fromEnv);
            }
        }
        return new BadSettingException(message);
    }

    static String envName(String flag) {
        return "ROOMS_" + flag.replaceFirst("^--", "").toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
