/**
 * The release manifest {@code release.json}: what a release contains (every file with its path,
 * size, SHA-256 and role), the rules a path must follow, size limits, and the canonical JSON
 * form whose exact bytes the vendor signs.
 */
package ru.ksamu.release.manifest;
