/**
 * The mechanics of CloudAPI's HTTP Signature scheme and of OpenSSH public keys (BouncyCastle):
 * the implementations of the application's {@code SignatureVerifier} and {@code PublicKeyParser}
 * ports. The rules (which key signs for whom, which failure gets which answer, the clock-skew
 * limit) stay in the application.
 *
 * <p>They live in bootstrap because REST and gRPC must share one implementation and adapters never
 * depend on each other: bootstrap is the only module both protocol adapters meet in. Placing it in
 * adapters-rest or adapters-grpc would make one protocol adapter need the other, and a module of
 * its own would change the fixed module layout.
 */
package dev.imageservice.bootstrap.security;
