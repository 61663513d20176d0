package dev.sluice.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop whose schema Sluice keeps: the migrations in src/main/resources/db/migration run at
 * start-up (sluice-spring-boot-starter), before the {@link AccountsController} can query the tables.
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(ShopApplication.class, args);
    }
}
