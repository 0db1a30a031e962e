/**
 * The engine's internals. Nothing here is API: it may change at any time, in any release.
 */
package io.rooms.internal;
