package ru.ksamu.client.mis;

/** What shows the program to the user: windows ({@link MisWindow}) or lines ({@link HeadlessMis}). */
interface MisView {

    /** The patient list, or why there is none. */
    void patients(PatientsApi.Answer answer);

    /** One event of the server's stream. */
    void event(ClientEvent event);

    void connected();

    void disconnected(int retryInSeconds, String reason);

    /** A message from the launcher (server unreachable, update refused, rolled back...). */
    void notice(String text);
}
