/**
 * The signed channel feed: the list of releases the hub offers in one channel, signed with the
 * hub's online key and valid for a limited time, so a replayed old feed is refused. A server
 * verifies a feed with {@link ru.ksamu.release.feed.FeedVerifier} and picks its target with
 * {@link ru.ksamu.release.feed.ReleasePicker}.
 */
package ru.ksamu.release.feed;
