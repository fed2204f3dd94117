package dev.imageservice.adapter.persistence.image;

import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import io.quarkus.panache.common.Parameters;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates {@link ImageListFilter} into one JPQL query, so that visibility, filters and order
 * are all evaluated by the database. Tested against {@link ImageListFilter#matches}.
 */
final class ImageListQuery {

    private static final String ACTIVATED = "('" + ImageState.ACTIVE.wireName() + "','"
            + ImageState.DISABLED.wireName() + "')";
    private static final String SHARED_WITH_CALLER =
            "exists (select 1 from ImageAclEntry a where a.imageId = i.id and a.accountId = :caller)";

    final String jpql;
    final Parameters parameters;

    ImageListQuery(ImageListFilter filter) {
        List<String> conditions = new ArrayList<>();
        Parameters params = Parameters.with("caller", filter.caller());
        conditions.add("(i.ownerId = :caller or (i.state in " + ACTIVATED + " and (i.isPublic = true or "
                + SHARED_WITH_CALLER + ")))");
        switch (filter.state().kind()) {
            case ACTIVE -> conditions.add("i.state = '" + ImageState.ACTIVE.wireName() + "'");
            case ALL -> {
            }
            case OWN_IN_STATE -> {
                conditions.add("i.ownerId = :caller and i.state = :ownState");
                params.and("ownState", filter.state().ownState().wireName());
            }
        }
        if (filter.isPublic() != null) {
            conditions.add("i.isPublic = :isPublic");
            params.and("isPublic", filter.isPublic());
        }
        if (filter.owner() != null) {
            conditions.add("i.ownerId = :owner");
            params.and("owner", filter.owner());
        }
        addTextMatch(conditions, params, "name", filter.name());
        addTextMatch(conditions, params, "version", filter.version());
        if (filter.os() != null) {
            conditions.add("i.os = :os");
            params.and("os", filter.os());
        }
        if (filter.type() == null) {
            conditions.add("(i.type is null or i.type <> '" + ImageType.DOCKER.wireName() + "')");
        } else {
            conditions.add("i.type = :type");
            params.and("type", filter.type());
        }
        this.jpql = "from ImageEntity i where " + String.join(" and ", conditions)
                + " order by i.publishedAt asc nulls first, i.id asc";
        this.parameters = params;
    }

    private static void addTextMatch(List<String> conditions, Parameters params, String field, TextMatch match) {
        if (match == null) {
            return;
        }
        // locate() is a plain case-sensitive substring test, with no LIKE wildcards to escape.
        conditions.add(match.substring() ? "locate(:" + field + ", i." + field + ") > 0" : "i." + field + " = :" + field);
        params.and(field, match.text());
    }
}
