package ru.ksamu.server.update;

import org.springframework.test.context.ContextConfiguration;
import ru.ksamu.server.ServerOnH2;

@ContextConfiguration(initializers = {ServerOnH2.class, UpdateReportOutboxContract.HubAddress.class})
class UpdateReportOutboxH2IT extends UpdateReportOutboxContract {
}
