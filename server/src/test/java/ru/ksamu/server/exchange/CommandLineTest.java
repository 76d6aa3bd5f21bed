package ru.ksamu.server.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void spacesSeparateAndQuotesKeepSpacesInOneArgument() {
        assertThat(CommandLine.split("--region 09  \"C:\\Обмен\\Входящие файлы\" --full"))
                .containsExactly("--region", "09", "C:\\Обмен\\Входящие файлы", "--full");
    }

    @Test
    void emptyQuotesAreAnEmptyArgumentAndNothingIsNoArguments() {
        assertThat(CommandLine.split("a \"\" b")).containsExactly("a", "", "b");
        assertThat(CommandLine.split(null)).isEmpty();
        assertThat(CommandLine.split("   ")).isEmpty();
    }

    @Test
    void shellCharactersArePassedOnAsTheyAre() {
        assertThat(CommandLine.split("$HOME | > %TEMP%")).containsExactly("$HOME", "|", ">", "%TEMP%");
    }

    @Test
    void anUnclosedQuoteIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> CommandLine.split("--path \"C:\\Обмен"))
                .hasMessage("кавычка не закрыта: --path \"C:\\Обмен");
    }
}
