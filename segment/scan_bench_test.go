package segment

import (
	"encoding/json"
	"testing"
)

// benchArray is a 5-segment message array of the size real messages have.
const benchArray = `[{"type":"reply","data":{"id":"1837462000"}},{"type":"at","data":{"qq":"1234567890","name":"duobot"}},` +
	`{"type":"text","data":{"text":" 帮我看看这张图，顺便查一下明天的天气怎么样 "}},` +
	`{"type":"image","data":{"summary":"","file":"0A1B2C3D4E5F60718293A4B5C6D7E8F9.jpg","sub_type":"0","url":"https://multimedia.nt.qq.com.cn/download?appid=1407&fileid=EhQ8R2wAbCdEfGh&rkey=CAQSKAB6JWENi5LM","file_size":"184392"}},` +
	`{"type":"face","data":{"id":"178"}}]`

// BenchmarkEnvelopes compares reading the envelopes of a message array in
// one pass (EachEnvelope), in two (EachElement then ParseValidEnvelope, as
// the Message and IncomingSegments decoders do), and encoding/json
// decoding the same envelopes with raw data (the in-run baseline).
func BenchmarkEnvelopes(b *testing.B) {
	b.Run("EachEnvelope", func(b *testing.B) {
		b.SetBytes(int64(len(benchArray)))
		for b.Loop() {
			n := 0
			end, err := EachEnvelope(benchArray, func(_ string, env Envelope, _ bool) {
				if env.TypeOK {
					n++
				}
			})
			if err != nil || n != 5 || end != len(benchArray) {
				b.Fatal(n, end, err)
			}
		}
	})
	b.Run("EachElement+ParseValidEnvelope", func(b *testing.B) {
		b.SetBytes(int64(len(benchArray)))
		for b.Loop() {
			n := 0
			err := EachElement(benchArray, func(_ int, raw string) error {
				if ParseValidEnvelope(raw).TypeOK {
					n++
				}
				return nil
			})
			if err != nil || n != 5 {
				b.Fatal(n, err)
			}
		}
	})
	b.Run("encoding_json", func(b *testing.B) {
		b.SetBytes(int64(len(benchArray)))
		for b.Loop() {
			var envs []struct {
				Type string          `json:"type"`
				Data json.RawMessage `json:"data"`
			}
			if err := json.Unmarshal([]byte(benchArray), &envs); err != nil || len(envs) != 5 {
				b.Fatal(err)
			}
		}
	})
}

// TestEachEnvelopeMatchesEachElement checks EachEnvelope against EachElement
// followed by ParseValidEnvelope: the same elements, envelopes and errors,
// and the end of the array with text after it.
func TestEachEnvelopeMatchesEachElement(t *testing.T) {
	for _, s := range append([]string{benchArray, `[]`, ` [ ] `, `[1,"a",null,[],{}]`,
		`[{"type":"x","data":{"a":[1,{"b":"\u00e9"}]},"k":true},{"data":null,"type":5},{"type":"t"}]`,
		`[{"type":"x"`, `[{"type":"x",}]`, `[{"type":"x"},]`, `[1 2]`, `{}`, `[{"type":"\x"}]`}, jsonSeeds...) {
		type el struct {
			raw string
			env Envelope
			obj bool
		}
		var want []el
		wantErr := EachElement(s, func(_ int, raw string) error {
			if raw[0] == '{' {
				want = append(want, el{raw, ParseValidEnvelope(raw), true})
			} else {
				want = append(want, el{raw: raw})
			}
			return nil
		})
		var got []el
		end, err := EachEnvelope(s+` ,"rest"`, func(raw string, env Envelope, obj bool) {
			got = append(got, el{raw, env, obj})
		})
		if (wantErr == nil) != (err == nil) {
			t.Errorf("%s: EachElement error %v, EachEnvelope error %v", s, wantErr, err)
			continue
		}
		if err != nil {
			continue
		}
		if len(got) != len(want) {
			t.Errorf("%s: %d elements, want %d", s, len(got), len(want))
			continue
		}
		for i := range got {
			g, w := got[i], want[i]
			if g.raw != w.raw || g.obj != w.obj || g.env.Type != w.env.Type || g.env.TypeOK != w.env.TypeOK || g.env.Data != w.env.Data || len(g.env.Extra) != len(w.env.Extra) {
				t.Errorf("%s: element %d is %+v, want %+v", s, i, g, w)
			}
			for k, v := range w.env.Extra {
				if string(g.env.Extra[k]) != string(v) {
					t.Errorf("%s: element %d extra %q is %s, want %s", s, i, k, g.env.Extra[k], v)
				}
			}
		}
		if trimmed := len(s) - len(trimRight(s)); end != len(s)-trimmed {
			t.Errorf("%s: end %d, want %d", s, end, len(s)-trimmed)
		}
	}
}

func trimRight(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}
