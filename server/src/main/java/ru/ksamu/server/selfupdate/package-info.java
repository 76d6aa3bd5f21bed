/**
 * Обновление Сервера КСАМУ: the server updates itself. The task {@code SERVER_UPDATE} puts the
 * server files of the installed release beside the running version under {@code <data>/server/}
 * and asks the supervisor ({@code ru.ksamu.supervisor}) for a restart at a safe moment; the
 * supervisor switches, checks health and switches back when the new version is not healthy.
 * The server also reports that it is running ({@code running.json}) and what the last switch did.
 */
package ru.ksamu.server.selfupdate;
