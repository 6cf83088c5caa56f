package sim_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/duobot/duobot/internal/golden"
	"github.com/duobot/duobot/onebot11"
	"github.com/duobot/duobot/sim"
)

// Every action of ACTIONS.txt is either served on the world, listed as
// unsupported, or served by the ServeMux itself.
func TestOneBot11ActionCoverage(t *testing.T) {
	f, err := os.Open(golden.Path("onebot11", "actions", "ACTIONS.txt"))
	ob11Must(t, err)
	defer f.Close()
	supported := sim.OneBot11Actions()
	unsupported := sim.OneBot11UnsupportedActions()
	served := map[string]bool{".handle_quick_operation": true}
	var all []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") || strings.Contains(line, "exempt:") {
			continue
		}
		a := strings.Fields(line)[0]
		all = append(all, a)
		in, out := slices.Contains(supported, a), slices.Contains(unsupported, a)
		switch {
		case in && out:
			t.Errorf("%s is both supported and listed unsupported", a)
		case !in && !out && !served[a]:
			t.Errorf("%s is neither supported nor listed unsupported", a)
		}
	}
	ob11Must(t, sc.Err())
	for _, a := range append(slices.Clone(supported), unsupported...) {
		if !slices.Contains(all, a) {
			t.Errorf("%s is not in ACTIONS.txt", a)
		}
	}
	if len(all) < 100 {
		t.Fatalf("read only %d actions", len(all))
	}
	// The list in OneBot11UnsupportedActions' doc comment names every action.
	src, err := os.ReadFile("onebot11.go")
	ob11Must(t, err)
	doc := string(src)
	i := strings.Index(doc, "// OneBot11UnsupportedActions returns")
	j := strings.Index(doc, "func OneBot11UnsupportedActions")
	if i < 0 || j < i {
		t.Fatal("OneBot11UnsupportedActions doc comment not found")
	}
	doc = doc[i:j]
	for _, a := range unsupported {
		if !strings.Contains(doc, " "+a+",") && !strings.Contains(doc, " "+a+":") {
			t.Errorf("OneBot11UnsupportedActions' doc comment does not list %s", a)
		}
	}
}

// Every unsupported action answers the clear error over the wire.
func TestOneBot11Unsupported(t *testing.T) {
	e := newOB11Env(t, "http")
	for _, a := range sim.OneBot11UnsupportedActions() {
		_, err := e.c.CallRaw(e.ctx(), a, map[string]any{})
		ob11WantRetcode(t, err, onebot11.RetcodeUnknownAction, "not supported by the simulator: "+a)
	}
}

// ob11ShapeExempt lists keys of the document's examples the simulator does
// not produce: LLOneBot's raw NT fields and values that need real media.
var ob11ShapeExempt = map[string][]string{
	"get_file":            {"base64", "file_size"},
	"get_image":           {"file_size"},
	"get_record":          {"base64", "file_size"},
	"get_group_info":      {"groupAll"},
	"get_status":          {"stat"},
	"get_group_shut_list": {"autoRemark", "bigClubFlag", "bigClubLevel", "cardNameId", "creditLevel", "globalGroupLevel", "globalGroupPoint", "groupHonor", "isDelete", "isRobot", "isSpecialConcerned", "isSpecialShield", "isSpecialShielded", "memberFlag", "memberFlagExt", "memberFlagExt2", "memberMobileFlag", "memberTitleId", "mssVipType", "remark", "richFlag", "userShowFlag", "userShowFlagNew", "cardType", "specialTitleExpireTime"},
	// LLOneBot returns QQ's raw answer; the simulator has none (null data).
	"delete_essence_msg": {"errCode", "errMsg", "result"},
}

