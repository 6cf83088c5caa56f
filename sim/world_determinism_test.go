package sim

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// script drives a world through most operations and returns every event
// and a transcript line per event.
func script(t *testing.T, seed uint64) ([]Event, []string) {
	t.Helper()
	clk := NewManualClock(epoch)
	w := New(WithClock(clk.Now), WithSeed(seed))
	defer w.Close()
	require.NoError(t, w.SeedDemo())
	ch, cancel := w.Subscribe(0)
	defer cancel()
	step := func(err error) {
		t.Helper()
		require.NoError(t, err)
		clk.Advance(time.Second)
	}
	msg := func(_ Message, err error) { t.Helper(); step(err) }
	msg(w.UserSendGroup(DemoGroupDev, DemoAlice, txt("hello")))
	msg(w.SendGroup(DemoGroupDev, []Element{Reply{Seq: 1}, Mention{UserID: DemoAlice}, Text{Text: " hi"}, Image{URI: "base64://AA"}}))
	msg(w.UserSendPrivate(DemoBob, txt("psst")))
	msg(w.SendPrivate(DemoBob, []Element{Forward{Nodes: []ForwardNode{{UserID: DemoBob, Content: txt("n")}}}}))
	msg(w.UserSendTemp(DemoGroupDev, DemoDave, txt("temp")))
	step(w.UserRecall(DemoAlice, SceneGroup, DemoGroupDev, 1))
	r, err := w.RequestFriend(DemoEve, "hi")
	step(err)
	step(w.AcceptFriendRequest(r.InitiatorUID, ""))
	n, err := w.RequestJoinGroup(DemoGroupPlay, DemoCarol, "in")
	step(err)
	step(w.AcceptGroupRequest(n.Seq))
	step(w.Mute(DemoGroupPlay, DemoCarol, time.Minute))
	step(w.SetWholeMute(DemoGroupPlay, true))
	step(w.SetAdmin(DemoGroupPlay, DemoAlice, true))
	step(w.SetTitle(DemoGroupPlay, DemoAlice, "vip"))
	step(w.SetCard(DemoGroupPlay, DemoEve, "e"))
	step(w.SetGroupName(DemoGroupPlay, "play2"))
	step(w.UserReact(DemoGroupDev, DemoBob, 2, "66", "", true))
	step(w.SetEssence(DemoGroupDev, 2, true))
	step(w.NudgeGroupMember(DemoGroupDev, DemoBob))
	step(w.UserNudgeFriend(DemoAlice, w.SelfID()))
	_, err = w.UserUploadGroupFile(DemoGroupDev, DemoCarol, "", "f.txt", []byte("f"))
	step(err)
	_, err = w.CreateGroupFolder(DemoGroupDev, "dir")
	step(err)
	_, err = w.UploadPrivateFile(DemoAlice, "p.txt", []byte("p"))
	step(err)
	_, err = w.SendAnnouncement(DemoGroupDev, "notice", "")
	step(err)
	step(w.UserLike(DemoBob, 1))
	step(w.SetPeerPin(SceneFriend, DemoAlice, true))
	step(w.UserSetAdmin(DemoGroupDev, DemoAlice, DemoBob, false))
	step(w.UserMute(DemoGroupDev, DemoAlice, DemoCarol, 0))
	step(w.UserSetCard(DemoGroupDev, DemoAlice, DemoCarol, ""))
	_, err = w.InviteBot(40000, DemoAlice)
	require.ErrorIs(t, err, ErrNotFound, "no such group yet")
	_, err = w.AddGroup(Group{ID: 40000, Name: "x", OwnerID: DemoAlice})
	step(err)
	inv, err := w.InviteBot(40000, DemoAlice)
	step(err)
	step(w.AcceptInvitation(inv.Seq))
	step(w.Kick(DemoGroupPlay, DemoEve, false))
	step(w.MemberLeave(DemoGroupDev, DemoDave))
	step(w.DismissGroup(DemoGroupPlay))
	w.BotOffline("bye")

	var evs []Event
	for {
		ev, err := drainN(ch, 1)
		require.NoError(t, err)
		evs = append(evs, ev[0])
		if _, last := ev[0].(*BotOfflineEvent); last {
			break
		}
	}
	require.Len(t, evs, 33)
	lines := make([]string, len(evs))
	for i, ev := range evs {
		b, err := json.Marshal(ev)
		require.NoError(t, err)
		lines[i] = ev.Kind() + " " + string(b)
	}
	return evs, lines
}

func TestDeterministic(t *testing.T) {
	evs1, lines1 := script(t, 7)
	evs2, lines2 := script(t, 7)
	require.Equal(t, strings.Join(lines1, "\n"), strings.Join(lines2, "\n"))
	require.Equal(t, evs1, evs2, "same seed and clock: identical events (ids, seqs, uids, times)")

	kinds := map[string]bool{}
	for _, ev := range evs1 {
		kinds[ev.Kind()] = true
	}
	for _, k := range []string{"message", "recall", "friend_request", "friend_added", "group_join_request",
		"group_member_increase", "group_mute", "group_whole_mute", "group_admin_change", "group_title_change",
		"group_card_change", "group_name_change", "group_reaction", "group_essence_change", "group_nudge",
		"friend_nudge", "group_file_upload", "friend_file_upload", "profile_like", "group_invitation",
		"group_member_decrease", "group_disband", "bot_offline", "peer_pin_change"} {
		require.True(t, kinds[k], "script covers %s", k)
	}

	evs3, _ := script(t, 8)
	require.NotEqual(t, evs1[0].(*MessageEvent).Message.ID, evs3[0].(*MessageEvent).Message.ID, "the seed drives ids")
	require.Equal(t, evs1[0].(*MessageEvent).Message.Seq, evs3[0].(*MessageEvent).Message.Seq, "seqs do not depend on the seed")
}

func TestDescribeCoversEveryEvent(t *testing.T) {
	evs, _ := script(t, 3)
	var lines []string
	for _, ev := range evs {
		d := Describe(ev)
		require.NotEqual(t, ev.Kind(), d, "Describe has a case for %T", ev)
		lines = append(lines, DescribeWithTime(ev))
	}
	want := []string{
		"1 2026-01-02 03:04:05 group 30001 #1 Alice(20001): hello",
		"2 2026-01-02 03:04:06 group 30001 #2 bot(10086001) (self): [reply #1]@Alice hi[image]",
		"3 2026-01-02 03:04:07 friend 20002 #1 Bob(20002): psst",
		"4 2026-01-02 03:04:08 friend 20002 #2 duobot(10086001) (self): [forward: ",
	}
	require.Equal(t, want[:3], lines[:3])
	require.True(t, strings.HasPrefix(lines[3], want[3]), lines[3])
	require.Contains(t, lines, "11 2026-01-02 03:04:15 group 30002: 20003 muted for 1m0s by 10086001")
	require.Contains(t, lines, "26 2026-01-02 03:04:32 group 30001: 20003 unmuted by 20001")
}
