package ru.ksamu.server;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.ksamu.testkit.JsonLogs;

/** {@code ksamu.log-format=json}: the server's log file holds one JSON object per line. */
class JsonLogIT {

    @TempDir
    Path tmp;

    @Test
    void theLogFileHoldsOneJsonObjectPerLine() throws Exception {
        JsonLogs.assertStartIsLoggedAsJson(ServerApplication.class, tmp, "server.log");
    }
}
