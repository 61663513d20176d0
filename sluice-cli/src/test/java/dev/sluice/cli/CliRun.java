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

    /** The same as if standard output were a terminal: colour and progress drawn in place. */
    static CliRun runOnTerminal(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SluiceCommand.execute(args, new PrintWriter(out), new PrintWriter(err), env, true);
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** {@code sluice --dir DIR ARGS} against a test database, connected through the environment as a user would. */
    static CliRun inProject(java.nio.file.Path dir, dev.sluice.testing.TestDatabase db, String... args) {
        return inProject(dir, db, db.password(), args);
    }

    /** The same with another password in SLUICE_PASSWORD (the test server trusts local connections). */
    static CliRun inProject(java.nio.file.Path dir, dev.sluice.testing.TestDatabase db, String password, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return run(env("SLUICE_URL", db.jdbcUrl(), "SLUICE_USER", db.user(), "SLUICE_PASSWORD", password), all);
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
