package dev.imageservice.adapter.rest.peer;

import dev.imageservice.application.port.out.PublicKeyParser;
import dev.imageservice.domain.account.SshKey;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Locale;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.crypto.util.OpenSSHPrivateKeyUtil;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * Signs requests to peers as this instance's operator, with CloudAPI's HTTP Signature
 * ({@code headers="(request-target) date"}). The key pair is an ssh-keygen private key file
 * (PEM or OpenSSH format) with its public half beside it as {@code <file>.pub}.
 */
final class OperatorSigner {

    private final String keyId;
    private final PrivateKey privateKey;
    private final String algorithm;
    private final String jcaAlgorithm;

    private OperatorSigner(String keyId, PrivateKey privateKey) {
        this.keyId = keyId;
        this.privateKey = privateKey;
        switch (privateKey.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> {
                algorithm = "rsa-sha256";
                jcaAlgorithm = "SHA256withRSA";
            }
            case "EC", "ECDSA" -> {
                algorithm = "ecdsa-sha256";
                jcaAlgorithm = "SHA256withECDSA";
            }
            case "ED25519", "EDDSA" -> {
                algorithm = "ed25519-sha512";
                jcaAlgorithm = "Ed25519";
            }
            default -> throw new IllegalArgumentException("unsupported operator key type " + privateKey.getAlgorithm());
        }
    }

    /** Reads the key pair; the public half gives the keyId its fingerprint, as peers know the key by it. */
    static OperatorSigner load(String login, Path keyFile, PublicKeyParser publicKeys) {
        try {
            SshKey publicKey = publicKeys.parse(Files.readString(Path.of(keyFile + ".pub")).trim(), null);
            return new OperatorSigner("/" + login + "/keys/" + publicKey.md5Fingerprint(), readPrivateKey(keyFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the operator key " + keyFile, e);
        }
    }

    /** The Authorization header value for a request. */
    String authorization(String method, String requestTarget, String date) {
        String signingString = "(request-target): " + method.toLowerCase(Locale.ROOT) + " " + requestTarget
                + "\ndate: " + date;
        try {
            Signature signature = Signature.getInstance(jcaAlgorithm);
            signature.initSign(privateKey);
            signature.update(signingString.getBytes(StandardCharsets.UTF_8));
            return "Signature keyId=\"" + keyId + "\",algorithm=\"" + algorithm
                    + "\",headers=\"(request-target) date\",signature=\""
                    + Base64.getEncoder().encodeToString(signature.sign()) + "\"";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing a peer request failed", e);
        }
    }

    private static PrivateKey readPrivateKey(Path keyFile) throws IOException {
        String text = Files.readString(keyFile);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (text.contains("BEGIN OPENSSH PRIVATE KEY")) {
            try (PemReader reader = new PemReader(new StringReader(text))) {
                PemObject pem = reader.readPemObject();
                return converter.getPrivateKey(PrivateKeyInfoFactory.createPrivateKeyInfo(
                        OpenSSHPrivateKeyUtil.parsePrivateKeyBlob(pem.getContent())));
            }
        }
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object parsed = parser.readObject();
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IllegalArgumentException(keyFile + " is not an unencrypted private key");
        }
    }
}
