package ru.ksamu.hub.files;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.hub.HubOnH2;

@ContextConfiguration(initializers = HubOnH2.class)
class FilesH2IT extends FilesContract {
}
