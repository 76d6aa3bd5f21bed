package ru.ksamu.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link InvalidSettingException} into Spring Boot's start-up failure report. */
class SettingsFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable root, InvalidSettingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Исправьте настройку " + cause.key() + " (файл ksamu-*.yml, переменная окружения KSAMU_… или аргумент --"
                        + cause.key() + "=…) и запустите снова. / Fix " + cause.key() + " and start again.",
                cause);
    }
}
