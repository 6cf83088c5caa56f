package milky

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/duobot/duobot/internal/golden"
)

func readTestdata(t testing.TB, elem ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(golden.Path(append([]string{"milky"}, elem...)...))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// reencode decodes in into v and encodes v again.
func reencode(t testing.TB, in []byte, v any) []byte {
	t.Helper()
	if err := json.Unmarshal(in, v); err != nil {
		t.Fatalf("decode into %T: %v\n%s", v, err, in)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encode %T: %v", v, err)
	}
	return out
}

// dataOf returns the data member of a response envelope.
func dataOf(t testing.TB, envelope []byte) []byte {
	t.Helper()
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(envelope, &env); err != nil {
		t.Fatal(err)
	}
	return env.Data
}

// TestAPINames checks that the committed list of Milky 1.2 API names (the 62
// of the document plus get_peer_pins and set_peer_pin), APINames and the
// methods of Client (apiCases) agree.
func TestAPINames(t *testing.T) {
	f, err := os.Open(golden.Path("milky", "api_names.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			want = append(want, s)
		}
	}
	if len(want) != 64 {
		t.Fatalf("api_names.txt has %d names, want 64", len(want))
	}
	if !slices.Equal(want, APINames) {
		t.Errorf("APINames differs from api_names.txt:\n%v\n%v", APINames, want)
	}
	for _, name := range want {
		if _, ok := apiCases[name]; !ok {
			t.Errorf("no method for %s", name)
		}
	}
	if len(apiCases) != len(want) {
		t.Errorf("%d methods, %d names", len(apiCases), len(want))
	}
	// Every API of the document has its examples extracted.
	dirs, err := os.ReadDir(golden.Path("milky", "api"))
	if err != nil {
		t.Fatal(err)
	}
	doc := 0
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(golden.Path("milky", "api"), d.Name(), "doc_response.json")); err == nil {
			doc++
			if !slices.Contains(want, d.Name()) {
				t.Errorf("document API %s has no method", d.Name())
			}
		}
	}
	if doc != 62 {
		t.Errorf("%d document APIs, want 62", doc)
	}
}

const (
	normEmpty = "the example's placeholder {} stands for a required entity: its required fields are written back with zero values"
	norm12    = "the example predates Milky 1.2: the 1.2 fields it lacks (GroupEntity remark..announcement, IncomingForwardedMessage message_seq) are written back with zero values"
)

// docNormalized lists the document examples whose re-encoding is not the
// same JSON value as the example, and why. Their re-encoding is compared
// with a committed golden file (<example>.roundtrip.json) instead.
var docNormalized = map[string]string{
	"api/get_forwarded_messages/doc_response.json":     normEmpty,
	"api/get_friend_list/doc_response.json":            normEmpty,
	"api/get_friend_requests/doc_response.json":        normEmpty,
	"api/get_group_announcements/doc_response.json":    normEmpty,
	"api/get_group_essence_messages/doc_response.json": normEmpty,
	"api/get_group_files/doc_response.json":            normEmpty,
	"api/get_group_info/doc_response.json":             norm12,
	"api/get_group_list/doc_response.json":             normEmpty,
	"api/get_group_member_list/doc_response.json":      normEmpty,
	"api/get_history_messages/doc_response.json":       normEmpty,
	"api/get_message/doc_response.json":                normEmpty,
	"schemas/Api_get_forwarded_messages_output.json":   norm12,
	"schemas/Api_get_friend_list_output.json":          normEmpty,
	"schemas/Api_get_group_info_output.json":           norm12,
	"schemas/Api_get_group_list_output.json":           norm12,
	"schemas/GroupEntity.json":                         norm12,
	"schemas/IncomingForwardedMessage.json":            norm12,
}

// checkRoundTrip compares the re-encoding of a document example with the
// example, or with its committed .roundtrip.json golden when the example is
// listed in docNormalized.
func checkRoundTrip(t *testing.T, rel string, in, out []byte) {
	t.Helper()
	if reason, ok := docNormalized[rel]; ok {
		if golden.SameJSON(in, out) {
			t.Errorf("%s: round trip is now exact; remove it from docNormalized (%s)", rel, reason)
		}
		golden.JSON(t, filepath.Join("milky", strings.TrimSuffix(rel, ".json")+".roundtrip.json"), out)
		return
	}
	if !golden.SameJSON(in, out) {
		c, _ := golden.Canonical(out)
		t.Errorf("%s: re-encoding differs from the example:\n--- example\n%s--- re-encoded\n%s", rel, in, c)
	}
}

