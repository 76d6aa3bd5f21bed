package ru.ksamu.e2e;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import ru.ksamu.platform.KsamuApplication;
import ru.ksamu.server.ServerApplication;
import ru.ksamu.server.selfupdate.ServerRestart;
import ru.ksamu.server.threads.WorkContext;
import ru.ksamu.server.update.MajorUpdateSteps;
import ru.ksamu.server.update.MajorUpdateSteps.Step;

/**
 * The real server, started as {@link ServerApplication#main} starts it, whose major update waits
 * at one step until the process is killed: {@code java -cp <this test class path>
 * ru.ksamu.e2e.ServerWaitingAtStep STEP <server arguments>}. The crash tests run it in a process of
 * their own; the waiting {@link MajorUpdateSteps} exists only on the test class path, so no server
 * can be told to wait.
 */
public final class ServerWaitingAtStep {

    private ServerWaitingAtStep() {
    }

    public static void main(String[] args) {
        Step at = Step.valueOf(args[0]);
        ApplicationContextInitializer<ConfigurableApplicationContext> waiting =
                ctx -> ctx.getBeanFactory().registerSingleton("waitAtStep", new WaitAt(at));
        ServerRestart.runUntilRestart(KsamuApplication.run(ServerApplication.builder().initializers(waiting),
                Arrays.copyOfRange(args, 1, args.length)));
    }

    /** At its step, shows "PAUSED step" in the thread manager and waits; an interrupt ends the wait and is thrown on. */
    record WaitAt(Step at) implements MajorUpdateSteps {

        private static final Logger log = LoggerFactory.getLogger(WaitAt.class);

        @Override
        public void reached(Step step, WorkContext work) throws InterruptedException {
            if (step != at) {
                return;
            }
            work.step("PAUSED " + step);
            log.warn("The major update waits at {} to be killed (crash test)", step);
            new CountDownLatch(1).await();
        }
    }
}
