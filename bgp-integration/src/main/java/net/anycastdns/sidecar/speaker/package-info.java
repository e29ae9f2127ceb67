/**
 * The drivers that tell the local BGP speaker what to announce. Start with {@link
 * net.anycastdns.sidecar.speaker.Speaker}: one method that brings every anycast {@link
 * net.anycastdns.sidecar.speaker.Prefix} to one {@link net.anycastdns.sidecar.health.Announcement},
 * implemented for BIRD 2 ({@link net.anycastdns.sidecar.speaker.BirdSpeaker}), ExaBGP's process API
 * ({@link net.anycastdns.sidecar.speaker.ExaBgpSpeaker}), GoBGP's CLI ({@link
 * net.anycastdns.sidecar.speaker.GoBgpSpeaker}) and operator commands ({@link
 * net.anycastdns.sidecar.speaker.CommandSpeaker}). External programs run through {@link
 * net.anycastdns.sidecar.speaker.ProcessRunner}: argument lists, never a shell.
 */
package net.anycastdns.sidecar.speaker;
