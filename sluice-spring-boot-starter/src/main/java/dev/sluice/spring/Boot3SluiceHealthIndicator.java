package dev.sluice.spring;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code sluice} health component on Spring Boot 3.x. Loaded only where Boot 3's health contract is on
 * the class path; {@link SluiceHealth} decides, this only copies its answer.
 */
public class Boot3SluiceHealthIndicator implements HealthIndicator {

    private final SluiceHealth health;

    Boot3SluiceHealthIndicator(SluiceHealth health) {
        this.health = health;
    }

    @Override
    public Health health() {
        SluiceHealth.Answer answer = health.check();
        return (answer.up() ? Health.up() : Health.down()).withDetails(answer.details()).build();
    }
}
