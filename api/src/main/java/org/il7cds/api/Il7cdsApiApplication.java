package org.il7cds.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The il7cds REST service: the contract in openapi.yaml, answered by the rules engine. */
@SpringBootApplication
public class Il7cdsApiApplication {

    public static void main(String[] args) {
        SpringApplication.run(Il7cdsApiApplication.class, args);
    }
}
