package io.secureconnect.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code bench/run}: at most one benchmark name, {@code --name value} (or {@code --name=value})
 * options, and the flags {@code --list} and {@code --help}.
 *
 * @param benchmark the name, or null when none was given
 * @param arguments everything but the name, as typed, for the report's "Command" line
 */
record CommandLine(String benchmark, Map<String, String> options, boolean list, boolean help,
                   List<String> arguments) {

    /** The command line makes no sense; the message says why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(List<String> args) throws UsageException {
        String benchmark = null;
        int benchmarkIndex = -1;
        Map<String, String> options = new LinkedHashMap<>();
        boolean list = false;
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--list")) {
                list = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--") && arg.length() > 2) {
                int equals = arg.indexOf('=');
                String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
                String value;
                if (equals >= 0) {
                    value = arg.substring(equals + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("option --" + name + " needs a value");
                }
                if (options.put(name, value) != null) {
                    throw new UsageException("option --" + name + " given twice");
                }
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown flag " + arg);
            } else if (benchmark == null) {
                benchmark = arg;
                benchmarkIndex = i;
            } else {
                throw new UsageException("one benchmark at a time (got '" + benchmark + "' and '" + arg + "')");
            }
        }
        List<String> arguments = new ArrayList<>(args);
        if (benchmarkIndex >= 0) {
            arguments.remove(benchmarkIndex);
        }
        return new CommandLine(benchmark, options, list, help, List.copyOf(arguments));
    }
}
