package ru.ksamu.server.plugins;

import ru.ksamu.plugin.TaskPlugin;

/**
 * The parent of every plug-in's class loader: the JDK plus the plug-in API ({@code ru.ksamu.plugin}),
 * nothing else of the server. A plug-in therefore cannot grow into the server's internals, and its
 * own libraries (in its jar) never clash with the server's.
 */
final class ApiOnlyClassLoader extends ClassLoader {

    static final String API_PACKAGE = TaskPlugin.class.getPackageName() + ".";

    private final ClassLoader server;

    ApiOnlyClassLoader(ClassLoader server) {
        super("ksamu-plugin-api", ClassLoader.getPlatformClassLoader());
        this.server = server;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(API_PACKAGE)) {
            return server.loadClass(name);
        }
        throw new ClassNotFoundException(name + " (a plug-in sees only the JDK and " + API_PACKAGE + "*)");
    }
}
