package ru.ksamu.server.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * The "Аргументы" option split into a program's arguments: spaces separate them, double quotes
 * keep spaces inside one ({@code "C:\Обмен\Входящие" --full}). A backslash is an ordinary
 * character, as in Windows paths; there is no shell, so {@code |}, {@code >} and {@code $VAR} are
 * passed on as they are.
 */
final class CommandLine {

    private CommandLine() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        if (line == null) {
            return out;
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    any = false;
                }
            } else {
                cur.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("кавычка не закрыта: " + line);
        }
        if (any) {
            out.add(cur.toString());
        }
        return out;
    }
}
