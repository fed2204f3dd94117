package dev.imageservice.adapter.grpc.mapping;

import dev.imageservice.adapter.grpc.v1.CreateImageFromMachineRequest;
import dev.imageservice.adapter.grpc.v1.ListImagesRequest;
import dev.imageservice.adapter.grpc.v1.UpdateImageRequest;
import dev.imageservice.application.port.in.CreateImageFromMachineCommand;
import dev.imageservice.application.port.in.ListImagesQuery;
import dev.imageservice.application.port.in.UpdateImageCommand;
import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.StateFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.account.Account;
import dev.imageservice.domain.image.ImageUpdate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request messages as the use cases' commands and queries. Only shape is translated here: an unset
 * optional field is an absent parameter, exactly as a missing JSON member is for REST; the use cases
 * judge the values.
 */
public final class ImageRequests {

    private ImageRequests() {
    }

    public static ListImagesQuery listQuery(Account caller, ListImagesRequest request) {
        return new ListImagesQuery(caller,
                StateFilter.parse(request.hasState() ? request.getState() : null),
                request.hasPublic() ? request.getPublic() : null,
                ImageListFilter.parseOwner(request.hasOwner() ? request.getOwner() : null),
                TextMatch.parse(request.hasName() ? request.getName() : null),
                TextMatch.parse(request.hasVersion() ? request.getVersion() : null),
                request.hasOs() ? request.getOs() : null,
                request.hasType() ? request.getType() : null);
    }

    public static CreateImageFromMachineCommand createCommand(Account caller, CreateImageFromMachineRequest request) {
        return new CreateImageFromMachineCommand(caller, request.getMachine(), request.getName(), request.getVersion(),
                request.hasDescription() ? request.getDescription() : null,
                request.hasHomepage() ? request.getHomepage() : null,
                request.hasEula() ? request.getEula() : null,
                request.getAclCount() == 0 ? null : List.copyOf(request.getAclList()),
                request.hasTags() ? ProtoValues.fromStruct(request.getTags()) : null);
    }

    /**
     * With an update mask, each named field (a named field left unset is null: removed); without one,
     * each field that is set. Unknown names are passed on for the use case to ignore, as REST does
     * with unknown members.
     */
    public static UpdateImageCommand updateCommand(Account caller, UpdateImageRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (request.hasUpdateMask() && request.getUpdateMask().getPathsCount() > 0) {
            for (String path : request.getUpdateMask().getPathsList()) {
                fields.put(path, valueOf(request, path));
            }
        } else {
            for (String field : ImageUpdate.FIELDS) {
                Object value = valueOf(request, field);
                if (value != null) {
                    fields.put(field, value);
                }
            }
        }
        return new UpdateImageCommand(caller, request.getId(), fields,
                request.hasExpectedRevision() ? request.getExpectedRevision() : null);
    }

    private static Object valueOf(UpdateImageRequest request, String field) {
        return switch (field) {
            case "name" -> request.hasName() ? request.getName() : null;
            case "version" -> request.hasVersion() ? request.getVersion() : null;
            case "description" -> request.hasDescription() ? request.getDescription() : null;
            case "homepage" -> request.hasHomepage() ? request.getHomepage() : null;
            case "eula" -> request.hasEula() ? request.getEula() : null;
            case "acl" -> request.getAclCount() == 0 ? null : List.copyOf(request.getAclList());
            case "tags" -> request.hasTags() ? ProtoValues.fromStruct(request.getTags()) : null;
            default -> null;
        };
    }
}
