package dev.sluice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One in-process run of the command line, with what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(args, new PrintWriter(out), new PrintWriter(err), env);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** The arguments with a database's connection flags put in front. */
    static String[] with(String url, String user, String password, String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url, "--user", user));
        if (password != null && !password.isEmpty()) {
            all.add("--password=" + password);
        }
        all.addAll(List.of(args));
        return all.toArray(new String[0]);
    }

    static Map<String, String> env(String... keyThenValue) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keyThenValue.length; i += 2) {
            env.put(keyThenValue[i], keyThenValue[i + 1]);
        }
        return env;
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
