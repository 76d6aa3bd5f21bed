/**
 * Release bundles: a folder or a zip holding release.json, release.sig and the release's files
 * under {@code scripts/}, {@code client/} and {@code server/}. {@link ru.ksamu.release.bundle.Bundles}
 * builds and opens them; opening verifies everything before anything is used.
 */
package ru.ksamu.release.bundle;
