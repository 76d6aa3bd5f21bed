/**
 * Local file steps every KSAMU program takes the same way: a file written whole or not at all
 * ({@link ru.ksamu.release.files.AtomicFiles}), a folder tree removed or flushed
 * ({@link ru.ksamu.release.files.FileTrees}), the small pointer files {@code current},
 * {@code previous}, {@code pending} that name a version folder
 * ({@link ru.ksamu.release.files.PointerFiles}), and a byte count as a person reads it
 * ({@link ru.ksamu.release.files.Sizes}). Plain Java, no dependencies; failures are the JDK's
 * {@link java.io.IOException}s naming the file, for the caller to report in its own words.
 */
package ru.ksamu.release.files;
