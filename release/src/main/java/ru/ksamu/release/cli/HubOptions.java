package ru.ksamu.release.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options every hub command shares: the hub's address and the token. */
final class HubOptions {

    @Option(names = "--hub", required = true, paramLabel = "URL",
            description = "Адрес хаба, например https://hub.example / the hub's base URL")
    private String hub;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Токен хаба; лучше переменная " + ReleaseCli.TOKEN_ENV
                    + " (не видна в списке процессов) / the hub token; prefer " + ReleaseCli.TOKEN_ENV)
    private String token;

    /** A client for the hub; a missing token is a usage error. */
    HubClient client(ReleaseCli cli, CommandSpec spec) {
        String resolved = token != null && !token.isBlank() ? token
                : cli.environment(ReleaseCli.TOKEN_ENV).orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(), "Нужен токен хаба: --token или переменная " + ReleaseCli.TOKEN_ENV
                        + " / a hub token is needed: --token or " + ReleaseCli.TOKEN_ENV));
        return new HubClient(hub, resolved);
    }
}
