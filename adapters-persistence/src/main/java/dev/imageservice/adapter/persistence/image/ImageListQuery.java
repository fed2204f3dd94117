package dev.imageservice.adapter.persistence.image;

import dev.imageservice.domain.access.ImageListFilter;
import dev.imageservice.domain.access.TextMatch;
import dev.imageservice.domain.image.Image;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.image.ImageType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.query.SelectionQuery;

/**
 * Translates {@link ImageListFilter} into one JPQL query, so that visibility, filters and order
 * are all evaluated by the database. Tested against {@link ImageListFilter#matches}.
 */
final class ImageListQuery {

    private static final String ACTIVATED = "('" + ImageState.ACTIVE.wireName() + "','"
            + ImageState.DISABLED.wireName() + "')";
    /**
     * The caller's ACL row of each image, if any (at most one: (image_id, account_id) is the key), is
     * joined rather than tested with an exists: PostgreSQL runs an exists within an "or" as a subplan,
     * hashed when it expects many rows, and so hashed all of the caller's ACL rows for every page; a
     * join lets it look up the key of each row the page reads.
     */
    private static final String FROM = "select i from ImageEntity i"
            + " left join ImageAclEntry a on a.imageId = i.id and a.accountId = :caller";
    private static final String SHARED_WITH_CALLER = "a.imageId is not null";

    private static final String ORDER = "i.publishedAt asc nulls first, i.id asc";

    private final String selectMatching;
    private final String order;
    private final Map<String, Object> parameters = new HashMap<>();

    ImageListQuery(ImageListFilter filter) {
        List<String> conditions = new ArrayList<>();
        parameters.put("caller", filter.caller());
        conditions.add("(i.ownerId = :caller or (i.state in " + ACTIVATED + " and (i.isPublic = true or "
                + SHARED_WITH_CALLER + ")))");
        switch (filter.state().kind()) {
            case ACTIVE -> conditions.add("i.state = '" + ImageState.ACTIVE.wireName() + "'");
            case ALL -> {
            }
            case OWN_IN_STATE -> {
                conditions.add("i.ownerId = :caller and i.state = :ownState");
                parameters.put("ownState", filter.state().ownState().wireName());
            }
        }
        if (filter.isPublic() != null) {
            conditions.add("i.isPublic = :isPublic");
            parameters.put("isPublic", filter.isPublic());
        }
        if (filter.owner() != null) {
            conditions.add("i.ownerId = :owner");
            parameters.put("owner", filter.owner());
        }
        addTextMatch(conditions, "name", filter.name());
        addTextMatch(conditions, "version", filter.version());
        if (filter.os() != null) {
            conditions.add("i.os = :os");
            parameters.put("os", filter.os());
        }
        if (filter.type() == null) {
            conditions.add("(i.type is null or i.type <> '" + ImageType.DOCKER.wireName() + "')");
        } else {
            conditions.add("i.type = :type");
            parameters.put("type", filter.type());
        }
        this.selectMatching = FROM + " where " + String.join(" and ", conditions);
        // One owner's rows, or one is_public value's: ordering by that column first changes nothing, and
        // lets H2 see that the (owner_id, ...) or (is_public, ...) index in the list order gives the order,
        // instead of sorting the rows after the page's key for every page.
        this.order = " order by " + (filter.owner() != null ? "i.ownerId, " : filter.isPublic() != null ? "i.isPublic, " : "")
                + ORDER;
    }

    /**
     * The matching unpublished rows ({@code published} false) or published ones that come after
     * {@code last} in the list order (from the first when it is null). Either is a range of the index on
     * (published_at, id): the unpublished rows are its head, in id order, and the published ones a range
     * from {@code last}'s published_at on. (One query for both, with an "or", made H2 scan the index
     * from its start for every page.)
     */
    SelectionQuery<ImageEntity> after(Session session, boolean published, Image last) {
        String keyset = published ? " and i.publishedAt is not null" : " and i.publishedAt is null";
        if (last != null) {
            keyset += published
                    ? " and i.publishedAt >= :lastPublished and (i.publishedAt > :lastPublished or i.id > :lastId)"
                    : " and i.id > :lastId";
        }
        SelectionQuery<ImageEntity> query = session.createSelectionQuery(selectMatching + keyset + order, ImageEntity.class);
        parameters.forEach(query::setParameter);
        if (last != null) {
            query.setParameter("lastId", last.id());
        }
        if (last != null && published) {
            query.setParameter("lastPublished", last.publishedAt());
        }
        return query;
    }

    private void addTextMatch(List<String> conditions, String field, TextMatch match) {
        if (match == null) {
            return;
        }
        // locate() is a plain case-sensitive substring test, with no LIKE wildcards to escape.
        conditions.add(match.substring() ? "locate(:" + field + ", i." + field + ") > 0" : "i." + field + " = :" + field);
        parameters.put(field, match.text());
    }
}
