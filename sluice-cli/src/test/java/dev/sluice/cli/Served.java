package dev.sluice.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sluice serve} run in-process on a thread, as a user starts it; {@link #close()} interrupts it,
 * which stops the server the way Ctrl-C does. The port is the one the verb prints ({@code --port 0}).
 */
final class Served implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("on http://[^:]+:(\\d+)/");

    private final Thread thread;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final int[] exit = {-1};
    final int port;

    Served(Map<String, String> env, String... args) throws InterruptedException {
        thread = new Thread(() -> exit[0] = SluiceCommand.execute(args, new PrintWriter(out), new PrintWriter(err), env), "served");
        thread.start();
        Matcher m = SERVING.matcher("");
        for (int i = 0; i < 1200 && thread.isAlive(); i++) {
            m = SERVING.matcher(out.toString());
            if (m.find()) {
                break;
            }
            Thread.sleep(50);
        }
        if (!m.find(0)) {
            thread.join(5000);
            throw new IllegalStateException("serve did not start: exit " + exit[0] + "\n" + out + err);
        }
        port = Integer.parseInt(m.group(1));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    String out() {
        return out + "" + err;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(30_000);
        if (thread.isAlive() || exit[0] != ExitCodes.OK) {
            throw new IllegalStateException("serve did not stop cleanly: exit " + exit[0] + "\n" + out());
        }
    }
}
