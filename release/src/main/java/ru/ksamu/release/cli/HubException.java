package ru.ksamu.release.cli;

import ru.ksamu.release.ErrorCode;
import ru.ksamu.release.ReleaseException;

/** The hub answered with an error, or could not be reached. */
final class HubException extends ReleaseException {

    private HubException(ErrorCode code, String russian, String english, Throwable cause) {
        super(code, russian, english, cause);
    }

    /**
     * An error answer. Its code is the hub's {@code code} when it is one of {@link ErrorCode},
     * else {@link ErrorCode#HUB_UNAUTHORIZED} for 401 and 403, else {@link ErrorCode#HUB_ERROR}.
     */
    static HubException answered(int status, String hubCode, String hubMessage) {
        ErrorCode code = ErrorCode.fromWire(hubCode).orElse(
                status == 401 || status == 403 ? ErrorCode.HUB_UNAUTHORIZED : ErrorCode.HUB_ERROR);
        String detail = "(HTTP " + status + (hubCode == null ? "" : ", " + printable(hubCode)) + ")"
                + (hubMessage == null || hubMessage.isBlank() ? "" : ": " + printable(hubMessage));
        return new HubException(code, "Хаб отказал", "hub refused " + detail, null);
    }

    /** No answer at all. */
    static HubException unreachable(String url, Exception cause) {
        String detail = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
        return new HubException(ErrorCode.HUB_UNREACHABLE, "Хаб " + url + " недоступен: " + detail,
                "hub " + url + " is unreachable: " + detail, cause);
    }

    /** The hub's text without control characters, so it cannot move the cursor or forge lines. */
    private static String printable(String text) {
        return text.codePoints().map(ch -> Character.isISOControl(ch) ? '?' : ch)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
