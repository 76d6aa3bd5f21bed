package ru.ksamu.hub;

import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import ru.ksamu.platform.DataFolder;

/** Beans every feature of the hub shares: the clock, the data folders, refusals of uploads. */
@Configuration(proxyBeanMethods = false)
class HubConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The one place the hub reads {@code ksamu.data-dir}. */
    @Bean
    DataFolder dataFolder(@Value("${ksamu.data-dir}") String dataDir) {
        return DataFolder.of(dataDir);
    }

    @Bean
    HubFolders hubFolders(DataFolder data) {
        return new HubFolders(data.root());
    }

    /** First of all filters, so that it also sees Spring Security's refusals. */
    @Bean
    FilterRegistrationBean<RefusedUploads> refusedUploads(@Value("${ksamu.hub.max-upload-size}") DataSize maxUpload) {
        FilterRegistrationBean<RefusedUploads> registration = new FilterRegistrationBean<>(new RefusedUploads(maxUpload.toBytes()));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
