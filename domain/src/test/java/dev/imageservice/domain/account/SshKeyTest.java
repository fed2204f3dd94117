package dev.imageservice.domain.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SshKeyTest {

    /** A key made by ssh-keygen, with the fingerprints {@code ssh-keygen -l [-E md5]} printed for it. */
    private static final String LINE = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPLh7pw6oBh1666nik2YW/ezW1Z1BaNlqrf9JNl46Y2z bob@desk";
    private static final byte[] BLOB = Base64.getDecoder().decode(LINE.split(" ")[1]);
    private static final String MD5 = "83:14:b2:a7:7c:2c:58:fe:90:45:62:40:53:1f:54:32";
    private static final String SHA256 = "SHA256:ZVlQyzeqpN5rAVN3C5ZjBSHClPN9K9rFJ07pqyRo6Tg";

    @Test
    void fingerprintsAreThoseSshKeygenPrints() {
        SshKey key = SshKey.fromOpenSsh("desk", "bob@desk", BLOB, LINE);

        assertThat(key.md5Fingerprint()).isEqualTo(MD5);
        assertThat(key.sha256Fingerprint()).isEqualTo(SHA256);
        assertThat(key.publicKeyText()).isEqualTo(LINE);
    }

    @Test
    void aKeyIsNamedByTheGivenNameElseItsCommentElseItsMd5Fingerprint() {
        assertThat(SshKey.fromOpenSsh(" desk ", "bob@desk", BLOB, LINE).name()).isEqualTo("desk");
        assertThat(SshKey.fromOpenSsh("  ", "bob@desk", BLOB, LINE).name()).isEqualTo("bob@desk");
        assertThat(SshKey.fromOpenSsh(null, "", BLOB, LINE).name()).isEqualTo(MD5);
    }

    /** An account's keys clash when one reference would name two of them. */
    @Test
    void keysClashWhenOneReferenceNamesBoth() {
        SshKey desk = SshKey.fromOpenSsh("desk", "bob@desk", BLOB, LINE);
        SshKey other = new SshKey("laptop", "00:11", "SHA256:other", "ssh-ed25519 B");

        assertThat(desk.clashesWith(other)).isFalse();
        assertThat(desk.clashesWith(new SshKey("desk", "00:11", "SHA256:other", "ssh-ed25519 B"))).isTrue();
        assertThat(desk.clashesWith(desk.namedByFingerprint())).isTrue();
        assertThat(desk.clashesWith(new SshKey("MD5:" + MD5, "00:11", "SHA256:other", "ssh-ed25519 B"))).isTrue();
        assertThat(new SshKey(SHA256, "00:11", "SHA256:other", "ssh-ed25519 B").clashesWith(desk)).isTrue();
    }

    @Test
    void aKeyNamedByItsFingerprintKeepsItsKey() {
        SshKey byFingerprint = SshKey.fromOpenSsh("desk", "bob@desk", BLOB, LINE).namedByFingerprint();

        assertThat(byFingerprint).isEqualTo(new SshKey(MD5, MD5, SHA256, LINE));
    }

    @Test
    void aKeyIsNamedByItsNameAndEveryFingerprintForm() {
        SshKey key = SshKey.fromOpenSsh("desk", "bob@desk", BLOB, LINE);

        assertThat(key.isNamedBy("desk")).isTrue();
        assertThat(key.isNamedBy(MD5)).isTrue();
        assertThat(key.isNamedBy("MD5:" + MD5)).isTrue();
        assertThat(key.isNamedBy(SHA256)).isTrue();

        assertThat(key.isNamedBy("bob@desk")).isFalse();
        assertThat(key.isNamedBy(MD5.replace(':', '-'))).isFalse();
        assertThat(key.isNamedBy("md5:" + MD5)).isFalse();
        assertThat(key.isNamedBy(SHA256.substring("SHA256:".length()))).isFalse();
    }
}
