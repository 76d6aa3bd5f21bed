package ru.ksamu.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogPageLinksTest {

    @Test
    void theFirstTheLastAndTwoEitherSideOfTheCurrentWithGapsMarked() {
        assertThat(ConsoleLogsController.links(1, 1)).containsExactly(1);
        assertThat(ConsoleLogsController.links(1, 3)).containsExactly(1, 2, 3);
        assertThat(ConsoleLogsController.links(6, 12)).containsExactly(1, 0, 4, 5, 6, 7, 8, 0, 12);
        assertThat(ConsoleLogsController.links(12, 12)).containsExactly(1, 0, 10, 11, 12);
    }
}
