/**
 * How a program reaches the network through an HTTP proxy: {@link ru.ksamu.release.net.ProxySetting}
 * parses the one setting syntax ({@code ksamu.update.proxy} on the server, {@code --proxy} of the
 * launcher, {@code ksamu.hub.upstream-proxy} of a regional mirror) and hands out what the JDK's two
 * HTTP clients need, never showing the password; {@link ru.ksamu.release.net.ProxiedConnection}
 * opens an {@code HttpURLConnection} through it with the credentials attached (the clinic server's
 * calls to its hub and a mirror's calls to its upstream).
 */
package ru.ksamu.release.net;
