package sim

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/duobot/duobot/milky"
)

func TestMilkySystemAPIs(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()

	login, err := e.c.GetLoginInfo(ctx)
	require.NoError(t, err)
	assert.Equal(t, DefaultSelfID, login.Uin)
	assert.Equal(t, DefaultSelfNickname, login.Nickname)

	impl, err := e.c.GetImplInfo(ctx)
	require.NoError(t, err)
	assert.Equal(t, "duobot-sim", impl.ImplName)
	assert.Equal(t, "1.2", impl.MilkyVersion)
	assert.Equal(t, MilkyQQProtocolType, impl.QQProtocolType)
	assert.NotEmpty(t, impl.QQProtocolVersion)

	prof, err := e.c.GetUserProfile(ctx, &milky.GetUserProfileParams{UserID: DemoBob})
	require.NoError(t, err)
	assert.Equal(t, "Bob", prof.Nickname)
	assert.Equal(t, milky.SexMale, prof.Sex)
	assert.Equal(t, int64(30), prof.Age)
	assert.Equal(t, int64(12), prof.Level)
	assert.Equal(t, "bob (work)", prof.Remark)
	prof, err = e.c.GetUserProfile(ctx, &milky.GetUserProfileParams{UserID: DemoAlice})
	require.NoError(t, err)
	assert.Equal(t, "hello from the simulator", prof.Bio)
	_, err = e.c.GetUserProfile(ctx, &milky.GetUserProfileParams{UserID: 99999})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	friends, err := e.c.GetFriendList(ctx, nil)
	require.NoError(t, err)
	require.Len(t, friends.Friends, 3)
	assert.Equal(t, DemoCarol, friends.Friends[2].UserID)
	assert.Equal(t, milky.FriendCategoryEntity{CategoryID: DemoColleague, CategoryName: "Colleagues"}, friends.Friends[2].Category)
	assert.Equal(t, "carol", friends.Friends[2].QID)

	fi, err := e.c.GetFriendInfo(ctx, &milky.GetFriendInfoParams{UserID: DemoBob})
	require.NoError(t, err)
	assert.Equal(t, "bob (work)", fi.Friend.Remark)
	_, err = e.c.GetFriendInfo(ctx, &milky.GetFriendInfoParams{UserID: DemoDave})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	groups, err := e.c.GetGroupList(ctx, nil)
	require.NoError(t, err)
	require.Len(t, groups.Groups, 2)
	assert.Equal(t, DemoGroupDev, groups.Groups[0].GroupID)
	assert.Equal(t, "duobot dev", groups.Groups[0].GroupName)
	assert.Equal(t, int64(5), groups.Groups[0].MemberCount)
	assert.Equal(t, "where duobot is built", groups.Groups[0].Description)
	assert.Equal(t, mkEpoch.Unix(), groups.Groups[0].CreatedTime)

	// Implementations send ids as strings too: they are accepted.
	var lenient milky.GetGroupInfoResult
	require.NoError(t, e.c.Call(ctx, milky.APIGetGroupInfo, json.RawMessage(`{"group_id":"30002","no_cache":"true"}`), &lenient))
	assert.Equal(t, DemoGroupPlay, lenient.Group.GroupID)
	err = e.c.Call(ctx, milky.APIGetGroupInfo, json.RawMessage(`{"group_id":{}}`), nil)
	mkAPIErr(t, err, milky.RetcodeBadParams)

	gi, err := e.c.GetGroupInfo(ctx, &milky.GetGroupInfoParams{GroupID: DemoGroupPlay})
	require.NoError(t, err)
	assert.Equal(t, int64(4), gi.Group.MemberCount)
	assert.Equal(t, int64(DefaultMaxMemberCount), gi.Group.MaxMemberCount)

	members, err := e.c.GetGroupMemberList(ctx, &milky.GetGroupMemberListParams{GroupID: DemoGroupDev})
	require.NoError(t, err)
	require.Len(t, members.Members, 5)
	assert.Equal(t, milky.RoleOwner, members.Members[0].Role)
	assert.Equal(t, DemoAlice, members.Members[0].UserID)

	mi, err := e.c.GetGroupMemberInfo(ctx, &milky.GetGroupMemberInfoParams{GroupID: DemoGroupDev, UserID: DemoBob})
	require.NoError(t, err)
	assert.Equal(t, milky.RoleAdmin, mi.Member.Role)
	assert.Equal(t, "reviewer", mi.Member.Title)
	assert.Equal(t, "Bob", mi.Member.Nickname)
	assert.Nil(t, mi.Member.ShutUpEndTime)
	_, err = e.c.GetGroupMemberInfo(ctx, &milky.GetGroupMemberInfoParams{GroupID: DemoGroupPlay, UserID: DemoCarol})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	// A group the bot is not in is not visible.
	_, err = e.w.AddGroup(Group{ID: 30009, Name: "elsewhere", OwnerID: DemoCarol})
	require.NoError(t, err)
	_, err = e.c.GetGroupInfo(ctx, &milky.GetGroupInfoParams{GroupID: 30009})
	mkAPIErr(t, err, MilkyRetcodeNotFound)
	_, err = e.c.GetGroupMemberList(ctx, &milky.GetGroupMemberListParams{GroupID: 30009})
	mkAPIErr(t, err, MilkyRetcodeNotFound)

	// Pins.
	require.NoError(t, e.c.SetPeerPin(ctx, &milky.SetPeerPinParams{MessageScene: milky.SceneFriend, PeerID: DemoAlice}))
	pin := mkNext[*milky.PeerPinChangeEvent](e)
	assert.Equal(t, milky.PeerPinChangeEventData{MessageScene: "friend", PeerID: DemoAlice, IsPinned: true}, pin.Data)
	require.NoError(t, e.c.SetPeerPin(ctx, &milky.SetPeerPinParams{MessageScene: milky.SceneGroup, PeerID: DemoGroupPlay, IsPinned: mkPtr(true)}))
	pin = mkNext[*milky.PeerPinChangeEvent](e)
	assert.Equal(t, DemoGroupPlay, pin.Data.PeerID)
	require.NoError(t, e.c.SetPeerPin(ctx, &milky.SetPeerPinParams{MessageScene: milky.SceneTemp, PeerID: DemoDave}))
	pin = mkNext[*milky.PeerPinChangeEvent](e)
	assert.Equal(t, milky.SceneTemp, pin.Data.MessageScene)
	assert.Len(t, e.w.PeerPins(), 3)
	pins, err := e.c.GetPeerPins(ctx)
	require.NoError(t, err)
	require.Len(t, pins.Friends, 1)
	require.Len(t, pins.Groups, 1)
	assert.Equal(t, DemoAlice, pins.Friends[0].UserID)
	assert.Equal(t, DemoGroupPlay, pins.Groups[0].GroupID)
	require.NoError(t, e.c.SetPeerPin(ctx, &milky.SetPeerPinParams{MessageScene: milky.SceneFriend, PeerID: DemoAlice, IsPinned: mkPtr(false)}))
	pin = mkNext[*milky.PeerPinChangeEvent](e)
	assert.False(t, pin.Data.IsPinned)
	err = e.c.SetPeerPin(ctx, &milky.SetPeerPinParams{MessageScene: "channel", PeerID: DemoAlice})
	mkAPIErr(t, err, milky.RetcodeBadParams)
	assert.ErrorIs(t, err, milky.ErrBadParams)

	// Profile.
	require.NoError(t, e.c.SetNickname(ctx, &milky.SetNicknameParams{NewNickname: "simbot"}))
	assert.Equal(t, "simbot", e.w.Self().Nickname)
	login, err = e.c.GetLoginInfo(ctx)
	require.NoError(t, err)
	assert.Equal(t, "simbot", login.Nickname)
	mkAPIErr(t, e.c.SetNickname(ctx, &milky.SetNicknameParams{}), milky.RetcodeBadParams)
	require.NoError(t, e.c.SetBio(ctx, &milky.SetBioParams{NewBio: "beep"}))
	assert.Equal(t, "beep", e.w.Self().Sign)
	require.NoError(t, e.c.SetAvatar(ctx, &milky.SetAvatarParams{URI: "https://example.invalid/a.png"}))
	assert.Equal(t, "https://example.invalid/a.png", e.w.Self().AvatarURL)
	mkAPIErr(t, e.c.SetAvatar(ctx, &milky.SetAvatarParams{URI: "ftp://x"}), milky.RetcodeBadParams)

	faces, err := e.c.GetCustomFaceURLList(ctx)
	require.NoError(t, err)
	assert.NotNil(t, faces.Urls)
	assert.Empty(t, faces.Urls)

	e.none()
}

