package dev.imageservice.adapter.persistence.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

@Entity
@Table(name = "account_key")
@IdClass(AccountKeyEntity.Key.class)
public class AccountKeyEntity {

    @Id
    @Column(name = "account_id")
    public UUID accountId;
    @Id
    public String name;
    @Column(name = "md5_fingerprint")
    public String md5Fingerprint;
    @Column(name = "sha256_fingerprint")
    public String sha256Fingerprint;
    @Column(name = "public_key")
    public String publicKey;

    /** The composite key Hibernate needs for {@code @IdClass}. */
    public static class Key implements Serializable {
        public UUID accountId;
        public String name;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(accountId, key.accountId) && Objects.equals(name, key.name);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, name);
        }
    }
}
