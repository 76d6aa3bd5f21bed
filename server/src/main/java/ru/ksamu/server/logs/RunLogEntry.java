package ru.ksamu.server.logs;

/** One run-log entry as the API and the console show it ({@code at} as {@code 01.06.2024 21:29:00}). */
record RunLogEntry(long id, String at, String atIso, String level, Long taskId, String taskName, Long runId,
                          String message, Integer progress) {
}
