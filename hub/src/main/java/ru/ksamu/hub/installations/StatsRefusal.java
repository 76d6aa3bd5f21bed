package ru.ksamu.hub.installations;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import ru.ksamu.hub.HubProblem;
import ru.ksamu.platform.problems.Problem;
import ru.ksamu.platform.problems.ProblemException;

/**
 * A statistics report that is not kept: a problem with its status, a stable {@code code} (the
 * clinic server reads it), the message (Russian, English) and, for 429, {@code Retry-After}. Every
 * refusal of {@code POST /api/v1/installations/{id}/stats} and {@code .../updates} is made here, so the codes are listed in
 * one place.
 */
final class StatsRefusal extends ProblemException {

    private StatsRefusal(Problem problem) {
        super(problem);
    }

    private static StatsRefusal of(HubProblem code, String ru, String en) {
        return new StatsRefusal(code.problem(ru, en));
    }

    static StatsRefusal notAUuid(String id) {
        return of(HubProblem.INVALID_ARGUMENT, "Идентификатор установки должен быть UUID: " + abbreviate(id),
                "the installation id must be a UUID: " + abbreviate(id));
    }

    /** The first protocol's shared secret: that server must be updated to sign its reports. */
    static StatsRefusal outdatedServer(String header) {
        return of(HubProblem.OUTDATED_SERVER, "Отчёты с заголовком " + header + " больше не принимаются: обновите Сервер"
                + " КСАМУ, новая версия подписывает отчёты ключом установки", "reports with the header " + header
                + " are no longer accepted: update the KSAMU server, newer versions sign their reports with the"
                + " installation's key");
    }

    static StatsRefusal missingHeader(String header) {
        return of(HubProblem.MISSING_SIGNATURE_HEADER, "Нет заголовка " + header
                + " (отчёт должен быть подписан ключом установки)", "the header " + header
                + " is missing (a report must be signed by the installation's key)");
    }

    static StatsRefusal malformedHeader(String header, String expectedRu, String expectedEn) {
        return of(HubProblem.MALFORMED_SIGNATURE_HEADER, "Неверный заголовок " + header + ": " + expectedRu,
                "malformed header " + header + ": " + expectedEn);
    }

    static StatsRefusal tooLarge(long limit) {
        return of(HubProblem.SIZE_LIMIT, "Отчёт больше " + limit + " байт", "the report is larger than " + limit + " bytes");
    }

    static StatsRefusal notTheKeysId(String id, String keyId) {
        return of(HubProblem.WRONG_KEY, "Установка " + id + " не принадлежит ключу " + keyId
                + ": её идентификатор выводится из её собственного ключа", "installation " + id
                + " does not belong to key " + keyId + ": its id is derived from its own key");
    }

    static StatsRefusal badSignature(String id) {
        return of(HubProblem.WRONG_KEY, "Подпись отчёта установки " + id + " не сходится с его телом, временем и ключом",
                "the signature of installation " + id + "'s report does not verify over its body, time and key");
    }

    /** A stored row whose key is not the presenting one: only rows of the first, unsigned scheme. */
    static StatsRefusal notRegisteredWithThisKey(String id) {
        return of(HubProblem.WRONG_KEY, "Установка " + id + " зарегистрирована без ключа подписи (по прежней схеме)"
                + " и больше не принимает отчёты", "installation " + id + " was registered without a signing key"
                + " (the first scheme) and takes no more reports");
    }

    /** An update report of an installation the hub does not know with this key: its statistics must come first. */
    static StatsRefusal notRegistered(String id) {
        return of(HubProblem.WRONG_KEY, "Установка " + id + " не зарегистрирована с этим ключом: отчёт об обновлении"
                + " принимается после её первого отчёта статистики", "installation " + id + " is not registered with this"
                + " key: an update report is taken after its first statistics report");
    }

    static StatsRefusal clockSkew(Instant sentAt, Instant now, Duration max) {
        return of(HubProblem.CLOCK_SKEW, "Время отправки отчёта " + sentAt + " расходится с часами хаба "
                + now.truncatedTo(ChronoUnit.SECONDS) + " больше чем на " + max + "; проверьте часы сервера",
                "the report's sending time " + sentAt + " is more than " + max + " away from the hub's clock "
                + now.truncatedTo(ChronoUnit.SECONDS) + "; check the server's clock");
    }

    static StatsRefusal replayed(String id, Instant sentAt, Instant lastSentAt) {
        return of(HubProblem.REPLAYED, "Отчёт установки " + id + " отправлен в " + sentAt + ", не позже уже принятого ("
                + lastSentAt + "): повтор отвергнут", "installation " + id + "'s report was sent at " + sentAt
                + ", not after the last accepted one (" + lastSentAt + "): a replay is refused");
    }

    static StatsRefusal invalidReport(String why) {
        return of(HubProblem.INVALID_REPORT, "Отчёт не разобран: " + why, "the report is not valid: " + why);
    }

    static StatsRefusal tooOften(long wait) {
        return new StatsRefusal(HubProblem.TOO_OFTEN.problem("Отчёт этой установки уже получен, повторите через " + wait
                + " с", "a report of this installation was just received, retry in " + wait + " s").withRetryAfter(wait));
    }

    static StatsRefusal tooManyRegistrations(String address, int max, Duration window, long wait) {
        return new StatsRefusal(HubProblem.TOO_MANY_REGISTRATIONS.problem("С адреса " + address + " уже зарегистрировано "
                + max + " новых установок за " + window + "; следующую можно через " + wait + " с", "address " + address
                + " has already registered " + max + " new installations within " + window + "; the next one in "
                + wait + " s").withRetryAfter(wait));
    }

    static StatsRefusal concurrentFirstReports() {
        return new StatsRefusal(HubProblem.CONFLICT.problem("Одновременные первые отчёты одной установки или одного адреса;"
                + " повторите", "two first reports of one installation or address at once; retry").withRetryAfter(1));
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
