package ru.ksamu.release.manifest;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import ru.ksamu.release.InvalidArgumentException;
import ru.ksamu.release.internal.Texts;

/** Region codes such as {@code 09}: two or three ASCII digits. */
public final class Regions {

    private static final Pattern CODE = Pattern.compile("[0-9]{2,3}");

    private Regions() {
    }

    /**
     * Checks one region code and returns it.
     *
     * @throws InvalidArgumentException naming the code
     */
    public static String check(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new InvalidArgumentException(code,
                    "Неверный код региона " + Texts.quote(code) + ": нужно 2–3 цифры, например 09",
                    "invalid region code " + Texts.quote(code) + ": expected 2-3 digits, e.g. 09");
        }
        return code;
    }

    /**
     * Checks region codes and returns them sorted; an empty list means all regions.
     *
     * @throws InvalidArgumentException naming a bad or repeated code
     */
    public static List<String> normalize(Collection<String> codes) {
        Set<String> seen = new HashSet<>();
        for (String code : codes) {
            if (!seen.add(check(code))) {
                throw new InvalidArgumentException(code, "Регион " + Texts.quote(code) + " указан дважды",
                        "region " + Texts.quote(code) + " is listed twice");
            }
        }
        return codes.stream().sorted().toList();
    }
}
