package dev.imageservice.adapter.persistence.inventory;

import dev.imageservice.adapter.persistence.Database;
import dev.imageservice.adapter.persistence.UsesDatabase;
import dev.imageservice.application.port.out.Inventory;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Three aggregate queries in one read transaction. */
@ApplicationScoped
@UsesDatabase
public class DatabaseInventory implements Inventory {

    @Inject
    Database db;

    @Override
    @Transactional
    public Counts count() {
        Map<ImageState, Long> images = new EnumMap<>(ImageState.class);
        countBy("select i.state, count(i) from ImageEntity i group by i.state", ImageState::fromWire, images);
        Map<ImageJob.State, Long> jobs = new EnumMap<>(ImageJob.State.class);
        countBy("select j.state, count(j) from ImageJobEntity j group by j.state", ImageJob.State::valueOf, jobs);
        Long bytes = db.session()
                .createSelectionQuery("select coalesce(sum(b.size), 0) from FileBlobEntity b", Long.class).getSingleResult();
        return new Counts(images, jobs, bytes);
    }

    private <S> void countBy(String query, Function<String, S> state, Map<S, Long> into) {
        List<Object[]> rows = db.session().createSelectionQuery(query, Object[].class).getResultList();
        for (Object[] row : rows) {
            into.put(state.apply((String) row[0]), (Long) row[1]);
        }
    }
}
