package dev.imageservice.bootstrap.rest;

import static io.restassured.RestAssured.given;

import dev.imageservice.domain.account.Account;
import io.restassured.specification.RequestSpecification;

/** An account of a test together with its key, able to make signed requests. */
public record Caller(Account account, TestKey key) {

    public static Caller create(TestData data, String loginPrefix) {
        return create(data, loginPrefix, false);
    }

    public static Caller create(TestData data, String loginPrefix, boolean operator) {
        TestKey key = TestKey.generate();
        return new Caller(data.account(loginPrefix, operator, false, key), key);
    }

    public String login() {
        return account.login();
    }

    public String id() {
        return account.id().toString();
    }

    /** A request signed as this account, the way triton signs. */
    public RequestSpecification signed() {
        return given().filter(new SignatureFilter(login(), key));
    }
}