func TestMilkyUnsupportedAPIs(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()
	require.NotEmpty(t, MilkyUnsupportedAPIs())
	for api := range MilkyUnsupportedAPIs() {
		err := e.c.Call(ctx, api, map[string]any{"domain": "qun.qq.com"}, nil)
		ae := mkAPIErr(t, err, MilkyRetcodeUnsupported)
		assert.Contains(t, ae.Message, "not supported by the simulator: "+api)
	}
	_, err := e.c.GetCookies(ctx, &milky.GetCookiesParams{Domain: "qun.qq.com"})
	mkAPIErr(t, err, MilkyRetcodeUnsupported)
	_, err = e.c.GetCSRFToken(ctx)
	mkAPIErr(t, err, MilkyRetcodeUnsupported)

	// An API Milky does not define is HTTP 404.
	err = e.c.Call(ctx, "get_status", nil, nil)
	assert.ErrorIs(t, err, milky.ErrUnknownAPI)
}

// Every Milky 1.2 API is either implemented or listed as unsupported, and
// Register serves all of them.
func TestMilkyEveryAPIRegistered(t *testing.T) {
	require.Len(t, milky.APINames, 64)
	impl := MilkyImplementedAPIs()
	assert.Len(t, impl, len(milky.APINames)-len(MilkyUnsupportedAPIs()))
	for api := range MilkyUnsupportedAPIs() {
		assert.Contains(t, milky.APINames, api, "unsupported API %q is not a Milky 1.2 API", api)
	}
	// The list is a copy.
	delete(MilkyUnsupportedAPIs(), milky.APIGetCookies)
	assert.Contains(t, MilkyUnsupportedAPIs(), milky.APIGetCookies)
	b := NewMilkyBackend(New(), nil)
	m := b.NewMilkyServeMux()
	for _, api := range milky.APINames {
		assert.NotNil(t, m.Handler(api), "%s has no handler", api)
	}
	assert.Nil(t, m.Handler("get_status"))
}

