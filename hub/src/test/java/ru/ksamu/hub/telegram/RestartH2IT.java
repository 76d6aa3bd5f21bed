package ru.ksamu.hub.telegram;

import java.util.List;

/** On the embedded H2 file under the data folder (the default settings). */
class RestartH2IT extends RestartContract {

    @Override
    List<String> databaseArguments() {
        return List.of();
    }
}
