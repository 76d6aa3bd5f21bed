package ru.ksamu.hub.mirror;

import java.util.List;

class MirrorH2IT extends MirrorContract {

    @Override
    List<String> database(String name) {
        return List.of(); // the embedded default under each hub's data folder
    }
}
