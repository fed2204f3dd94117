package dev.imageservice.domain.image;

import java.util.List;
import java.util.Map;

/** The length of a value's compact JSON form, enough to enforce size caps without a JSON library. */
final class JsonSize {

    private JsonSize() {
    }

    static long of(Object value) {
        if (value == null) {
            return 4;
        }
        if (value instanceof String text) {
            return stringLength(text);
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2 + Math.max(0, map.size() - 1);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                size += stringLength(String.valueOf(entry.getKey())) + 1 + of(entry.getValue());
            }
            return size;
        }
        if (value instanceof List<?> list) {
            long size = 2 + Math.max(0, list.size() - 1);
            for (Object item : list) {
                size += of(item);
            }
            return size;
        }
        return String.valueOf(value).length();
    }

    private static long stringLength(String text) {
        long length = 2;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            length += c == '"' || c == '\\' ? 2 : c < 0x20 ? 6 : 1;
        }
        return length;
    }
}
