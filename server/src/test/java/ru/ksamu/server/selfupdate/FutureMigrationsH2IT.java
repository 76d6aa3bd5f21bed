package ru.ksamu.server.selfupdate;

import java.nio.file.Path;

class FutureMigrationsH2IT extends FutureMigrationsContract {

    @Override
    String[] freshServiceDatabase(Path dir) {
        return new String[] {"jdbc:h2:file:" + dir.resolve("db/service").toAbsolutePath(), "sa"};
    }
}