// TestDocAPIExamples decodes every request and response example of the
// document's Milky part into the params and result types and checks the
// re-encoding.
func TestDocAPIExamples(t *testing.T) {
	for _, name := range APINames {
		if name == APIGetPeerPins || name == APISetPeerPin {
			continue // Milky 1.2 additions, not in the document
		}
		tc := apiCases[name]
		t.Run(name, func(t *testing.T) {
			req := readTestdata(t, "api", name, "doc_request.json")
			if tc.params == nil {
				if !golden.SameJSON(req, []byte("{}")) {
					t.Errorf("API without input has request example %s", req)
				}
			} else {
				checkRoundTrip(t, "api/"+name+"/doc_request.json", req, reencode(t, req, tc.params()))
			}
			resp := readTestdata(t, "api", name, "doc_response.json")
			if err := decodeResponse(name, resp, nil); err != nil {
				t.Fatalf("envelope: %v", err)
			}
			data := dataOf(t, resp)
			if tc.result == nil {
				if !golden.SameJSON(data, []byte("{}")) {
					t.Errorf("API without output has data %s", data)
				}
				return
			}
			r := tc.result()
			if err := decodeResponse(name, resp, r); err != nil {
				t.Fatalf("decode: %v", err)
			}
			out, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			checkRoundTrip(t, "api/"+name+"/doc_response.json", data, out)
		})
	}
}

// schemaTarget returns a value to decode the document's example of the
// named schema into, or nil for schemas decoded otherwise.
func schemaTarget(name string) any {
	switch name {
	case "FriendEntity":
		return new(FriendEntity)
	case "FriendCategoryEntity":
		return new(FriendCategoryEntity)
	case "GroupEntity":
		return new(GroupEntity)
	case "GroupMemberEntity":
		return new(GroupMemberEntity)
	case "GroupAnnouncementEntity":
		return new(GroupAnnouncementEntity)
	case "GroupFileEntity":
		return new(GroupFileEntity)
	case "GroupFolderEntity":
		return new(GroupFolderEntity)
	case "FriendRequest":
		return new(FriendRequest)
	case "IncomingMessage":
		return new(IncomingMessage)
	case "IncomingForwardedMessage":
		return new(IncomingForwardedMessage)
	case "GroupEssenceMessage":
		return new(GroupEssenceMessage)
	case "ApiEmptyObject":
		return new(map[string]json.RawMessage)
	}
	if api, ok := strings.CutPrefix(name, "Api_"); ok {
		if n, ok := strings.CutSuffix(api, "_input"); ok {
			if tc, ok := apiCases[n]; ok && tc.params != nil {
				return tc.params()
			}
			return new(map[string]json.RawMessage) // APIs without input: {}
		}
		if n, ok := strings.CutSuffix(api, "_output"); ok {
			return apiCases[n].result()
		}
	}
	return nil
}

// TestDocSchemaExamples decodes the document's example of every Milky schema
// (entities, unions, API inputs and outputs, the event) and checks the
// re-encoding.
func TestDocSchemaExamples(t *testing.T) {
	dir := golden.Path("milky", "schemas")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		file := e.Name()
		if !strings.HasSuffix(file, ".json") || strings.HasSuffix(file, ".roundtrip.json") {
			continue
		}
		n++
		name := strings.TrimSuffix(file, ".json")
		t.Run(name, func(t *testing.T) {
			in := readTestdata(t, "schemas", file)
			rel := "schemas/" + file
			var out []byte
			switch name {
			case "Event":
				ev, err := ParseEvent(in)
				if err != nil {
					t.Fatal(err)
				}
				if _, ok := ev.(*BotOfflineEvent); !ok {
					t.Fatalf("got %T", ev)
				}
				out, err = json.Marshal(ev)
				if err != nil {
					t.Fatal(err)
				}
			case "GroupNotification":
				var l GroupNotifications
				out = reencode(t, append(append([]byte("["), in...), ']'), &l)
				if len(l.Known()) != 1 {
					t.Fatalf("notification not decoded: %#v", l)
				}
				out = out[1 : len(out)-1]
			case "ApiResponse":
				if err := decodeResponse("x", in, nil); err != nil {
					t.Fatal(err)
				}
				out = in
			default:
				v := schemaTarget(name)
				if v == nil {
					t.Fatalf("no Go type for schema %s", name)
				}
				out = reencode(t, in, v)
			}
			checkRoundTrip(t, rel, in, out)
		})
	}
	if n < 100 {
		t.Errorf("only %d schema examples", n)
	}
}
