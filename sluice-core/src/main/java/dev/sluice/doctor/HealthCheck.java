package dev.sluice.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code health}: the application's {@code health-url} answers 2xx or 3xx, so a migration does not start
 * on top of an application that is already failing (whose errors would then be blamed on the migration,
 * or hide the ones it causes).
 *
 * <p>Hazards: a GET request to a URL from the configuration, with a 3-second connect and 5-second overall
 * limit; the body is discarded. The URL is printed as configured, so it must not carry a secret.
 */
final class HealthCheck implements DoctorCheck {

    @Override
    public String id() {
        return "health";
    }

    @Override
    public String title() {
        return "the application is healthy";
    }

    @Override
    public CheckOutcome run(DoctorContext context) {
        Optional<String> url = context.request().healthUrl();
        if (url.isEmpty()) {
            return CheckOutcome.pass("no health-url configured");
        }
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(5)).GET().build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 400;
            return new CheckOutcome(ok ? CheckStatus.PASS : CheckStatus.FAIL, url.get() + " answered " + response.statusCode(),
                    java.util.List.of());
        } catch (IllegalArgumentException e) {
            return CheckOutcome.fail("health-url '" + url.get() + "' is not a valid URL");
        } catch (IOException e) {
            return CheckOutcome.fail(url.get() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckOutcome.fail("interrupted");
        }
    }
}
