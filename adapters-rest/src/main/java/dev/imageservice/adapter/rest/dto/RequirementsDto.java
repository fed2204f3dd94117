package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imageservice.domain.image.Requirements;

/** Provisioning requirements; RAM limits show under both their old (ram) and new (memory) names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequirementsDto(
        @JsonProperty("min_ram") Integer minRam,
        @JsonProperty("min_memory") Integer minMemory,
        @JsonProperty("max_ram") Integer maxRam,
        @JsonProperty("max_memory") Integer maxMemory,
        String brand,
        String bootrom,
        @JsonProperty("ssh_key") Object sshKey,
        Object networks,
        @JsonProperty("min_platform") Object minPlatform,
        @JsonProperty("max_platform") Object maxPlatform) {

    public static RequirementsDto from(Requirements requirements) {
        return new RequirementsDto(
                requirements.minRam(), requirements.minRam(),
                requirements.maxRam(), requirements.maxRam(),
                requirements.brand(), requirements.bootrom(),
                requirements.others().get("ssh_key"),
                requirements.others().get("networks"),
                requirements.others().get("min_platform"),
                requirements.others().get("max_platform"));
    }
}
