package ru.ksamu.server.update;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.ServerOnH2;

@ContextConfiguration(initializers = {ServerOnH2.class, HubStallContract.Keys.class})
class HubStallH2IT extends HubStallContract {
}
