package ru.ksamu.platform.problems;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts {@link ProblemErrorController} in place of Boot's {@code /error} controller and
 * {@link JettyProblems} in place of Jetty's error page; a program imports it next to its
 * {@link ProblemCatalogue} bean and its {@link ProblemHandlers} advice.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemWebConfiguration {

    @Bean
    ProblemErrorController problemErrorController(ErrorAttributes attributes, WebProperties web,
                                                  ObjectProvider<ErrorViewResolver> resolvers, ProblemCatalogue catalogue) {
        return new ProblemErrorController(attributes, web.getError(), resolvers.orderedStream().toList(), catalogue);
    }

    @Bean
    WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> jettyProblems(ProblemCatalogue catalogue) {
        return factory -> factory.addServerCustomizers(server -> server.setErrorHandler(new JettyProblems(catalogue)));
    }
}
