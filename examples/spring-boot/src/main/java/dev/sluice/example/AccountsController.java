package dev.sluice.example;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Reads a table the migrations created: it answers only if they ran before the application served. */
@RestController
public class AccountsController {

    private final JdbcTemplate jdbc;

    public AccountsController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/accounts/count")
    public Map<String, Long> count() {
        return Map.of("accounts", jdbc.queryForObject("select count(*) from accounts", Long.class));
    }
}
