package dev.sluice.spring;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code sluice} health component on Spring Boot 4.x. Loaded only where Boot 4's health contract is on
 * the class path; {@link SluiceHealth} decides, this only copies its answer.
 */
public class Boot4SluiceHealthIndicator implements HealthIndicator {

    private final SluiceHealth health;

    Boot4SluiceHealthIndicator(SluiceHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        SluiceHealth.Answer answer = health.check();
        return (answer.up() ? Health.up() : Health.down()).withDetails(answer.details()).build();
    }
}
