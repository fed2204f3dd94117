package dev.imageservice.adapter.grpc.mapping;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON-like values between the well-known types and the plain Java values the use cases take
 * (String, Number, Boolean, List, Map, null), as a JSON parser would give them.
 */
public final class ProtoValues {

    /** Integral numbers up to 2^53 are exact in a double; they come back as Integer or Long, as JSON parsers give them. */
    private static final double EXACT_INTEGERS = 9_007_199_254_740_992d;

    private ProtoValues() {
    }

    public static Struct toStruct(Map<String, ?> values) {
        Struct.Builder struct = Struct.newBuilder();
        values.forEach((key, value) -> struct.putFields(key, toValue(value)));
        return struct.build();
    }

    public static Value toValue(Object value) {
        if (value == null) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        if (value instanceof String text) {
            return Value.newBuilder().setStringValue(text).build();
        }
        if (value instanceof Boolean bool) {
            return Value.newBuilder().setBoolValue(bool).build();
        }
        if (value instanceof Number number) {
            return Value.newBuilder().setNumberValue(number.doubleValue()).build();
        }
        if (value instanceof Map<?, ?> map) {
            Struct.Builder struct = Struct.newBuilder();
            map.forEach((key, item) -> struct.putFields(String.valueOf(key), toValue(item)));
            return Value.newBuilder().setStructValue(struct).build();
        }
        if (value instanceof Iterable<?> items) {
            ListValue.Builder list = ListValue.newBuilder();
            items.forEach(item -> list.addValues(toValue(item)));
            return Value.newBuilder().setListValue(list).build();
        }
        return Value.newBuilder().setStringValue(value.toString()).build();
    }

    public static Map<String, Object> fromStruct(Struct struct) {
        Map<String, Object> values = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((key, value) -> values.put(key, fromValue(value)));
        return values;
    }

    public static Object fromValue(Value value) {
        return switch (value.getKindCase()) {
            case NULL_VALUE, KIND_NOT_SET -> null;
            case BOOL_VALUE -> value.getBoolValue();
            case STRING_VALUE -> value.getStringValue();
            case NUMBER_VALUE -> number(value.getNumberValue());
            case STRUCT_VALUE -> fromStruct(value.getStructValue());
            case LIST_VALUE -> {
                List<Object> items = new ArrayList<>();
                value.getListValue().getValuesList().forEach(item -> items.add(fromValue(item)));
                yield items;
            }
        };
    }

    private static Number number(double number) {
        if (number == Math.rint(number) && Math.abs(number) <= EXACT_INTEGERS) {
            long integral = (long) number;
            return integral == (int) integral ? Integer.valueOf((int) integral) : Long.valueOf(integral);
        }
        return number;
    }

    public static Timestamp toTimestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
