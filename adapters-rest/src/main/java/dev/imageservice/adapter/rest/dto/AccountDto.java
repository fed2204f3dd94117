package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.imageservice.domain.account.Account;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** GetAccount's answer: triton reads {@code id} from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Account", description = "An account", example = """
        {
          "id": "47034e57-42d1-0342-b302-00db733e8c8a",
          "login": "alice",
          "email": "alice@example.com",
          "created": "2024-01-01T00:00:00Z",
          "updated": "2024-01-01T00:00:00Z"
        }""")
public record AccountDto(
        @Schema(required = true, format = "uuid", description = "The account's UUID, as images name it in owner and acl")
        String id,
        @Schema(required = true, description = "The account's login")
        String login,
        @Schema(description = "The account's email address")
        String email,
        @Schema(format = "date-time", description = "When the account was created")
        String created,
        @Schema(format = "date-time", description = "When the account was last changed")
        String updated) {

    public static AccountDto from(Account account) {
        return new AccountDto(account.id().toString(), account.login(), account.email(),
                account.created().toString(), account.updated().toString());
    }
}
