package dev.imageservice.adapter.persistence.inventory;

import dev.imageservice.adapter.persistence.files.FileBlobEntity;
import dev.imageservice.application.port.out.Inventory;
import dev.imageservice.domain.image.ImageState;
import dev.imageservice.domain.job.ImageJob;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Three aggregate queries in one read transaction. */
@ApplicationScoped
public class DatabaseInventory implements Inventory {

    @Override
    @Transactional
    public Counts count() {
        Map<ImageState, Long> images = new EnumMap<>(ImageState.class);
        countBy("select i.state, count(i) from ImageEntity i group by i.state", ImageState::fromWire, images);
        Map<ImageJob.State, Long> jobs = new EnumMap<>(ImageJob.State.class);
        countBy("select j.state, count(j) from ImageJobEntity j group by j.state", ImageJob.State::valueOf, jobs);
        Long bytes = FileBlobEntity.getEntityManager()
                .createQuery("select coalesce(sum(b.size), 0) from FileBlobEntity b", Long.class).getSingleResult();
        return new Counts(images, jobs, bytes);
    }

    private static <S> void countBy(String query, Function<String, S> state, Map<S, Long> into) {
        List<Object[]> rows = Panache.getEntityManager().createQuery(query, Object[].class).getResultList();
        for (Object[] row : rows) {
            into.put(state.apply((String) row[0]), (Long) row[1]);
        }
    }
}
