package dev.imageservice.bootstrap.observe;

import static io.restassured.RestAssured.given;

import java.util.Arrays;

/** Reads one series from /q/metrics as a Prometheus server would: unsigned, in the text format. */
public final class Scrape {

    private Scrape() {
    }

    /**
     * The value of the series {@code name} whose labels include every {@code label="value"} given, or 0
     * when there is none yet (a counter that never moved has no series).
     */
    public static double value(String name, String... labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> !line.startsWith("#"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(label -> line.contains(label + ",") || line.contains(label + "}")))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
