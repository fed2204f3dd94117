package dev.imageservice.adapter.persistence.account;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "account")
public class AccountEntity {

    @Id
    public UUID id;
    public String login;
    public String email;
    public boolean operator;
    public boolean disabled;
    public Instant created;
    public Instant updated;
}
