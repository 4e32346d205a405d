package io.lucid.command.validation;

import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Field deserializers that take a JSON value only in the JSON type the API documents. Micronaut Serialization 2.x
 * coerces scalars silently ({@code "frame_rate": 1.5} became 1, {@code true} became 1, {@code 30} became the string
 * "30"), so a malformed body could store an event with a value the client never sent. With these, a value of the
 * wrong JSON type fails the body binding: 400 {@code malformed_request} (ADR 0001), nothing stored.
 * Use on a request record's component: {@code @Serdeable.Deserializable(using = StrictJson.Int.class)}.
 */
public final class StrictJson {

    private StrictJson() {
    }

    private static JsonNode node(Decoder decoder) throws IOException {
        return decoder.decodeNode();
    }

    private static IOException wrongType(Decoder decoder, String expected, JsonNode node) {
        return decoder.createDeserializationException("expected " + expected + " but got " + describe(node), null);
    }

    private static String describe(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        return node.isArray() ? "an array" : "an object";
    }

    /** An integral JSON number (no fraction, no exponent form that is not integral). */
    private static BigInteger integral(Decoder decoder, JsonNode node) throws IOException {
        if (!node.isNumber()) {
            throw wrongType(decoder, "an integer", node);
        }
        Number number = node.getNumberValue();
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return BigInteger.valueOf(number.longValue());
        }
        if (number instanceof BigInteger big) {
            return big;
        }
        throw wrongType(decoder, "an integer", node);
    }

    /** A JSON string, never a number or boolean turned into one. */
    @Singleton
    public static final class Text implements Deserializer<String> {
        @Override
        public String deserialize(Decoder decoder, DecoderContext context, Argument<? super String> type) throws IOException {
            JsonNode node = node(decoder);
            if (!node.isString()) {
                throw wrongType(decoder, "a string", node);
            }
            return node.getStringValue();
        }
    }

    /** A JSON array of strings. */
    @Singleton
    public static final class TextList implements Deserializer<List<String>> {
        @Override
        public List<String> deserialize(Decoder decoder, DecoderContext context, Argument<? super List<String>> type)
                throws IOException {
            JsonNode node = node(decoder);
            if (!node.isArray()) {
                throw wrongType(decoder, "an array of strings", node);
            }
            List<String> values = new ArrayList<>(node.size());
            for (JsonNode element : node.values()) {
                if (!element.isString()) {
                    throw wrongType(decoder, "an array of strings", element);
                }
                values.add(element.getStringValue());
            }
            return values;
        }
    }

    /** An integral JSON number within the range of {@code int}. */
    @Singleton
    public static final class Int implements Deserializer<Integer> {
        @Override
        public Integer deserialize(Decoder decoder, DecoderContext context, Argument<? super Integer> type) throws IOException {
            BigInteger value = integral(decoder, node(decoder));
            if (value.bitLength() >= Integer.SIZE) {
                throw decoder.createDeserializationException("integer out of range", null);
            }
            return value.intValue();
        }
    }

    /** An integral JSON number within the range of {@code long}. */
    @Singleton
    public static final class Long64 implements Deserializer<Long> {
        @Override
        public Long deserialize(Decoder decoder, DecoderContext context, Argument<? super Long> type) throws IOException {
            BigInteger value = integral(decoder, node(decoder));
            if (value.bitLength() >= Long.SIZE) {
                throw decoder.createDeserializationException("integer out of range", null);
            }
            return value.longValue();
        }
    }

    /** {@code true} or {@code false}. */
    @Singleton
    public static final class Bool implements Deserializer<Boolean> {
        @Override
        public Boolean deserialize(Decoder decoder, DecoderContext context, Argument<? super Boolean> type) throws IOException {
            JsonNode node = node(decoder);
            if (!node.isBoolean()) {
                throw wrongType(decoder, "a boolean", node);
            }
            return node.getBooleanValue();
        }
    }

    /** A JSON number (integral or not) as a {@code double}; a string or a boolean is refused. */
    @Singleton
    public static final class Real implements Deserializer<Double> {
        @Override
        public Double deserialize(Decoder decoder, DecoderContext context, Argument<? super Double> type) throws IOException {
            JsonNode node = node(decoder);
            if (!node.isNumber()) {
                throw wrongType(decoder, "a number", node);
            }
            double value = node.getNumberValue().doubleValue();
            if (!Double.isFinite(value)) {
                throw decoder.createDeserializationException("number out of range", null);
            }
            return value;
        }
    }

    /**
     * A JSON number read exactly as written (no detour through binary floating point). The decoder hands over the
     * literal text of a number; a boolean or an object is refused. A string holding a decimal number is read as that
     * number (the value is what the client wrote, so nothing is invented).
     */
    @Singleton
    public static final class Decimal implements Deserializer<BigDecimal> {

        /** Longer literals are no money or resource amount; refusing them also bounds the parsing cost. */
        private static final int MAX_LITERAL = 64;

        @Override
        public BigDecimal deserialize(Decoder decoder, DecoderContext context, Argument<? super BigDecimal> type) throws IOException {
            String literal = decoder.decodeString();
            if (literal.length() > MAX_LITERAL) {
                throw decoder.createDeserializationException("number too long", null);
            }
            try {
                return new BigDecimal(literal);
            } catch (NumberFormatException e) {
                throw decoder.createDeserializationException("expected a number", null);
            }
        }
    }
}
