package dev.imageservice.adapter.persistence;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Chooses the database at start, from {@code images.db.url} (env {@code IMAGES_DB_URL}): unset, the
 * embedded H2 datasource is active; a {@code jdbc:postgresql:} URL activates the {@code postgresql}
 * datasource, its persistence unit and its Flyway instead. Quarkus fixes a datasource's kind
 * at build time, so the jar carries both and this turns one off.
 */
public class DatabaseSelection implements ConfigSourceFactory {

    public static final String POSTGRESQL = "postgresql";
    static final String URL = "images.db.url";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(URL);
        boolean cluster = url != null && url.getValue() != null && !url.getValue().isBlank();
        if (cluster && !url.getValue().startsWith(POSTGRESQL_PREFIX)) {
            throw new IllegalArgumentException("IMAGES_DB_URL must be a jdbc:postgresql:// URL, not " + url.getValue());
        }
        Map<String, String> active = new HashMap<>();
        for (String extension : List.of("datasource", "hibernate-orm", "flyway")) {
            active.put("quarkus." + extension + ".active", String.valueOf(!cluster));
            active.put("quarkus." + extension + ".\"" + POSTGRESQL + "\".active", String.valueOf(cluster));
        }
        return List.of(new PropertiesConfigSource(active, "images database selection", 275));
    }
}
