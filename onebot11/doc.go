// Package onebot11 is the OneBot 11 side of duobot: a typed client for every
// action (standard, go-cqhttp, LLOneBot and NapCat extensions), typed events,
// typed message segments and CQ codes, handlers, and the implementation side.
package onebot11
