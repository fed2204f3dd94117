package dev.imageservice.adapter.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.imageservice.domain.image.Requirements;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Provisioning requirements; RAM limits show under both their old (ram) and new (memory) names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Requirements", description = "What an instance provisioned from the image must have")
public record RequirementsDto(
        @Schema(description = "The minimum RAM, in MiB, the VM must be given (also shown as min_memory)")
        @JsonProperty("min_ram") Integer minRam,
        @Schema(description = "The same value as min_ram")
        @JsonProperty("min_memory") Integer minMemory,
        @Schema(description = "The maximum RAM, in MiB, the VM may be given (also shown as max_memory)")
        @JsonProperty("max_ram") Integer maxRam,
        @Schema(description = "The same value as max_ram")
        @JsonProperty("max_memory") Integer maxMemory,
        @Schema(description = "The brand the VM must have, such as bhyve or kvm")
        String brand,
        @Schema(description = "The firmware a bhyve VM boots with", enumeration = {"bios", "uefi"})
        String bootrom,
        @Schema(description = "Whether an SSH key must be given at provisioning", type = SchemaType.BOOLEAN)
        @JsonProperty("ssh_key") Object sshKey,
        @Schema(description = "The networks the VM needs, as IMGAPI describes them", type = SchemaType.ARRAY,
                implementation = Map.class)
        Object networks,
        @Schema(description = "The minimum platform per SDC version, e.g. {\"7.0\": \"20130122T122401Z\"}",
                type = SchemaType.OBJECT, additionalProperties = String.class)
        @JsonProperty("min_platform") Object minPlatform,
        @Schema(description = "The maximum platform per SDC version", type = SchemaType.OBJECT,
                additionalProperties = String.class)
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
