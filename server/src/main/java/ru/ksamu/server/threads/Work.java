package ru.ksamu.server.threads;

/** The body of a unit of work. It calls {@link WorkContext#checkpoint()} at safe points. */
@FunctionalInterface
public interface Work {

    void run(WorkContext context) throws Exception;
}
