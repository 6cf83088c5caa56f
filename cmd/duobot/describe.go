package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/duobot/duobot/milky"
	"github.com/duobot/duobot/onebot11"
)

// Fields shown (in this order, when present) in the readable line of an
// event, with their short labels.
var (
	oneBot11Fields = []struct{ key, label string }{
		{"group_id", "group"}, {"user_id", "user"}, {"target_id", "target"},
		{"operator_id", "operator"}, {"message_id", "msg"}, {"duration", "duration"},
		{"flag", "flag"}, {"comment", "comment"}, {"file", "file"},
	}
	milkyFields = []struct{ key, label string }{
		{"message_scene", "scene"}, {"peer_id", "peer"}, {"group_id", "group"},
		{"user_id", "user"}, {"sender_id", "sender"}, {"receiver_id", "receiver"},
		{"initiator_id", "initiator"}, {"invitor_id", "invitor"}, {"target_user_id", "target"},
		{"operator_id", "operator"}, {"message_seq", "seq"}, {"notification_seq", "notification"},
		{"invitation_seq", "invitation"}, {"duration", "duration"}, {"is_set", "set"},
		{"is_mute", "mute"}, {"is_add", "add"}, {"face_id", "face"}, {"new_group_name", "name"},
		{"comment", "comment"}, {"reason", "reason"},
	}
)

// describeOneBot11 renders a OneBot 11 event frame as one line: time,
// post_type.detail[.sub_type], ids, and the plain text of a message.
func describeOneBot11(frame []byte) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(frame, &m); err != nil {
		return "undecodable frame: " + truncate(string(frame), 200)
	}
	typ := jsonString(m["post_type"])
	for _, k := range []string{"message_type", "notice_type", "request_type", "meta_event_type", "sub_type"} {
		if s := jsonString(m[k]); s != "" {
			typ += "." + s
		}
	}
	var b strings.Builder
	b.WriteString(eventTime(m["time"]))
	b.WriteByte(' ')
	b.WriteString(typ)
	for _, f := range oneBot11Fields {
		if v, ok := m[f.key]; ok && len(v) > 0 && string(v) != "null" {
			fmt.Fprintf(&b, " %s=%s", f.label, scalar(v))
		}
	}
	if ev, err := onebot11.ParseEvent(frame); err == nil {
		if me, ok := ev.(onebot11.MessageEvent); ok {
			b.WriteString(": ")
			b.WriteString(oneBot11Text(me.GetMessage()))
		}
	}
	return b.String()
}

// describeMilky renders a Milky event frame as one line.
func describeMilky(frame []byte) string {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(frame, &m); err != nil {
		return "undecodable frame: " + truncate(string(frame), 200)
	}
	var b strings.Builder
	b.WriteString(eventTime(m["time"]))
	b.WriteByte(' ')
	b.WriteString(jsonString(m["event_type"]))
	var data map[string]json.RawMessage
	if json.Unmarshal(m["data"], &data) == nil {
		for _, f := range milkyFields {
			if v, ok := data[f.key]; ok && len(v) > 0 && string(v) != "null" {
				fmt.Fprintf(&b, " %s=%s", f.label, scalar(v))
			}
		}
	}
	if ev, err := milky.ParseEvent(frame); err == nil {
		if mr, ok := ev.(*milky.MessageReceiveEvent); ok {
			b.WriteString(": ")
			b.WriteString(milkyText(mr.Data.Segments))
		}
	}
	return b.String()
}

func oneBot11Text(msg onebot11.Message) string {
	var b strings.Builder
	for _, s := range msg {
		switch seg := s.(type) {
		case *onebot11.TextSegment:
			b.WriteString(seg.Text)
		case *onebot11.AtSegment:
			b.WriteString("@" + seg.QQ)
		default:
			b.WriteString("[" + s.SegmentType() + "]")
		}
	}
	return oneLine(b.String())
}

func milkyText(segs milky.IncomingSegments) string {
	var b strings.Builder
	for _, s := range segs {
		switch seg := s.(type) {
		case *milky.IncomingTextSegment:
			b.WriteString(seg.Text)
		case *milky.IncomingMentionSegment:
			b.WriteString("@" + strconv.FormatInt(seg.UserID, 10))
		default:
			b.WriteString("[" + s.SegmentType() + "]")
		}
	}
	return oneLine(b.String())
}

func eventTime(raw json.RawMessage) string {
	sec, err := strconv.ParseInt(strings.Trim(string(raw), `"`), 10, 64)
	if err != nil {
		return "--:--:--"
	}
	return time.Unix(sec, 0).Format(time.TimeOnly)
}

func jsonString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return ""
}

// scalar renders a JSON value compactly: strings unquoted unless they
// hold spaces, others as JSON.
func scalar(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if s == "" || strings.ContainsAny(s, " \t\n\"") {
			return strconv.Quote(s)
		}
		return s
	}
	return truncate(string(raw), 80)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", " ")), " ")
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
