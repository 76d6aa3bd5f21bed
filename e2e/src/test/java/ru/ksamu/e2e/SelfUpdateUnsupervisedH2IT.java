package ru.ksamu.e2e;

import java.util.List;

class SelfUpdateUnsupervisedH2IT extends SelfUpdateUnsupervisedContract {

    @Override
    List<String> hubDatabase() {
        return List.of(); // the embedded default under the data folder
    }

    @Override
    List<String> serverDatabases() {
        return List.of();
    }
}
