package ru.ksamu.hub.installations;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubOnH2;

@ContextConfiguration(initializers = HubOnH2.class)
class UpdateReportsH2IT extends UpdateReportsContract {
}
