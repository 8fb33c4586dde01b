package dev.faultline.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Reads the one JSON shape Faultline writes for a report: an object whose values are integers,
 * strings, or arrays of strings. No dependency, no reflection; anything else is an
 * {@link IllegalArgumentException} naming the offset.
 */
final class FlatJson {
    private final String s;
    private int i;

    private FlatJson(String s) {
        this.s = s;
    }

    /** Calls {@code field} with each name and value ({@link Long}, {@link String} or {@code List<String>}). */
    static void parse(String json, BiConsumer<String, Object> field) {
        FlatJson p = new FlatJson(json);
        p.ws();
        p.expect('{');
        p.ws();
        if (p.peek() == '}') {
            p.i++;
        } else {
            while (true) {
                p.ws();
                String name = p.string();
                p.ws();
                p.expect(':');
                p.ws();
                field.accept(name, p.value());
                p.ws();
                char c = p.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw p.error("expected ',' or '}'");
                }
            }
        }
        p.ws();
        if (p.i != json.length()) {
            throw p.error("unexpected text after the object");
        }
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '[') {
            i++;
            List<String> items = new ArrayList<>();
            ws();
            if (peek() == ']') {
                i++;
                return items;
            }
            while (true) {
                ws();
                items.add(string());
                ws();
                char d = next();
                if (d == ']') {
                    return items;
                }
                if (d != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }
        int start = i;
        if (c == '-') {
            i++;
        }
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start || (i == start + 1 && c == '-')) {
            throw error("expected a string, a number or an array");
        }
        try {
            return Long.parseLong(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw error("number out of range");
        }
    }

    private String string() {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"': b.append('"'); break;
                case '\\': b.append('\\'); break;
                case '/': b.append('/'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'u':
                    if (i + 4 > s.length()) {
                        throw error("short \\u escape");
                    }
                    int v = 0;
                    for (int k = 0; k < 4; k++) {
                        int d = Character.digit(s.charAt(i++), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        v = v << 4 | d;
                    }
                    b.append((char) v);
                    break;
                default: throw error("bad escape");
            }
        }
    }

    private void ws() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n' || s.charAt(i) == '\r' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private char peek() {
        if (i >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(i);
    }

    private char next() {
        char c = peek();
        i++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            i--;
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed report JSON at offset " + i + ": " + what);
    }
}
