package dev.imageservice.domain.image;

import dev.imageservice.domain.error.DomainException;
import dev.imageservice.domain.error.FieldError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Provisioning requirements. RAM limits and brand/bootrom are typed because rules tie them
 * together; the remaining allowed keys are kept as given.
 */
public record Requirements(Integer minRam, Integer maxRam, String brand, String bootrom, Map<String, Object> others) {

    public static final Requirements NONE = new Requirements(null, null, null, null, Map.of());

    private static final Set<String> PASS_THROUGH_KEYS = Set.of("ssh_key", "networks", "min_platform", "max_platform");
    private static final Set<String> BOOTROMS = Set.of("bios", "uefi");

    public Requirements {
        others = Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }

    public static Requirements of(Object raw) {
        if (raw == null) {
            return NONE;
        }
        if (!(raw instanceof Map<?, ?> map)) {
            throw invalid("requirements must be an object");
        }
        Integer minRam = null;
        Integer maxRam = null;
        String brand = null;
        String bootrom = null;
        Map<String, Object> others = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue();
            switch (key) {
                case "min_ram" -> minRam = positiveMebibytes(key, value);
                case "max_ram" -> maxRam = positiveMebibytes(key, value);
                case "brand" -> brand = text(key, value);
                case "bootrom" -> bootrom = text(key, value);
                default -> {
                    if (!PASS_THROUGH_KEYS.contains(key)) {
                        throw invalid("unsupported requirement: " + key);
                    }
                    others.put(key, value);
                }
            }
        }
        if (minRam != null && maxRam != null && minRam > maxRam) {
            throw invalid("min_ram must not exceed max_ram");
        }
        if (bootrom != null && !BOOTROMS.contains(bootrom)) {
            throw invalid("bootrom must be bios or uefi");
        }
        if (bootrom != null && !"bhyve".equals(brand)) {
            throw invalid("bootrom requires brand bhyve");
        }
        return new Requirements(minRam, maxRam, brand, bootrom, others);
    }

    /** The requirements under their manifest keys, as they are stored and exported. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (minRam != null) {
            out.put("min_ram", minRam);
        }
        if (maxRam != null) {
            out.put("max_ram", maxRam);
        }
        if (brand != null) {
            out.put("brand", brand);
        }
        if (bootrom != null) {
            out.put("bootrom", bootrom);
        }
        out.putAll(others);
        return out;
    }

    private static Integer positiveMebibytes(String key, Object value) {
        if (value instanceof Number number && number.doubleValue() == number.intValue() && number.intValue() > 0) {
            return number.intValue();
        }
        throw invalid(key + " must be a positive integer (MiB)");
    }

    private static String text(String key, Object value) {
        if (value instanceof String text && !text.isEmpty()) {
            return text;
        }
        throw invalid(key + " must be a non-empty string");
    }

    private static DomainException invalid(String message) {
        return DomainException.validationFailed(FieldError.invalid("requirements", message));
    }
}
