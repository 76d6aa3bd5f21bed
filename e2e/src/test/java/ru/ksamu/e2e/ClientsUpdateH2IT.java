package ru.ksamu.e2e;

import java.util.List;

class ClientsUpdateH2IT extends ClientsUpdateContract {

    @Override
    List<String> hubDatabase() {
        return List.of();
    }

    @Override
    List<String> serverDatabases() {
        return List.of();
    }
}
