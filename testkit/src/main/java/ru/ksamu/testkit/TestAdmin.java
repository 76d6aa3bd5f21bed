package ru.ksamu.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The admin password test servers start with ({@code ksamu.admin.initial-password}): the article's
 * default "admin" must be replaced before anything can be changed, so tests that change things
 * start the server with this one instead.
 */
public final class TestAdmin {

    public static final String PASSWORD = "ksamu-test-admin";
    /** The setting that gives a server its first password. */
    public static final String SETTING = "ksamu.admin.initial-password";

    private TestAdmin() {
    }

    /** The HTTP Basic header of the admin with {@link #PASSWORD}. */
    public static String basic() {
        return basic(PASSWORD);
    }

    /** The HTTP Basic header of the admin with this password. */
    public static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }
}
