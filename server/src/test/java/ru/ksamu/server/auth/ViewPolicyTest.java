package ru.ksamu.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import ru.ksamu.server.auth.ViewPolicy.Area;

class ViewPolicyTest {

    @Test
    void eachTabCoversItsPageAndItsReadApiButNotTheClinicProgramsApi() {
        assertThat(ViewPolicy.areaOf("/tasks")).contains(Area.TASKS);
        assertThat(ViewPolicy.areaOf("/tasks/12/edit")).contains(Area.TASKS);
        assertThat(ViewPolicy.areaOf("/api/v1/tasks/types")).contains(Area.TASKS);
        assertThat(ViewPolicy.areaOf("/api/v1/logs/stream")).contains(Area.LOGS);
        assertThat(ViewPolicy.areaOf("/api/v1/clients")).contains(Area.CLIENTS);
        assertThat(ViewPolicy.areaOf("/api/v1/client/manifest")).isEmpty();
        assertThat(ViewPolicy.areaOf("/api/v1/client/events")).isEmpty();
        assertThat(ViewPolicy.areaOf("/api/v1/mis/patients")).isEmpty();
        assertThat(ViewPolicy.areaOf("/tasksXYZ")).isEmpty();
        assertThat(ViewPolicy.areaOf("/")).isEmpty();
        assertThat(ViewPolicy.areaOf("/banner")).isEmpty();
        assertThat(ViewPolicy.areaOf("/actuator/health")).isEmpty();
    }

    @Test
    void aStoredListSkipsNamesThisVersionDoesNotKnow() {
        assertThat(ViewPolicy.parse("TASKS, LOGS,FUTURE_TAB")).isEqualTo(EnumSet.of(Area.TASKS, Area.LOGS));
        assertThat(ViewPolicy.parse("")).isEmpty();
    }
}
