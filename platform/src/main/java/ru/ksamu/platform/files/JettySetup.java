package ru.ksamu.platform.files;

import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import ru.ksamu.platform.InvalidSettingException;

/**
 * How hub and server set up their embedded Jetty: the listen backlog, and handlers placed in front
 * of the whole servlet application (the download fast paths, {@link FileDownloads}). A bean of
 * this type is picked up by Spring Boot like any {@link WebServerFactoryCustomizer}.
 */
public final class JettySetup implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

    /** Connections waiting to be accepted when nothing else is set. */
    public static final int DEFAULT_ACCEPT_QUEUE_SIZE = 2048;
    /** The setting that holds it. */
    public static final String ACCEPT_QUEUE_SIZE = "ksamu.accept-queue-size";
    /** The setting with its default, for {@code @Value}. */
    public static final String ACCEPT_QUEUE_SIZE_VALUE = "${" + ACCEPT_QUEUE_SIZE + ":" + DEFAULT_ACCEPT_QUEUE_SIZE + "}";

    private final int acceptQueueSize;
    private final List<Handler.Wrapper> inFront;

    /**
     * @param acceptQueueSize connections waiting to be accepted (the listen backlog; the kernel caps
     *                        it at {@code net.core.somaxconn})
     * @param inFront         handlers that see every request before the servlet application, the
     *                        first of them outermost; each passes on what it does not answer
     */
    public JettySetup(int acceptQueueSize, List<? extends Handler.Wrapper> inFront) {
        if (acceptQueueSize < 1) {
            throw new InvalidSettingException(ACCEPT_QUEUE_SIZE, String.valueOf(acceptQueueSize),
                    "очередь должна вмещать хотя бы одно соединение", "the queue must hold at least one connection");
        }
        this.acceptQueueSize = acceptQueueSize;
        this.inFront = List.copyOf(inFront);
    }

    @Override
    public void customize(ConfigurableJettyWebServerFactory factory) {
        factory.addServerCustomizers(serverCustomizer());
    }

    /** The same, for a server built by hand (tests). */
    public JettyServerCustomizer serverCustomizer() {
        return this::apply;
    }

    private void apply(Server server) {
        for (Connector connector : server.getConnectors()) {
            if (connector instanceof ServerConnector serverConnector) {
                serverConnector.setAcceptQueueSize(acceptQueueSize);
            }
        }
        for (int i = inFront.size() - 1; i >= 0; i--) {
            Handler.Wrapper wrapper = inFront.get(i);
            wrapper.setHandler(server.getHandler());
            server.setHandler(wrapper);
        }
    }
}
