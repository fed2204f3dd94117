package dev.imageservice.bootstrap.grpc;

import dev.imageservice.adapter.grpc.v1.ImageServiceGrpc.ImageServiceBlockingStub;
import dev.imageservice.bootstrap.rest.TestData;
import dev.imageservice.bootstrap.rest.TestKey;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.Image;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the gRPC tests start from, seeded once per test class: a real channel to the running
 * service, an operator owning a public base image, and the accounts alice and bob, each with a key
 * of its own. Logins are new for every class, so classes never see each other's images.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SeededGrpcTest {

    /** Generating RSA keys is slow: one set serves every class, each registering it for its own accounts. */
    static final TestKey ADMIN_KEY = TestKey.generate();
    static final TestKey ALICE_KEY = TestKey.generate();
    static final TestKey BOB_KEY = TestKey.generate();

    @Inject
    TestData data;

    GrpcClient client;
    Account admin;
    Account alice;
    Account bob;
    Image base;

    @BeforeAll
    void seedAccountsAndBaseImage() {
        client = new GrpcClient();
        admin = data.account("admin", true, false, ADMIN_KEY);
        alice = data.account("alice", false, false, ALICE_KEY);
        bob = data.account("bob", false, false, BOB_KEY);
        base = data.image(admin, "base").publicImage().content("base".getBytes()).add();
    }

    @AfterAll
    void closeChannel() throws InterruptedException {
        client.close();
    }

    ImageServiceBlockingStub alice() {
        return client.as(alice, ALICE_KEY);
    }

    /** An active private image of {@code owner} whose file, held by the real store, is its name's bytes. */
    Image activeImage(Account owner, String name) {
        return data.image(owner, name).content(name.getBytes()).add();
    }
}
