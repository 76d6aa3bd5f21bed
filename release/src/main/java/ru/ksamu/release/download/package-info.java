/**
 * One way to bring a file of a release over HTTP: {@link ru.ksamu.release.download.ResumableDownload}
 * resumes a part file with {@code Range}, caps what it takes at the file's listed size, and checks
 * size and SHA-256 against the signed manifest; {@link ru.ksamu.release.download.BoundedBody} is
 * the stall-checked, size-bounded body reader for the JDK's {@link java.net.http.HttpClient}.
 * Used by the server (files from the hub) and the launcher (client files from the server).
 */
package ru.ksamu.release.download;
