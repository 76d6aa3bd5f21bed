package ru.ksamu.hub.releases;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubOnH2;

@ContextConfiguration(initializers = HubOnH2.class)
class PublishH2IT extends PublishContract {
}
