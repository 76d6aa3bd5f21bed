/**
 * Helpers shared by the packages of the release library: strict JSON reading and writing and
 * message text. Not a supported API: other modules must not use these classes, and they may
 * change without notice.
 */
package ru.ksamu.release.internal;
