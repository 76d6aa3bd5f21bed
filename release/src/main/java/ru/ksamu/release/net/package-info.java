/**
 * How a program reaches the network through an HTTP proxy: {@link ru.ksamu.release.net.ProxySetting}
 * parses the one setting syntax ({@code ksamu.update.proxy} on the server, {@code --proxy} of the
 * launcher) and hands out what the JDK's two HTTP clients need, never showing the password.
 */
package ru.ksamu.release.net;
