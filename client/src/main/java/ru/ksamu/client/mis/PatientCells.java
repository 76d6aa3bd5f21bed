package ru.ksamu.client.mis;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import ru.ksamu.client.Texts;

/**
 * The patient list as people read it: headings from the bundle for the columns it knows
 * ({@code mis.column.<name>}: id → "№", full_name → "ФИО", born → "Дата рождения"; any other column
 * keeps its name), ISO dates and date-times written as the bundle says ({@code mis.date},
 * {@code mis.dateTime}), and cells that sort by what they are (numbers as numbers, dates by date)
 * rather than by their text.
 */
final class PatientCells {

    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,18}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?");

    /** One cell: what is shown ({@link #toString()}) and what it sorts by. */
    record Cell(String shown, Comparable<?> key) implements Comparable<Cell> {

        /** Empty cells first, then numbers, dates, date-times and text, each in its own order. */
        private static final Comparator<Cell> ORDER = Comparator.comparingInt(Cell::rank).thenComparing(Cell::sameKind);

        @Override
        public int compareTo(Cell other) {
            return ORDER.compare(this, other);
        }

        private int rank() {
            return shown.isEmpty() ? 0 : key instanceof Long ? 1 : key instanceof LocalDate ? 2 : key instanceof LocalDateTime ? 3 : 4;
        }

        @SuppressWarnings({"unchecked", "rawtypes"}) // same rank, so the keys are of one class
        private static int sameKind(Cell a, Cell b) {
            return ((Comparable) a.key).compareTo(b.key);
        }

        @Override
        public String toString() {
            return shown;
        }
    }

    private final Texts texts;
    private final DateTimeFormatter date;
    private final DateTimeFormatter dateTime;

    PatientCells(Texts texts) {
        this.texts = texts;
        Locale locale = Locale.forLanguageTag(texts.lang());
        this.date = DateTimeFormatter.ofPattern(texts.get("mis.date"), locale);
        this.dateTime = DateTimeFormatter.ofPattern(texts.get("mis.dateTime"), locale);
    }

    /** The heading of a column the server names {@code column}. */
    String heading(String column) {
        return texts.find("mis.column." + column).orElse(column);
    }

    List<String> headings(List<String> columns) {
        return columns.stream().map(this::heading).toList();
    }

    /** A cell as the server sent it (text, {@code ""} for null). */
    Cell cell(String raw) {
        try {
            if (INTEGER.matcher(raw).matches()) {
                return new Cell(raw, Long.parseLong(raw));
            }
            if (DATE.matcher(raw).matches()) {
                LocalDate d = LocalDate.parse(raw);
                return new Cell(date.format(d), d);
            }
            if (DATE_TIME.matcher(raw).matches()) {
                LocalDateTime t = LocalDateTime.parse(raw.replace(' ', 'T'));
                return new Cell(dateTime.format(t), t);
            }
        } catch (DateTimeParseException e) {
            // not a real date (2024-02-30): shown as sent
        }
        return new Cell(raw, raw);
    }

    List<Cell> row(List<String> raw) {
        List<Cell> cells = new ArrayList<>(raw.size());
        for (String r : raw) {
            cells.add(cell(r));
        }
        return cells;
    }
}
