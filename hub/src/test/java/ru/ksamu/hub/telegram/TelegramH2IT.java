package ru.ksamu.hub.telegram;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubOnH2;

@ContextConfiguration(initializers = HubOnH2.class)
class TelegramH2IT extends TelegramContract {
}
