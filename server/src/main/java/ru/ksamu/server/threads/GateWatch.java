package ru.ksamu.server.threads;

import java.time.Duration;

/** Told of every gated unit as it passes the exclusive gate; keeps the thread manager free of metrics. */
interface GateWatch {

    GateWatch NONE = (exclusive, waited) -> { };

    /** @param waited from submission to start (zero for a unit that found the gate open) */
    void passed(boolean exclusive, Duration waited);
}
