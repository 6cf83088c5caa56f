// Package milky is the Milky (1.2, tolerant of 1.3) side of duobot: a typed
// client for every API, typed events, incoming and outgoing message
// segments, handlers, and the implementation side.
package milky
