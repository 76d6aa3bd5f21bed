package ru.ksamu.client.mis;

import com.formdev.flatlaf.FlatLightLaf;
import javax.swing.UIManager;

/** The look of every window of the client: FlatLaf's light theme. */
public final class Look {

    private static boolean installed;

    private Look() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        FlatLightLaf.setup();
        UIManager.put("Button.arc", 8);
        UIManager.put("Component.arc", 8);
        installed = true;
    }
}