func TestMilkyOffline(t *testing.T) {
	e := newMkEnv(t)
	ctx := t.Context()
	e.w.BotOffline("kicked by another device")
	off := mkNext[*milky.BotOfflineEvent](e)
	assert.Equal(t, "kicked by another device", off.Data.Reason)

	_, err := e.c.GetLoginInfo(ctx)
	mkAPIErr(t, err, milky.RetcodeNotLoggedIn)
	assert.ErrorIs(t, err, milky.ErrNotLoggedIn)
	_, err = e.c.SendGroupMessage(ctx, &milky.SendGroupMessageParams{GroupID: DemoGroupDev, Message: milky.OutgoingSegments{milky.Text("hi")}})
	assert.ErrorIs(t, err, milky.ErrNotLoggedIn)
	_, err = e.c.GetImplInfo(ctx)
	require.NoError(t, err)
	// Every API but get_impl_info (and the unsupported ones) answers -403
	// "the bot is offline", whatever its params.
	unsupported := MilkyUnsupportedAPIs()
	for _, api := range milky.APINames {
		if api == milky.APIGetImplInfo {
			continue
		}
		err := e.c.Call(ctx, api, map[string]any{}, nil)
		if _, ok := unsupported[api]; ok {
			mkAPIErr(t, err, MilkyRetcodeUnsupported)
			continue
		}
		ae := mkAPIErr(t, err, milky.RetcodeNotLoggedIn)
		assert.Equal(t, "the bot is offline", ae.Message, api)
	}
	// In-process the failure matches ErrBotOffline.
	_, err = e.b.GetLoginInfo(ctx)
	assert.ErrorIs(t, err, ErrBotOffline)

	e.w.BotOnline()
	_, err = e.c.GetLoginInfo(ctx)
	require.NoError(t, err)
}
