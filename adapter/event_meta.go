package adapter

import (
	"time"

	"github.com/duobot/duobot/onebot11"
)

// LifecycleConnect returns the OneBot 11 lifecycle connect meta event a
// bridge sends first on every WebSocket connection of a OneBot client (Milky
// has no meta events, so the bridge synthesizes them).
func LifecycleConnect(selfID int64, now time.Time) *onebot11.LifecycleMetaEvent {
	return &onebot11.LifecycleMetaEvent{Time: now.Unix(), SelfID: selfID, SubType: onebot11.LifecycleConnect}
}

// Lifecycle returns a lifecycle meta event of the given sub_type
// (onebot11.LifecycleEnable or LifecycleDisable for HTTP POST clients).
func Lifecycle(selfID int64, now time.Time, subType string) *onebot11.LifecycleMetaEvent {
	return &onebot11.LifecycleMetaEvent{Time: now.Unix(), SelfID: selfID, SubType: subType}
}

// Heartbeat returns the OneBot 11 heartbeat meta event a bridge sends every
// interval to OneBot clients of a Milky implementation. interval is written
// in milliseconds; status is the get_status shape (online, good).
func Heartbeat(selfID int64, now time.Time, interval time.Duration, status onebot11.HeartbeatStatus) *onebot11.HeartbeatMetaEvent {
	return &onebot11.HeartbeatMetaEvent{Time: now.Unix(), SelfID: selfID, Status: status, Interval: interval.Milliseconds()}
}