// The results carry the keys of the document's response examples.
func TestOneBot11ResultShapes(t *testing.T) {
	e := newOB11Env(t, "http")
	ctx, w, c := e.ctx(), e.w, e.c
	const play = sim.DemoGroupPlay
	img := onebot11.ImageBytes([]byte("img"))
	sent, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: play,
		Message: onebot11.Message{onebot11.Text("x"), img, onebot11.RecordBytes([]byte("rec"))}})
	ob11Must(t, err)
	msg, _ := w.MessageByID(int32(sent.MessageID))
	imgID, recID := msg.Content[1].(sim.Image).ResourceID, msg.Content[2].(sim.Record).ResourceID
	fwd, err := c.SendGroupForwardMsg(ctx, &onebot11.SendGroupForwardMsgParams{GroupID: play,
		Messages: onebot11.Message{onebot11.NodeRef(sent.MessageID)}})
	ob11Must(t, err)
	up, err := c.UploadGroupFile(ctx, &onebot11.UploadGroupFileParams{GroupID: play, File: onebot11.Base64URI([]byte("f")), Name: "f"})
	ob11Must(t, err)
	fd, err := c.CreateGroupFileFolder(ctx, &onebot11.CreateGroupFileFolderParams{GroupID: play, Name: "d"})
	ob11Must(t, err)
	pf, err := c.UploadPrivateFile(ctx, &onebot11.UploadPrivateFileParams{UserID: sim.DemoAlice, File: onebot11.Base64URI([]byte("p"))})
	ob11Must(t, err)
	ob11Must(t, c.SetEssenceMsg(ctx, &onebot11.SetEssenceMsgParams{MessageID: sent.MessageID}))
	sent2, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: play, Message: onebot11.Message{onebot11.Text("y")}})
	ob11Must(t, err)
	ob11Must(t, c.SetEssenceMsg(ctx, &onebot11.SetEssenceMsgParams{MessageID: sent2.MessageID}))
	ob11Must(t, c.SendGroupNotice(ctx, &onebot11.SendGroupNoticeParams{GroupID: play, Content: "n"}))
	ob11Must(t, c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: play, UserID: sim.DemoEve, Duration: 60}))
	_, err = w.RequestJoinGroup(play, sim.DemoDave, "hi")
	ob11Must(t, err)
	_, err = w.RequestFriendFiltered(sim.DemoDave, "risky hi")
	ob11Must(t, err)

	params := map[string]any{
		"_get_group_notice":             map[string]any{"group_id": play},
		"can_send_image":                nil,
		"can_send_record":               nil,
		"create_group_file_folder":      map[string]any{"group_id": play, "name": "d2"},
		"forward_friend_single_msg":     map[string]any{"message_id": sent.MessageID, "user_id": sim.DemoBob},
		"forward_group_single_msg":      map[string]any{"message_id": sent.MessageID, "group_id": sim.DemoGroupDev},
		"delete_essence_msg":            map[string]any{"message_id": sent2.MessageID},
		"get_essence_msg_list":          map[string]any{"group_id": play},
		"get_doubt_friends_add_request": map[string]any{"count": 10},
		"get_file":                      map[string]any{"file": imgID},
		"get_forward_msg":               map[string]any{"id": fwd.ForwardID},
		"get_friend_list":               nil,
		"get_friend_msg_history":        map[string]any{"user_id": sim.DemoAlice},
		"get_friends_with_category":     nil,
		"get_group_file_system_info":    map[string]any{"group_id": play},
		"get_group_file_url":            map[string]any{"group_id": play, "file_id": up.FileID},
		"get_group_files_by_folder":     map[string]any{"group_id": play, "folder_id": fd.FolderID},
		"get_group_info":                map[string]any{"group_id": play},
		"get_group_list":                nil,
		"get_group_member_info":         map[string]any{"group_id": play, "user_id": sim.DemoAlice},
		"get_group_member_list":         map[string]any{"group_id": play},
		"get_group_msg_history":         map[string]any{"group_id": play},
		"get_group_root_files":          map[string]any{"group_id": play},
		"get_group_shut_list":           map[string]any{"group_id": play},
		"get_group_system_msg":          nil,
		"get_image":                     map[string]any{"file": imgID},
		"get_login_info":                nil,
		"get_msg":                       map[string]any{"message_id": sent.MessageID},
		"get_private_file_url":          map[string]any{"file_id": pf.FileID},
		"get_qq_avatar":                 map[string]any{"user_id": sim.DemoAlice},
		"get_record":                    map[string]any{"file": recID},
		"get_status":                    nil,
		"get_stranger_info":             map[string]any{"user_id": sim.DemoAlice},
		"get_version_info":              nil,
		"send_forward_msg":              map[string]any{"message_type": "group", "group_id": play, "messages": []any{map[string]any{"type": "node", "data": map[string]any{"id": sent.MessageID}}}},
		"send_group_forward_msg":        map[string]any{"group_id": play, "messages": []any{map[string]any{"type": "node", "data": map[string]any{"id": sent.MessageID}}}},
		"send_group_msg":                map[string]any{"group_id": play, "message": "x"},
		"send_msg":                      map[string]any{"message_type": "private", "user_id": sim.DemoAlice, "message": "x"},
		"send_private_forward_msg":      map[string]any{"user_id": sim.DemoAlice, "messages": []any{map[string]any{"type": "node", "data": map[string]any{"id": sent.MessageID}}}},
		"send_private_msg":              map[string]any{"user_id": sim.DemoAlice, "message": "x"},
		"upload_group_file":             map[string]any{"group_id": play, "file": onebot11.Base64URI([]byte("g")), "name": "g"},
		"upload_private_file":           map[string]any{"user_id": sim.DemoAlice, "file": onebot11.Base64URI([]byte("q")), "name": "q"},
	}
	files, err := filepath.Glob(golden.Path("onebot11", "actions", "*.response.0.json"))
	ob11Must(t, err)
	supported := sim.OneBot11Actions()
	checked := 0
	for _, f := range files {
		action := strings.TrimSuffix(filepath.Base(f), ".response.0.json")
		if !slices.Contains(supported, action) {
			continue
		}
		raw, err := os.ReadFile(f)
		ob11Must(t, err)
		var doc struct{ Data json.RawMessage }
		ob11Must(t, json.Unmarshal(raw, &doc))
		want := ob11Keys(doc.Data)
		if want == nil {
			continue // the example has no object data
		}
		p, ok := params[action]
		if !ok {
			t.Errorf("%s: no params in the shape test", action)
			continue
		}
		data, err := c.CallRaw(ctx, action, p)
		if err != nil {
			t.Errorf("%s: %v", action, err)
			continue
		}
		got := ob11Keys(data)
		for _, k := range want {
			if !slices.Contains(got, k) && !slices.Contains(ob11ShapeExempt[action], k) {
				t.Errorf("%s: result lacks key %q of the document's example (got %v)", action, k, got)
			}
		}
		checked++
	}
	if checked < 30 {
		t.Fatalf("checked only %d actions", checked)
	}
}

