package jsonx

import (
	"encoding/json"
	"testing"
)

const benchText = " 大家好，今天晚上八点开会，请准时参加！会议内容：讨论下周的活动安排和预算。🌟 ok \"quoted\""

func BenchmarkWriterString(b *testing.B) {
	var w Writer
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		w.B = w.B[:0]
		w.String(benchText)
	}
}

func BenchmarkWriterStringEncodingJSON(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		if _, err := json.Marshal(benchText); err != nil {
			b.Fatal(err)
		}
	}
}

// benchMember is a Milky group member entity as servers send it.
const benchMember = `{"user_id":20001,"nickname":"Alice","sex":"female","group_id":30001,"card":"","title":"","level":1,"role":"member","join_time":1700000000,"last_sent_time":1700000123,"extra_key":[1,2]}`

type benchMemberT struct {
	UserID       int64                      `json:"user_id"`
	Nickname     string                     `json:"nickname"`
	Sex          string                     `json:"sex"`
	GroupID      int64                      `json:"group_id"`
	Card         string                     `json:"card"`
	Title        string                     `json:"title"`
	Level        int32                      `json:"level"`
	Role         string                     `json:"role"`
	JoinTime     int64                      `json:"join_time"`
	LastSentTime int64                      `json:"last_sent_time"`
	Extra        map[string]json.RawMessage `json:"-"`
}

var benchMemberKeys = func() (keys [11]Key) {
	for i, k := range []string{"user_id", "nickname", "sex", "group_id", "card", "title", "level", "role", "join_time", "last_sent_time"} {
		keys[i] = MakeKey(k)
	}
	return keys
}()

// decode reads m the way generated decoders do.
func (m *benchMemberT) decode(r *Reader) error {
	if err := r.BeginObject(); err != nil {
		return err
	}
	m.Extra = nil
	next := 0
	for {
		key, hit, more, err := r.NextKeyIs(&benchMemberKeys[next])
		if err != nil {
			return err
		}
		if !more {
			return nil
		}
		f := next
		if !hit {
			f = -1
			for i, k := range benchMemberKeys[:len(benchMemberKeys)-1] {
				if k.String() == string(key) {
					f = i
				}
			}
		}
		switch f {
		case 0:
			err = DecodeIntField(r, &m.UserID, &m.Extra, "user_id", false)
		case 1:
			err = DecodeStringField(r, &m.Nickname, &m.Extra, "nickname", false)
		case 2:
			err = DecodeStringField(r, &m.Sex, &m.Extra, "sex", false)
		case 3:
			err = DecodeIntField(r, &m.GroupID, &m.Extra, "group_id", false)
		case 4:
			err = DecodeStringField(r, &m.Card, &m.Extra, "card", false)
		case 5:
			err = DecodeStringField(r, &m.Title, &m.Extra, "title", false)
		case 6:
			err = DecodeIntField(r, &m.Level, &m.Extra, "level", false)
		case 7:
			err = DecodeStringField(r, &m.Role, &m.Extra, "role", false)
		case 8:
			err = DecodeIntField(r, &m.JoinTime, &m.Extra, "join_time", false)
		case 9:
			err = DecodeIntField(r, &m.LastSentTime, &m.Extra, "last_sent_time", false)
		default:
			var raw []byte
			if raw, err = r.Raw(); err == nil {
				m.Extra = Put(m.Extra, key, raw)
			}
			f = next - 1
		}
		if err != nil {
			return err
		}
		next = f + 1
	}
}

// BenchmarkReaderObject decodes a small wire struct (ints, short strings,
// one unknown member) with the Reader as generated code does, against
// encoding/json into the same struct (which drops the unknown member).
func BenchmarkReaderObject(b *testing.B) {
	data := []byte(benchMember)
	b.Run("jsonx", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		var m benchMemberT
		var r Reader
		for b.Loop() {
			r.Reset(data)
			if err := m.decode(&r); err != nil || m.LastSentTime != 1700000123 || len(m.Extra) != 1 {
				b.Fatal(err, m)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			var m benchMemberT
			if err := json.Unmarshal(data, &m); err != nil || m.LastSentTime != 1700000123 {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReaderScalars reads values of each kind with the lenient
// readers: canonical forms (fast paths) and numeric strings.
func BenchmarkReaderScalars(b *testing.B) {
	for _, bc := range []struct {
		name string
		doc  string
		read func(*Reader) error
	}{
		{"int", `1700000123`, func(r *Reader) error { _, err := r.Int64(); return err }},
		{"int_string", `"1700000123"`, func(r *Reader) error { _, err := r.Int64(); return err }},
		{"string_short", `"member"`, func(r *Reader) error { _, err := r.String(); return err }},
		{"string_long", `"` + benchText[:60] + `"`, func(r *Reader) error { _, err := r.String(); return err }},
		{"string_escaped", `"a\"b\\c\u00e9 line\nnext"`, func(r *Reader) error { _, err := r.String(); return err }},
	} {
		data := []byte(bc.doc)
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var r Reader
			for b.Loop() {
				r.Reset(data)
				if err := bc.read(&r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
