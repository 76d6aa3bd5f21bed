package ru.ksamu.release.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Canonical JSON writing and strict reading for the signed documents (manifest, feed).
 * Writing: objects keep the insertion order their builder chose, output is compact UTF-8 with no
 * whitespace. Reading: one JSON object, no duplicate keys, nothing after it, every expected field
 * present and no other; each violation is reported through the caller's {@link Errors} with the
 * document and the field named. Depends on no other package of the library (the refusals are the
 * caller's), so the library's packages may all use it without a cycle.
 */
public final class StrictJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** Makes the refusal for a broken document, given the Russian and English detail. */
    @FunctionalInterface
    public interface Errors {
        /** @return the exception to throw */
        RuntimeException error(String russian, String english);
    }

    /** A new empty object whose fields serialize in insertion order. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Compact UTF-8 bytes of a tree, fields in insertion order. */
    public static byte[] write(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    /**
     * Reads a document that must be one JSON object.
     *
     * @param json     the bytes
     * @param document the document's name for messages, e.g. {@code release.json}
     * @param errors   makes the exception for every refusal
     */
    public static Reader read(byte[] json, String document, Errors errors) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JacksonException e) {
            String detail = e.getOriginalMessage();
            throw errors.error(document + " не является корректным JSON: " + detail,
                    document + " is not valid JSON: " + detail);
        }
        if (node == null || !node.isObject()) {
            throw errors.error(document + ": нужен объект JSON", document + ": expected a JSON object");
        }
        return new Reader(node, document, "", errors);
    }

    /** Reads the fields of one JSON object; see {@link StrictJson}. */
    public static final class Reader {

        private final JsonNode node;
        private final String document;
        private final String prefix;
        private final Errors errors;

        private Reader(JsonNode node, String document, String prefix, Errors errors) {
            this.node = node;
            this.document = document;
            this.prefix = prefix;
            this.errors = errors;
        }

        /** Refuses unknown fields, then missing ones; returns this reader. */
        public Reader expectFields(String... names) {
            Set<String> expected = new LinkedHashSet<>(Arrays.asList(names));
            for (String present : node.propertyNames()) {
                if (!expected.contains(present)) {
                    throw fail("неизвестное поле " + Texts.quote(name(present)),
                            "unknown field " + Texts.quote(name(present)));
                }
            }
            for (String name : expected) {
                if (!node.has(name)) {
                    throw fail("нет поля " + Texts.quote(name(name)), "field " + Texts.quote(name(name)) + " is missing");
                }
            }
            return this;
        }

        /** A string field. */
        public String string(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isString()) {
                throw wrongType(field, "строкой", "a string");
            }
            return value.stringValue();
        }

        /** A string field that may be {@code null}. */
        public Optional<String> nullableString(String field) {
            JsonNode value = node.get(field);
            return value != null && value.isNull() ? Optional.empty() : Optional.of(string(field));
        }

        /** An integer field that fits a {@code long}. */
        public long integer(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
                throw wrongType(field, "целым числом", "an integer");
            }
            return value.longValue();
        }

        /** An ISO-8601 instant such as {@code 2024-06-01T21:29:00Z}. */
        public Instant instant(String field) {
            String text = string(field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw fail("поле " + Texts.quote(name(field)) + ": неверное время " + Texts.quote(text),
                        "field " + Texts.quote(name(field)) + ": invalid instant " + Texts.quote(text));
            }
        }

        /** An array of strings. */
        public List<String> strings(String field) {
            List<String> result = new ArrayList<>();
            for (JsonNode item : array(field)) {
                if (!item.isString()) {
                    throw wrongType(field, "массивом строк", "an array of strings");
                }
                result.add(item.stringValue());
            }
            return result;
        }

        /** An array of objects, each read by its own reader named {@code field[i]}. */
        public List<Reader> objects(String field) {
            List<Reader> result = new ArrayList<>();
            List<JsonNode> items = array(field);
            for (int i = 0; i < items.size(); i++) {
                if (!items.get(i).isObject()) {
                    throw wrongType(field, "массивом объектов", "an array of objects");
                }
                result.add(new Reader(items.get(i), document, name(field) + "[" + i + "].", errors));
            }
            return result;
        }

        /**
         * The refusal for a field whose text a parser refused, e.g. {@code поле "version": <reason>};
         * the caller gives the parser's reason in both languages.
         */
        public RuntimeException badField(String field, String russian, String english) {
            return fail("поле " + Texts.quote(name(field)) + ": " + russian,
                    "field " + Texts.quote(name(field)) + ": " + english);
        }

        /** The refusal for this document with a detail, e.g. a value that breaks a rule. */
        public RuntimeException fail(String russian, String english) {
            return errors.error(document + ": " + russian, document + ": " + english);
        }

        private List<JsonNode> array(String field) {
            JsonNode value = node.get(field);
            if (value == null || !value.isArray()) {
                throw wrongType(field, "массивом", "an array");
            }
            return new ArrayList<>(value.values());
        }

        private RuntimeException wrongType(String field, String russian, String english) {
            return fail("поле " + Texts.quote(name(field)) + " должно быть " + russian,
                    "field " + Texts.quote(name(field)) + " must be " + english);
        }

        private String name(String field) {
            return prefix + field;
        }
    }
}
