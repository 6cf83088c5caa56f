// Package segment holds the machinery shared by both protocols' message
// segments: the {"type", "data"} envelope, a type registry that decodes
// known types and keeps unknown ones byte-exact, and the CQ-code codec of
// OneBot 11's string message format.
package segment
