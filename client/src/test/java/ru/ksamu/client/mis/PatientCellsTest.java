package ru.ksamu.client.mis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import ru.ksamu.client.Texts;

class PatientCellsTest {

    static final PatientCells RU = new PatientCells(Texts.of("ru"));
    static final PatientCells EN = new PatientCells(Texts.of("en"));

    @Test
    void knownColumnsGetHeadingsFromTheBundleOthersKeepTheirNames() {
        List<String> columns = List.of("id", "full_name", "born", "phone", "blood_group");
        assertThat(RU.headings(columns)).containsExactly("№", "ФИО", "Дата рождения", "Телефон", "blood_group");
        assertThat(EN.headings(columns)).containsExactly("No.", "Full name", "Date of birth", "Phone", "blood_group");
    }

    @Test
    void isoDatesAreShownDayMonthYear() {
        assertThat(RU.cell("1980-03-14").toString()).isEqualTo("14.03.1980");
        assertThat(EN.cell("1980-03-14").toString()).isEqualTo("14.03.1980");
        assertThat(RU.cell("2026-12-02T13:42:29").toString()).isEqualTo("02.12.2026 13:42");
        assertThat(RU.cell("2026-12-02 13:42:29.123").toString()).isEqualTo("02.12.2026 13:42");
        assertThat(RU.cell("2024-02-30").toString()).as("not a date: as sent").isEqualTo("2024-02-30");
        assertThat(RU.cell("Иванов 1980-03-14").toString()).isEqualTo("Иванов 1980-03-14");
        assertThat(RU.cell("+7 900 000-00-01").toString()).isEqualTo("+7 900 000-00-01");
    }

    @Test
    void cellsSortByWhatTheyAreNotByTheirText() {
        List<PatientCells.Cell> born = new ArrayList<>(RU.row(List.of("1992-07-23", "1975-11-02", "", "1980-03-14")));
        Collections.sort(born);
        assertThat(born).extracting(Object::toString).containsExactly("", "02.11.1975", "14.03.1980", "23.07.1992");
        List<PatientCells.Cell> ids = new ArrayList<>(RU.row(List.of("10", "9", "100", "x")));
        Collections.sort(ids);
        assertThat(ids).extracting(Object::toString).containsExactly("9", "10", "100", "x");
    }
}
