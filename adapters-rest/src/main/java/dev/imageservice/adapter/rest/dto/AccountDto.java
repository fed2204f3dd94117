package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imageservice.domain.account.Account;

/** GetAccount's answer: triton reads {@code id} from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccountDto(String id, String login, String email, String created, String updated) {

    public static AccountDto from(Account account) {
        return new AccountDto(account.id().toString(), account.login(), account.email(),
                account.created().toString(), account.updated().toString());
    }
}
