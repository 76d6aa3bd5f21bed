package ru.ksamu.hub.feeds;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubOnH2;

@ContextConfiguration(initializers = HubOnH2.class)
class FeedH2IT extends FeedContract {
}
