package ru.ksamu.supervisor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The small flat JSON objects the supervisor and the server exchange ({@code running.json},
 * {@code last-switch.json}): string, number, boolean and null values, no nesting. The supervisor
 * has no libraries on purpose, so it reads and writes just this.
 */
final class FlatJson {

    private FlatJson() {
    }

    /** One object; values in insertion order. Strings are escaped; numbers and booleans are written bare. */
    static String write(Map<String, ?> fields) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(quote(f.getKey())).append(": ");
            Object v = f.getValue();
            out.append(v == null ? "null" : v instanceof Number || v instanceof Boolean ? v.toString() : quote(v.toString()));
        }
        return out.append("}\n").toString();
    }

    /** Reads a flat object; values come back as text (numbers and booleans too), null as null. */
    static Map<String, String> read(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        int[] at = {skip(json, 0)};
        expect(json, at, '{');
        if (peek(json, at) == '}') {
            return out;
        }
        while (true) {
            String key = string(json, at);
            expect(json, at, ':');
            at[0] = skip(json, at[0]);
            String value;
            if (peek(json, at) == '"') {
                value = string(json, at);
            } else {
                int start = at[0];
                while (at[0] < json.length() && ",} \t\r\n".indexOf(json.charAt(at[0])) < 0) {
                    at[0]++;
                }
                value = json.substring(start, at[0]);
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("no value for \"" + key + "\" at " + start);
                }
                if (value.equals("null")) {
                    value = null;
                }
            }
            out.put(key, value);
            char next = peek(json, at);
            at[0]++;
            if (next == '}') {
                return out;
            }
            if (next != ',') {
                throw new IllegalArgumentException("expected , or } at " + (at[0] - 1));
            }
        }
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String string(String json, int[] at) {
        at[0] = skip(json, at[0]);
        expect(json, at, '"');
        StringBuilder out = new StringBuilder();
        while (true) {
            if (at[0] >= json.length()) {
                throw new IllegalArgumentException("unterminated string");
            }
            char c = json.charAt(at[0]++);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = json.charAt(at[0]++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(at[0], at[0] + 4), 16));
                    at[0] += 4;
                }
                default -> out.append(e); // \" \\ \/
            }
        }
    }

    private static void expect(String json, int[] at, char c) {
        at[0] = skip(json, at[0]);
        if (at[0] >= json.length() || json.charAt(at[0]) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + at[0]);
        }
        at[0]++;
    }

    private static char peek(String json, int[] at) {
        at[0] = skip(json, at[0]);
        if (at[0] >= json.length()) {
            throw new IllegalArgumentException("unexpected end");
        }
        return json.charAt(at[0]);
    }

    private static int skip(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
