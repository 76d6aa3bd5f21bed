package ru.ksamu.server.plugins;

/**
 * Why a plug-in jar (or one task type in it) was left out at start, for Главная and the log.
 *
 * @param file     the jar's file name in {@code <data>/plugins}
 * @param reasonRu the reason in Russian
 * @param reasonEn the reason in English
 */
public record PluginProblem(String file, String reasonRu, String reasonEn) {
}
