/**
 * Ed25519 signing with the JDK's own provider: key files, detached signatures, and the set of
 * pinned keys a verifier trusts. The vendor's release key signs release.json; the hub's online
 * key signs channel feeds.
 */
package ru.ksamu.release.signing;