// ob11Keys returns the sorted keys of an object, or of an array's first
// object; nil when there is none.
func ob11Keys(data json.RawMessage) []string {
	var v any
	if json.Unmarshal(data, &v) != nil {
		return nil
	}
	if a, ok := v.([]any); ok {
		if len(a) == 0 {
			return nil
		}
		v = a[0]
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ob11EventExempt lists keys of the document's event examples the simulator
// does not send for the event it produced: LLOneBot's zero-valued extras
// (group_id, target_id and temp_source on a friend's message; invitor_id on
// a plain join request), which the onebot11 types omit when zero.
var ob11EventExempt = map[string][]string{
	"doc_message_event.json":       {"group_id", "target_id", "temp_source"},
	"doc_group_request_event.json": {"invitor_id"},
}

// The events carry the keys of the document's event examples of the same
// type, and heartbeats and bot_offline arrive.
func TestOneBot11EventShapes(t *testing.T) {
	e := newOB11EnvWith(t, "ws", &sim.OneBot11Options{HeartbeatInterval: 20 * time.Millisecond})
	ctx, w, c, self := e.ctx(), e.w, e.c, e.w.SelfID()
	const play, dev = sim.DemoGroupPlay, sim.DemoGroupDev

	hb := waitOB11[*onebot11.HeartbeatMetaEvent](e, nil)
	if hb.Interval != 20 || !hb.Status.Online || hb.SelfID != self {
		t.Fatalf("heartbeat %+v", hb)
	}
	um, err := w.UserSendGroup(dev, sim.DemoCarol, []sim.Element{sim.Text{Text: "a"}})
	ob11Must(t, err)
	fm, err := w.UserSendPrivate(sim.DemoAlice, []sim.Element{sim.Text{Text: "b"}})
	ob11Must(t, err)
	_, err = c.SendPrivateMsg(ctx, &onebot11.SendPrivateMsgParams{UserID: sim.DemoAlice, Message: onebot11.Message{onebot11.Text("c")}})
	ob11Must(t, err)
	bm, err := c.SendGroupMsg(ctx, &onebot11.SendGroupMsgParams{GroupID: play, Message: onebot11.Message{onebot11.Text("d")}})
	ob11Must(t, err)
	ob11Must(t, w.UserRecall(sim.DemoCarol, sim.SceneGroup, dev, um.Seq))
	ob11Must(t, w.UserRecall(sim.DemoAlice, sim.SceneFriend, sim.DemoAlice, fm.Seq))
	_, err = w.RequestFriend(sim.DemoDave, "hi")
	ob11Must(t, err)
	_, err = w.RequestJoinGroup(play, sim.DemoDave, "hi")
	ob11Must(t, err)
	ob11Must(t, w.UserNudgeGroup(dev, sim.DemoCarol, self))
	ob11Must(t, w.UserNudgeFriend(sim.DemoAlice, self))
	_, err = w.UserUploadGroupFile(play, sim.DemoAlice, "", "f", []byte("f"))
	ob11Must(t, err)
	ob11Must(t, c.SetGroupAdmin(ctx, &onebot11.SetGroupAdminParams{GroupID: play, UserID: sim.DemoEve, Enable: true}))
	ob11Must(t, c.SetGroupBan(ctx, &onebot11.SetGroupBanParams{GroupID: play, UserID: sim.DemoEve, Duration: 60}))
	ob11Must(t, c.SetGroupSpecialTitle(ctx, &onebot11.SetGroupSpecialTitleParams{GroupID: play, UserID: sim.DemoEve, SpecialTitle: "t"}))
	ob11Must(t, c.SetEssenceMsg(ctx, &onebot11.SetEssenceMsgParams{MessageID: bm.MessageID}))
	ob11Must(t, c.SetMsgEmojiLike(ctx, &onebot11.SetMsgEmojiLikeParams{MessageID: bm.MessageID, EmojiID: 128512}))
	ob11Must(t, w.UserLike(sim.DemoBob, 1))
	ob11Must(t, w.MemberJoin(play, sim.DemoCarol, 0))
	ob11Must(t, c.SetGroupKick(ctx, &onebot11.SetGroupKickParams{GroupID: play, UserID: sim.DemoCarol}))
	ob11Must(t, c.SetFriendAddRequest(ctx, &onebot11.SetFriendAddRequestParams{Flag: waitOB11[*onebot11.FriendRequestEvent](e, nil).Flag, Approve: true}))
	ob11Must(t, c.SetGroupLeave(ctx, &onebot11.SetGroupLeaveParams{GroupID: play, IsDismiss: true}))
	waitOB11[*onebot11.GroupDismissNoticeEvent](e, nil)
	w.BotOffline("kicked offline")
	off := waitOB11[*onebot11.BotOfflineNoticeEvent](e, nil)
	if off.Message != "kicked offline" || off.UserID != self {
		t.Fatalf("bot offline %+v", off)
	}
	hb = waitOB11[*onebot11.HeartbeatMetaEvent](e, nil)
	if hb.Status.Online {
		t.Fatal("heartbeat says online after BotOffline")
	}
	if el := waitOB11Seen[*onebot11.GroupMsgEmojiLikeNoticeEvent](e); el.Likes[0].EmojiID != "128512" {
		t.Fatalf("emoji like %+v", el)
	}

	files, err := filepath.Glob(golden.Path("onebot11", "events", "doc_*.json"))
	ob11Must(t, err)
	checked := 0
	for _, f := range files {
		raw, err := os.ReadFile(f)
		ob11Must(t, err)
		want, err := onebot11.ParseEvent(raw)
		if err != nil {
			continue
		}
		var got onebot11.Event
		for _, ev := range e.seen {
			if reflect.TypeOf(ev) == reflect.TypeOf(want) && ob11SameKind(ev, want) {
				got = ev
				break
			}
		}
		if got == nil {
			t.Logf("%s: no %T event in the scenario", filepath.Base(f), want)
			continue
		}
		gb, err := json.Marshal(got)
		ob11Must(t, err)
		// The event parses back to the same JSON value.
		back, err := onebot11.ParseEvent(gb)
		ob11Must(t, err)
		bb, err := json.Marshal(back)
		ob11Must(t, err)
		golden.EqualJSON(t, gb, bb)
		gotKeys := ob11Keys(gb)
		for _, k := range ob11Keys(raw) {
			if !slices.Contains(gotKeys, k) && !slices.Contains(ob11EventExempt[filepath.Base(f)], k) {
				t.Errorf("%s: our %T lacks key %q (got %v)", filepath.Base(f), got, k, gotKeys)
			}
		}
		checked++
	}
	if checked < 15 {
		t.Fatalf("checked only %d event examples", checked)
	}
}

// ob11SameKind tells whether two events of one Go type are the same kind
// (the same post/detail type after marshalling).
func ob11SameKind(a, b onebot11.Event) bool {
	return a.Header().PostType == b.Header().PostType && a.Header().DetailType == b.Header().DetailType
}

func waitOB11Seen[T onebot11.Event](e *ob11Env) T {
	e.t.Helper()
	for _, ev := range e.seen {
		if v, ok := ev.(T); ok {
			return v
		}
	}
	return waitOB11[T](e, nil)
}
